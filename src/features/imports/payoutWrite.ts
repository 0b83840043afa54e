// Writes the payouts of a list in bulk: missing periods, payout points and accounts first,
// then the payouts and their lines.
import { randomUUID } from "node:crypto";
import { bulkWrite, chunks, type Columns } from "../../db/bulkWrite.ts";
import type { Payout, PayoutLine } from "../../generated/prisma/client.ts";
import type { PayoutLineKind } from "../../generated/prisma/enums.ts";
import { calendarDate, fromDbDate } from "../../lib/calendarDate.ts";
import { ACCOUNT_METHODS, type PayoutInput } from "./payoutRows.ts";
import type { Db, Reference } from "./reference.ts";

export interface PayoutTarget {
  input: PayoutInput;
  beneficiary: { id: string; communeId: string; fullName: string };
  existing?: Payout & { lines: Pick<PayoutLine, "kind" | "amount">[] };
  accountKey: string | null;
  /** Known account id; undefined when the account is new. */
  accountId: string | undefined;
  providerChanged: boolean;
  /** undefined: keep; null: no point; string: the point's key. */
  pointKey: string | null | undefined;
  pointId: string | null | undefined;
  authorisationId: string | null | undefined;
  fields: string[];
}

// Column types for the bulk statements (names and types come from the schema, never from a file).
const PAYOUT_COLUMNS = {
  amount: "integer",
  method: '"PayoutMethod"',
  accountId: "text",
  pointId: "text",
  scheduledDate: "date",
  windowStart: "text",
  windowEnd: "text",
  status: '"PayoutStatus"',
  statusNote: "text",
  paidAt: "timestamp(3)",
  receivedBy: "text",
  authorisationId: "text",
  updatedAt: "timestamp(3)",
} satisfies Columns;

export async function payoutWrite(
  db: Db,
  ref: Reference,
  plan: { targets: PayoutTarget[]; months: string[]; lineLabels: LineLabels },
): Promise<void> {
  const { targets } = plan;
  await db.payoutPeriod.createMany({
    data: plan.months.map((m) => ({ month: calendarDate(`${m}-01`) })),
    skipDuplicates: true,
  });
  const periods = await db.payoutPeriod.findMany({
    where: { month: { in: plan.months.map((m) => calendarDate(`${m}-01`)) } },
  });
  const periodByMonth = new Map(periods.map((p) => [fromDbDate(p.month).slice(0, 7), p.id]));

  const pointIds = new Map<string, string>();
  const newPoints: { id: string; communeId: string; name: string; address: string }[] = [];
  for (const t of targets) {
    if (typeof t.pointKey !== "string" || !t.input.point) continue;
    if (t.pointId) pointIds.set(t.pointKey, t.pointId);
    else if (!pointIds.has(t.pointKey)) {
      const id = randomUUID();
      pointIds.set(t.pointKey, id);
      newPoints.push({
        id,
        communeId: t.beneficiary.communeId,
        name: t.input.point.name,
        address: t.input.point.address ?? "",
      });
    }
  }
  await db.payoutPoint.createMany({ data: newPoints });

  const accountIds = new Map<string, string>();
  const newAccounts: {
    id: string;
    beneficiaryId: string;
    method: PayoutInput["method"];
    provider: string;
    accountNumber: string;
    accountLast4: string;
    holderName: string;
  }[] = [];
  const providerUpdates = new Map<string, string>();
  for (const t of targets) {
    const acc = t.input.account;
    if (!t.accountKey || !acc || !ACCOUNT_METHODS.includes(t.input.method)) continue;
    if (t.accountId) {
      accountIds.set(t.accountKey, t.accountId);
      if (t.providerChanged) providerUpdates.set(t.accountId, acc.provider);
    } else if (!accountIds.has(t.accountKey)) {
      const id = randomUUID();
      accountIds.set(t.accountKey, id);
      newAccounts.push({
        id,
        beneficiaryId: t.beneficiary.id,
        method: t.input.method,
        provider: acc.provider,
        accountNumber: acc.number,
        accountLast4: acc.number.slice(-4),
        holderName: t.beneficiary.fullName,
      });
    }
  }
  await bulkWrite.insert(
    db,
    "PayoutAccount",
    {
      id: "text",
      beneficiaryId: "text",
      method: '"PayoutMethod"',
      provider: "text",
      accountNumber: "text",
      accountLast4: "text",
      holderName: "text",
    },
    newAccounts,
  );
  await bulkWrite.updateById(
    db,
    "PayoutAccount",
    { provider: "text" },
    [...providerUpdates].map(([id, provider]) => ({ id, provider })),
  );

  const values = (t: PayoutTarget) => {
    const r = t.input;
    const e = t.existing;
    const status = r.status ?? e?.status ?? "SCHEDULED";
    const scheduledDate =
      r.payoutDate !== undefined ? r.payoutDate : e?.scheduledDate ? fromDbDate(e.scheduledDate) : null;
    const paidAt =
      status !== "PAID" ? (e?.paidAt ?? null) : (e?.paidAt ?? (scheduledDate ? calendarDate(scheduledDate) : ref.now));
    return {
      amount: r.amount,
      // A list that does not say how the person is paid leaves a stored payout's way as it is.
      method: !r.methodStated && e ? e.method : r.method,
      accountId: !r.methodStated && e ? e.accountId : t.accountKey ? (accountIds.get(t.accountKey) ?? null) : null,
      pointId:
        typeof t.pointKey === "string"
          ? (pointIds.get(t.pointKey) ?? null)
          : t.pointKey === null
            ? null
            : (e?.pointId ?? null),
      scheduledDate,
      windowStart: r.window !== undefined ? (r.window?.start ?? null) : (e?.windowStart ?? null),
      windowEnd: r.window !== undefined ? (r.window?.end ?? null) : (e?.windowEnd ?? null),
      status,
      statusNote: r.note !== undefined ? r.note : (e?.statusNote ?? null),
      paidAt,
      receivedBy: r.receiver !== undefined ? r.receiver : (e?.receivedBy ?? null),
      authorisationId: t.authorisationId !== undefined ? t.authorisationId : (e?.authorisationId ?? null),
    };
  };

  const creates = targets.filter((t) => !t.existing).map((t) => ({ id: randomUUID(), t }));
  const now = ref.now.toISOString();
  await bulkWrite.insert(
    db,
    "Payout",
    { ...PAYOUT_COLUMNS, id: "text", periodId: "text", beneficiaryId: "text", createdAt: "timestamp(3)" },
    creates.map(({ id, t }) => {
      const v = values(t);
      return {
        ...v,
        id,
        periodId: periodByMonth.get(t.input.month)!,
        beneficiaryId: t.beneficiary.id,
        paidAt: v.paidAt?.toISOString() ?? null,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const updates = targets.filter((t) => t.existing);
  await bulkWrite.updateById(
    db,
    "Payout",
    PAYOUT_COLUMNS,
    updates.map((t) => {
      const v = values(t);
      return { ...v, id: t.existing!.id, paidAt: v.paidAt?.toISOString() ?? null, updatedAt: now };
    }),
  );

  const relined = updates.filter((t) => needsNewLines(t.input, t.existing!.lines));
  for (const part of chunks(
    relined.map((t) => t.existing!.id),
    5000,
  ))
    await db.payoutLine.deleteMany({ where: { payoutId: { in: part } } });
  const linesOf = (payoutId: string, input: PayoutInput) =>
    (input.lines ?? [{ kind: "MONTHLY" as const, amount: input.amount }]).map((l, position) => ({
      id: randomUUID(),
      payoutId,
      kind: l.kind,
      label: plan.lineLabels[l.kind],
      amount: l.amount,
      position,
    }));
  const lines = [
    ...creates.flatMap(({ id, t }) => linesOf(id, t.input)),
    ...relined.flatMap((t) => linesOf(t.existing!.id, t.input)),
  ];
  await bulkWrite.insert(
    db,
    "PayoutLine",
    { id: "text", payoutId: "text", kind: '"PayoutLineKind"', label: "text", amount: "integer", position: "integer" },
    lines,
  );
}

/** What each kind of line is called where the person reads it. */
export type LineLabels = Record<PayoutLineKind, string>;

/**
 * The stored lines are written again: the list's parts replace them when they differ; without
 * parts, lines that do not add up to the amount are replaced by a single monthly line.
 */
export function needsNewLines(input: PayoutInput, stored: readonly { kind: string; amount: number }[]): boolean {
  if (input.lines) return key(input.lines) !== key(stored);
  return stored.length === 0 || stored.reduce((s, l) => s + l.amount, 0) !== input.amount;
}

/** Lines compared in any order. */
function key(lines: readonly { kind: string; amount: number }[]): string {
  return lines
    .map((l) => `${l.kind}:${l.amount}`)
    .sort()
    .join(";");
}
