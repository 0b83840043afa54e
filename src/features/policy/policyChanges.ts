// The four-eyes rule for policy: a province officer or an admin enters a change, which does nothing
// until a second staff member confirms it (never its author). Every step is in the audit log; every
// change, decided or not, stays as the row's history. A confirmed change moves the policy version,
// so running services use it at once.
import { AppError } from "../../core/errors.ts";
import type { PolicyChangeStatus } from "../../generated/prisma/enums.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { applyChange } from "./applyChange.ts";
import {
  changeValue,
  currentValue,
  keyOf,
  storedAfter,
  withChange,
  type ChangeValue,
  type PolicyTableName,
  type ProposedChange,
} from "./changeSchema.ts";
import { policySchema } from "./policySchema.ts";
import { bumpPolicyVersion } from "./policyVersion.ts";
import { readPolicy } from "./readPolicy.ts";
import { z } from "zod";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { can } from "../staff/roles.ts";

export interface PolicyActor {
  id: string;
  username: string;
  role: StaffRole;
  /** Provinces whose resolutions this person may change; null: every province. */
  provinceCodes: string[] | null;
  ip?: string | null;
}

export interface StoredChange {
  id: string;
  table: PolicyTableName;
  target: string | null;
  before: ChangeValue | null;
  after: { remove: true } | { value: ChangeValue };
  status: PolicyChangeStatus;
  note: string | null;
  enteredById: string;
  enteredBy: string;
  enteredAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export function canEditPolicy(actor: Pick<PolicyActor, "role">): boolean {
  return can(actor.role, "policy.edit");
}

/** Enters a change (checked against the whole policy as it would be); it waits for a second person. */
export async function proposeChange(
  prisma: PrismaClient,
  actor: PolicyActor,
  change: ProposedChange,
  note: string | null,
): Promise<StoredChange> {
  mayChange(actor, change);
  const stored = await readPolicy(prisma);
  const current = { ...stored.policy, resolutionIds: stored.resolutionIds };
  const before = change.target ? currentValue(current, change.table, change.target) : null;
  if (change.target && !before)
    throw new AppError("not_found", "the row to change is not in the policy data", { reason: "unknown_row" });
  if (before && change.value && change.table === "RESOLUTION") mayChange(actor, { ...change, value: before });
  if (
    !change.target &&
    change.value &&
    change.table !== "RESOLUTION" &&
    currentValue(current, change.table, keyOf(change.value))
  ) {
    throw new AppError("conflict", "a row with this key exists already: change that row instead", {
      reason: "duplicate_row",
    });
  }
  checkWhole(current, change);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.policyChange.create({
      data: {
        table: change.table,
        targetId: change.target,
        before: before ? toJsonValue(before) : undefined,
        after: toJsonValue(change.remove ? { remove: true } : { value: change.value }),
        summary: change.value ? keyOf(change.value) || "new" : `remove ${change.target ?? ""}`,
        note,
        enteredById: actor.id,
        enteredBy: actor.username,
      },
    });
    await recordAudit(tx, {
      staffId: actor.id,
      actor: actor.username,
      action: "policy.propose",
      entity: "PolicyChange",
      entityId: created.id,
      detail: { table: change.table, target: change.target, summary: created.summary },
      ip: actor.ip,
    });
    return created;
  });
  return parseChange(row);
}

/** Confirms someone else's pending change: applies it, moves the policy version. */
export async function confirmChange(
  prisma: PrismaClient,
  actor: PolicyActor,
  changeId: string,
  note: string | null,
): Promise<StoredChange> {
  const change = await loadChange(prisma, changeId);
  if (!canEditPolicy(actor))
    throw new AppError("forbidden", "only province officers and admins confirm policy changes", { reason: "role" });
  if (change.enteredById === actor.id)
    throw new AppError("forbidden", "a change is confirmed by another person than its author", {
      reason: "own_change",
    });
  if (change.status !== "PENDING")
    throw new AppError("conflict", "this change was decided already", { reason: "decided" });
  const proposed = toProposed(change);
  mayChange(actor, proposed);
  await prisma.$transaction(
    async (tx) => {
      // Only one confirmation wins, even when two people press at once.
      const claimed = await tx.policyChange.updateMany({
        where: { id: changeId, status: "PENDING" },
        data: {
          status: "CONFIRMED",
          decidedById: actor.id,
          decidedBy: actor.username,
          decidedAt: new Date(),
          decisionNote: note,
        },
      });
      if (claimed.count !== 1) throw new AppError("conflict", "this change was decided already", { reason: "decided" });
      // Checked again: other changes may have been confirmed since it was entered.
      const stored = await readPolicy(tx);
      checkWhole({ ...stored.policy, resolutionIds: stored.resolutionIds }, proposed);
      await applyChange(tx, proposed, {
        enteredBy: change.enteredBy,
        confirmedBy: actor.username,
        confirmedAt: new Date(),
      });
      const version = await bumpPolicyVersion(tx);
      await recordAudit(tx, {
        staffId: actor.id,
        actor: actor.username,
        action: "policy.confirm",
        entity: "PolicyChange",
        entityId: changeId,
        detail: { table: change.table, target: change.target, enteredBy: change.enteredBy, version },
        ip: actor.ip,
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return loadChange(prisma, changeId);
}

/** Rejects a pending change (another person), or withdraws one's own. */
export async function declineChange(
  prisma: PrismaClient,
  actor: PolicyActor,
  changeId: string,
  note: string | null,
): Promise<StoredChange> {
  const change = await loadChange(prisma, changeId);
  if (!canEditPolicy(actor))
    throw new AppError("forbidden", "only province officers and admins decide policy changes", { reason: "role" });
  const status = change.enteredById === actor.id ? "WITHDRAWN" : "REJECTED";
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.policyChange.updateMany({
      where: { id: changeId, status: "PENDING" },
      data: { status, decidedById: actor.id, decidedBy: actor.username, decidedAt: new Date(), decisionNote: note },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "this change was decided already", { reason: "decided" });
    await recordAudit(tx, {
      staffId: actor.id,
      actor: actor.username,
      action: status === "WITHDRAWN" ? "policy.withdraw" : "policy.reject",
      entity: "PolicyChange",
      entityId: changeId,
      detail: { table: change.table, target: change.target },
      ip: actor.ip,
    });
  });
  return loadChange(prisma, changeId);
}

export async function loadChange(db: Pick<PrismaClient, "policyChange">, id: string): Promise<StoredChange> {
  const row = await db.policyChange.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "unknown policy change", { reason: "unknown_change" });
  return parseChange(row);
}

/** Changes, newest first: the pending ones, or the history (optionally of one row). */
export async function listChanges(
  db: Pick<PrismaClient, "policyChange">,
  o: { pending?: boolean; target?: string; take?: number },
): Promise<StoredChange[]> {
  const rows = await db.policyChange.findMany({
    where: { ...(o.pending ? { status: "PENDING" } : {}), ...(o.target ? { targetId: o.target } : {}) },
    orderBy: { enteredAt: "desc" },
    take: o.take ?? 200,
  });
  return rows.map(parseChange);
}

export function toProposed(c: StoredChange): ProposedChange {
  return "remove" in c.after
    ? { table: c.table, target: c.target, remove: true }
    : { table: c.table, target: c.target, value: c.after.value };
}

function parseChange(row: Awaited<ReturnType<PrismaClient["policyChange"]["findUniqueOrThrow"]>>): StoredChange {
  const before = row.before === null ? null : changeValue.safeParse(row.before);
  const after = storedAfter.safeParse(row.after);
  if (!after.success || (before && !before.success))
    throw new AppError("internal", `policy change ${row.id} holds data this version cannot read`, {
      reason: "bad_change",
    });
  return {
    id: row.id,
    table: row.table,
    target: row.targetId,
    before: before?.success ? before.data : null,
    after: after.data,
    status: row.status,
    note: row.note,
    enteredById: row.enteredById,
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
  };
}

function mayChange(actor: PolicyActor, change: Pick<ProposedChange, "table" | "value">): void {
  if (!canEditPolicy(actor))
    throw new AppError("forbidden", "only province officers and admins change the policy", { reason: "role" });
  const v = change.value;
  if (
    v?.table === "RESOLUTION" &&
    actor.provinceCodes !== null &&
    !actor.provinceCodes.includes(v.value.provinceCode)
  ) {
    throw new AppError("forbidden", "a resolution of a province outside your area", { reason: "province" });
  }
}

function checkWhole(current: Parameters<typeof withChange>[0], change: ProposedChange): void {
  const { resolutionIds: _ids, ...next } = withChange(current, change);
  const checked = policySchema.safeParse(next);
  if (!checked.success) {
    throw new AppError("bad_request", `the policy would not hold together: ${z.prettifyError(checked.error)}`, {
      reason: "invalid_policy",
    });
  }
}
