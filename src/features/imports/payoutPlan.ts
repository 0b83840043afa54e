// Compares a checked payout list with the database: payouts are keyed by (month, person).
import { loadInChunks } from "../../db/bulkWrite.ts";
import { addMonths, calendarDate, fromDbDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { PayoutInput } from "./payoutRows.ts";
import { payoutWrite, type PayoutTarget } from "./payoutWrite.ts";
import { inArea, type Db, type Reference } from "./reference.ts";
import type { ImportChange, ImportPlan, RowError } from "./types.ts";
import { foldKey } from "./vocabulary.ts";

export async function payoutPlan(
  db: Db,
  ref: Reference,
  input: { rows: PayoutInput[]; errors: RowError[]; personalIdColumn: string; total: number; lineLabel: string },
): Promise<ImportPlan> {
  const errors = [...input.errors];
  const people = new Map(
    (
      await loadInChunks([...new Set(input.rows.map((r) => r.personalId))], (part) =>
        db.beneficiary.findMany({ where: { personalId: { in: part } }, select: { id: true, personalId: true, communeId: true, fullName: true } }),
      )
    ).map((b) => [b.personalId, b]),
  );
  // Someone outside the officer's area reads exactly like someone unknown.
  const rows = input.rows.filter((r) => {
    const b = people.get(r.personalId);
    if (b && inArea(ref, b.communeId)) return true;
    errors.push({ row: r.row, column: input.personalIdColumn, code: "beneficiary_not_found", params: {} });
    return false;
  });
  const beneficiaryIds = [...new Set(rows.map((r) => people.get(r.personalId)!.id))];
  const months = [...new Set(rows.map((r) => r.month))];
  const periods = await db.payoutPeriod.findMany({ where: { month: { in: months.map((m) => calendarDate(`${m}-01`)) } } });
  const periodByMonth = new Map(periods.map((p) => [fromDbDate(p.month).slice(0, 7), p.id]));
  const periodIds = periods.map((p) => p.id);

  const [payouts, accounts, points, authorisations] = await Promise.all([
    periodIds.length === 0
      ? []
      : loadInChunks(beneficiaryIds, (part) =>
          db.payout.findMany({
            where: { periodId: { in: periodIds }, beneficiaryId: { in: part } },
            include: { lines: { select: { amount: true } } },
          }),
        ),
    loadInChunks(beneficiaryIds, (part) =>
      db.payoutAccount.findMany({ where: { beneficiaryId: { in: part } }, select: { id: true, beneficiaryId: true, method: true, accountNumber: true, provider: true } }),
    ),
    db.payoutPoint.findMany({
      where: { communeId: { in: [...new Set(rows.map((r) => people.get(r.personalId)!.communeId))] } },
      select: { id: true, communeId: true, name: true },
    }),
    loadInChunks(beneficiaryIds, (part) =>
      db.authorisation.findMany({
        where: { beneficiaryId: { in: part }, status: "APPROVED" },
        select: { id: true, beneficiaryId: true, validFrom: true, validUntil: true, relative: { select: { fullName: true } } },
      }),
    ),
  ]);
  const payoutByKey = new Map(payouts.map((p) => [`${p.periodId}|${p.beneficiaryId}`, p]));
  const accountByKey = new Map(accounts.map((a) => [`${a.beneficiaryId}|${a.method}|${a.accountNumber}`, a]));
  const pointByKey = new Map(points.map((p) => [`${p.communeId}|${foldKey(p.name)}`, p.id]));

  const targets: PayoutTarget[] = [];
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const b = people.get(row.personalId)!;
    const periodId = periodByMonth.get(row.month);
    const existing = periodId ? payoutByKey.get(`${periodId}|${b.id}`) : undefined;
    const accountKey = row.account ? `${b.id}|${row.method}|${row.account.number}` : null;
    const account = accountKey ? accountByKey.get(accountKey) : undefined;
    const pointKey = row.point ? `${b.communeId}|${foldKey(row.point.name)}` : row.point;
    const pointId = typeof pointKey === "string" ? pointByKey.get(pointKey) : pointKey;
    const authorisationId = row.receiver === undefined ? undefined : matchAuthorisation(row, b.id, authorisations);
    const target: PayoutTarget = {
      input: row, beneficiary: b, existing, accountKey, accountId: account?.id,
      providerChanged: !!account && !!row.account && account.provider !== row.account.provider,
      pointKey, pointId, authorisationId, fields: [],
    };
    if (existing) {
      target.fields = changedFields(target, existing);
      if (target.fields.length === 0) {
        unchanged++;
        continue;
      }
    }
    targets.push(target);
    changes.push({ row: row.row, personalIdMasked: mask(row.personalId), action: existing ? "update" : "create", fields: target.fields });
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    rows: input.total,
    errors,
    changes,
    unchanged,
    apply: () => payoutWrite(db, ref, { targets, months, lineLabel: input.lineLabel }),
  };
}

type Existing = NonNullable<PayoutTarget["existing"]>;

function changedFields(t: PayoutTarget, e: Existing): string[] {
  const r = t.input;
  const fields: string[] = [];
  if (r.amount !== e.amount) fields.push("amount");
  if (r.method !== e.method) fields.push("method");
  const accountDiffers = t.accountKey ? t.accountId !== e.accountId || t.providerChanged : e.accountId !== null;
  if (accountDiffers) fields.push("accountNumber");
  if (t.pointKey !== undefined && (t.pointId === undefined || t.pointId !== e.pointId)) fields.push("point");
  if (r.payoutDate !== undefined && r.payoutDate !== (e.scheduledDate ? fromDbDate(e.scheduledDate) : null)) fields.push("payoutDate");
  if (r.window !== undefined && (r.window?.start ?? null) + "-" + (r.window?.end ?? null) !== e.windowStart + "-" + e.windowEnd) {
    fields.push("timeWindow");
  }
  if (r.status !== undefined && r.status !== e.status) fields.push("status");
  if (r.receiver !== undefined && (r.receiver !== e.receivedBy || t.authorisationId !== e.authorisationId)) fields.push("receiver");
  if (r.note !== undefined && r.note !== e.statusNote) fields.push("note");
  // Lines explain the amount to the person; a payout whose lines do not add up gets one monthly line.
  if (fields.length === 0 && (e.lines.length === 0 || e.lines.reduce((s, l) => s + l.amount, 0) !== e.amount)) fields.push("lines");
  return fields;
}

/** The approved authorisation of the named receiver that is valid during the payout month. */
function matchAuthorisation(
  row: PayoutInput,
  beneficiaryId: string,
  list: { id: string; beneficiaryId: string; validFrom: Date; validUntil: Date; relative: { fullName: string } }[],
): string | null {
  if (!row.receiver) return null;
  const first = `${row.month}-01`;
  const next = addMonths(first, 1);
  const name = foldVietnamese(row.receiver);
  const found = list.find(
    (a) =>
      a.beneficiaryId === beneficiaryId &&
      fromDbDate(a.validFrom) < next &&
      fromDbDate(a.validUntil) >= first &&
      foldVietnamese(a.relative.fullName) === name,
  );
  return found?.id ?? null;
}
