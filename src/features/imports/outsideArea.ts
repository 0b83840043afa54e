// An import may tell an officer something about a person registered outside their area: that a row
// proving the person's ID, name and birth date is someone registered elsewhere, or (at import time)
// that an ID is taken. That a person receives social assistance is sensitive personal data, so
// each such answer is audited as personal-data access and limited per staff member. Once the limit
// is reached every beneficiary import of that staff member is refused until the window has passed,
// whatever the file holds — a refusal that depended on the file would itself be an answer.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { recordAudit } from "../audit/service.ts";
import type { OutsideAnswer } from "./beneficiaryPlan.ts";

export interface OutsideAreaPolicy {
  limit: number;
  windowHours: number;
}

const ANSWER = "import.outside_area";
const REFUSED = "import.outside_area_refused";

/** How many answers the staff member may still be given now; 0 when imports are refused. */
export async function outsideAreaAllowance(
  prisma: PrismaClient,
  staff: StaffContext,
  now: Date,
  policy: OutsideAreaPolicy,
): Promise<{ remaining: number; until: Date | null }> {
  const from = new Date(now.getTime() - policy.windowHours * 3_600_000);
  const entries = await prisma.auditLog.findMany({
    where: { staffId: staff.id, action: { in: [ANSWER, REFUSED] }, at: { gt: from } },
    select: { at: true, action: true },
    orderBy: { at: "asc" },
  });
  const answers = entries.filter((e) => e.action === ANSWER).length;
  const refused = entries.some((e) => e.action === REFUSED);
  const remaining = refused ? 0 : Math.max(0, policy.limit - answers);
  // Imports open again when the oldest entry that counts leaves the window.
  const oldest = entries[0]?.at;
  return {
    remaining,
    until: remaining > 0 || !oldest ? null : new Date(oldest.getTime() + policy.windowHours * 3_600_000),
  };
}

export async function recordOutsideAnswers(
  prisma: PrismaClient,
  staff: StaffContext,
  answers: OutsideAnswer[],
  file: { fileName: string; dryRun: boolean },
): Promise<void> {
  for (const a of answers) {
    await recordAudit(prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: ANSWER,
      entity: "beneficiary",
      entityId: a.beneficiaryId,
      detail: { answer: a.kind, fileName: file.fileName, sheet: a.sheet, row: a.row, dryRun: file.dryRun },
    });
  }
}

/** The file asked more than the allowance: nothing is answered, and imports stay closed for the window. */
export async function recordOutsideRefusal(
  prisma: PrismaClient,
  staff: StaffContext,
  file: { fileName: string; asked: number; remaining: number },
): Promise<void> {
  await recordAudit(prisma, { staffId: staff.id, actor: staff.username, action: REFUSED, detail: { ...file } });
}
