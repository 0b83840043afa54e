// Showing a full personal ID: only to a role allowed to (roles.ts), only for a person of the staff
// member's area, written to the audit log before it is shown, and at most `perHour` times an hour
// per staff member, so an account cannot be used to read IDs in bulk.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/service.ts";
import { can } from "../staff/roles.ts";
import type { StaffContext } from "../../http/context.ts";
import { revealPersonalId } from "./detail.ts";

export const REVEAL_ACTION = "beneficiary.reveal_id";

export type RevealOutcome =
  | { ok: true; personalId: string }
  | { ok: false; problem: "forbidden" | "notFound" }
  | { ok: false; problem: "limit"; perHour: number };

export async function revealForStaff(
  db: Pick<PrismaClient, "beneficiary" | "auditLog">,
  staff: StaffContext,
  beneficiaryId: string,
  o: { now: Date; perHour: number; ip: string | null },
): Promise<RevealOutcome> {
  if (!can(staff.role, "people.revealId")) return { ok: false, problem: "forbidden" };
  const personalId = await revealPersonalId(db, staff.communeIds, beneficiaryId);
  if (personalId === null) return { ok: false, problem: "notFound" };
  const audit = {
    staffId: staff.id,
    actor: staff.username,
    entity: "beneficiary",
    entityId: beneficiaryId,
    ip: o.ip,
    at: o.now,
  };
  const lastHour = await db.auditLog.count({
    where: { staffId: staff.id, action: REVEAL_ACTION, at: { gt: new Date(o.now.getTime() - 3_600_000) } },
  });
  if (lastHour >= o.perHour) {
    await recordAudit(db, { ...audit, action: "beneficiary.reveal_limited", detail: { perHour: o.perHour } });
    return { ok: false, problem: "limit", perHour: o.perHour };
  }
  // Recorded before the ID leaves: a reveal that cannot be audited is not shown.
  await recordAudit(db, { ...audit, action: REVEAL_ACTION });
  return { ok: true, personalId };
}
