// Compares a checked payout list with the database: payouts are keyed by (month, person).
import { loadInChunks } from "../../db/bulkWrite.ts";
import { addMonths, calendarDate, fromDbDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { PayoutInput } from "./payoutRows.ts";
import { needsNewLines, payoutWrite, type LineLabels, type PayoutTarget } from "./payoutWrite.ts";
import { inArea, type Db, type Reference } from "./reference.ts";
import type { ImportChange, ImportPlan, RowError } from "./types.ts";
import { yieldEvery } from "./yieldToLoop.ts";
import { foldKey } from "./vocabulary.ts";

type Person = { id: string; personalId: string; communeId: string; fullName: string };

export async function payoutPlan(
  db: Db,
  ref: Reference,
  input: {
    rows: PayoutInput[];
    idColumn: (sheet: string | null) => { header: string; letter?: string };
    total: number;
    lineLabels: LineLabels;
    /** Each sheet's commune, from its own title or the first sheet's: where a masked ID is looked for. */
    communeHints: Map<string | null, string>;
    label: (field: string) => string;
  },
): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const people = await findPeople(db, ref, input.rows, input.communeHints);
  // Someone outside the officer's area reads exactly like someone unknown.
  const rows: PayoutInput[] = [];
  const personOf = new Map<PayoutInput, Person>();
  for (const r of input.rows) {
    const found = people.get(personKey(r, input.communeHints));
    if (found && found !== "ambiguous" && inArea(ref, found.communeId)) {
      rows.push(r);
      personOf.set(r, found);
      continue;
    }
    const col = input.idColumn(r.sheet);
    const code = found === "ambiguous" ? "masked_ambiguous" : r.masked ? "masked_not_found" : "beneficiary_not_found";
    errors.push({
      sheet: r.sheet,
      row: r.row,
      column: col.header,
      letter: col.letter,
      value: r.masked ? `••••${r.masked.last4}` : undefined,
      code,
      params: {},
    });
  }
  const beneficiaryIds = [...new Set(rows.map((r) => personOf.get(r)!.id))];
  const months = [...new Set(rows.map((r) => r.month))];
  const periods = await db.payoutPeriod.findMany({
    where: { month: { in: months.map((m) => calendarDate(`${m}-01`)) } },
  });
  const periodByMonth = new Map(periods.map((p) => [fromDbDate(p.month).slice(0, 7), p.id]));
  const periodIds = periods.map((p) => p.id);

  const [payouts, accounts, points, authorisations] = await Promise.all([
    periodIds.length === 0
      ? []
      : loadInChunks(beneficiaryIds, (part) =>
          db.payout.findMany({
            where: { periodId: { in: periodIds }, beneficiaryId: { in: part } },
            include: { lines: { select: { kind: true, amount: true } } },
          }),
        ),
    loadInChunks(beneficiaryIds, (part) =>
      db.payoutAccount.findMany({
        where: { beneficiaryId: { in: part } },
        select: { id: true, beneficiaryId: true, method: true, accountNumber: true, provider: true },
      }),
    ),
    db.payoutPoint.findMany({
      where: { communeId: { in: [...new Set(rows.map((r) => personOf.get(r)!.communeId))] } },
      select: { id: true, communeId: true, name: true },
    }),
    loadInChunks(beneficiaryIds, (part) =>
      db.authorisation.findMany({
        where: { beneficiaryId: { in: part }, status: "APPROVED" },
        select: {
          id: true,
          beneficiaryId: true,
          validFrom: true,
          validUntil: true,
          relative: { select: { fullName: true } },
        },
      }),
    ),
  ]);
  const payoutByKey = new Map(payouts.map((p) => [`${p.periodId}|${p.beneficiaryId}`, p]));
  const accountByKey = new Map(accounts.map((a) => [`${a.beneficiaryId}|${a.method}|${a.accountNumber}`, a]));
  const pointByKey = new Map(points.map((p) => [`${p.communeId}|${foldKey(p.name)}`, p.id]));

  const targets: PayoutTarget[] = [];
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const [i, row] of rows.entries()) {
    await yieldEvery(i);
    const b = personOf.get(row)!;
    const periodId = periodByMonth.get(row.month);
    const existing = periodId ? payoutByKey.get(`${periodId}|${b.id}`) : undefined;
    // A masked number (our own printed list) names the person's known account ending so.
    const known = row.account?.masked
      ? accounts.find(
          (a) => a.beneficiaryId === b.id && a.method === row.method && a.accountNumber.endsWith(row.account!.number),
        )
      : undefined;
    if (row.account?.masked && !known) {
      errors.push({
        sheet: row.sheet,
        row: row.row,
        column: input.label("accountNumber"),
        value: `••••${row.account.number}`,
        code: "account_masked_unknown",
        params: {},
      });
      continue;
    }
    if (known && row.account)
      row.account = { provider: row.account.provider || known.provider, number: known.accountNumber, masked: false };
    const accountKey = row.account ? `${b.id}|${row.method}|${row.account.number}` : null;
    const account = accountKey ? accountByKey.get(accountKey) : undefined;
    const pointKey = row.point ? pointKeyOf(b.communeId, row.point.name, pointByKey) : row.point;
    const pointId = typeof pointKey === "string" ? pointByKey.get(pointKey) : pointKey;
    const authorisationId = row.receiver === undefined ? undefined : matchAuthorisation(row, b.id, authorisations);
    const target: PayoutTarget = {
      input: row,
      beneficiary: b,
      existing,
      accountKey,
      accountId: account?.id,
      providerChanged: !!account && !!row.account && account.provider !== row.account.provider,
      pointKey,
      pointId,
      authorisationId,
      fields: [],
    };
    if (existing) {
      target.fields = changedFields(target, existing);
      if (target.fields.length === 0) {
        unchanged++;
        continue;
      }
      // What was paid is a record, not a plan: a list that changes it is most often last month's
      // list brought back for the new month with its month column unchanged.
      const rewritten = existing.status === "PAID" ? target.fields.filter((f) => PAID_RECORD.includes(f)) : [];
      if (rewritten.length > 0) {
        errors.push({
          sheet: row.sheet,
          row: row.row,
          column: input.label(rewritten[0]!),
          code: "payout_already_paid",
          params: { month: `${row.month.slice(5)}/${row.month.slice(0, 4)}` },
        });
        continue;
      }
    }
    targets.push(target);
    changes.push({
      sheet: row.sheet,
      row: row.row,
      personalIdMasked: mask(b.personalId),
      action: existing ? "update" : "create",
      fields: target.fields,
    });
  }
  return {
    rows: input.total,
    errors,
    changes,
    unchanged,
    apply: (tx) => payoutWrite(tx, ref, { targets, months, lineLabels: input.lineLabels }),
  };
}

type Existing = NonNullable<PayoutTarget["existing"]>;

/** What a paid payout's record says was paid, and how: never rewritten by a list. */
const PAID_RECORD = ["amount", "method", "accountNumber", "lines"];

function changedFields(t: PayoutTarget, e: Existing): string[] {
  const r = t.input;
  const fields: string[] = [];
  if (r.amount !== e.amount) fields.push("amount");
  if (r.methodStated) {
    if (r.method !== e.method) fields.push("method");
    const accountDiffers = t.accountKey ? t.accountId !== e.accountId || t.providerChanged : e.accountId !== null;
    if (accountDiffers) fields.push("accountNumber");
  }
  if (t.pointKey !== undefined && (t.pointId === undefined || t.pointId !== e.pointId)) fields.push("point");
  if (r.payoutDate !== undefined && r.payoutDate !== (e.scheduledDate ? fromDbDate(e.scheduledDate) : null))
    fields.push("payoutDate");
  if (
    r.window !== undefined &&
    (r.window?.start ?? null) + "-" + (r.window?.end ?? null) !== e.windowStart + "-" + e.windowEnd
  ) {
    fields.push("timeWindow");
  }
  if (r.status !== undefined && r.status !== e.status) fields.push("status");
  if (r.receiver !== undefined && receiverChanged(r.receiver, t.authorisationId, e)) fields.push("receiver");
  if (r.note !== undefined && r.note !== e.statusNote) fields.push("note");
  // Lines explain the amount to the person: new ones are a change of their own when the list's
  // parts differ, or when nothing else changes and the stored ones do not add up.
  if ((r.lines || fields.length === 0) && needsNewLines(r, e.lines)) fields.push("lines");
  return fields;
}

/**
 * Our printed list names the authorised relative even when nobody has collected yet: that name
 * with the authorisation the payout already follows is no change.
 */
function receiverChanged(receiver: string | null, authorisationId: string | null | undefined, e: Existing): boolean {
  if (receiver === e.receivedBy && authorisationId === e.authorisationId) return false;
  return !(
    e.receivedBy === null &&
    receiver !== null &&
    authorisationId !== null &&
    authorisationId === (e.authorisationId ?? authorisationId)
  );
}

/** The payout point by its name, or by the name before ", address" as our printed list writes it. */
function pointKeyOf(communeId: string, text: string, known: Map<string, string>): string {
  const parts = text.split(/,\s*/);
  for (let n = parts.length; n >= 1; n--) {
    const key = `${communeId}|${foldKey(parts.slice(0, n).join(", "))}`;
    if (known.has(key)) return key;
  }
  return `${communeId}|${foldKey(text)}`;
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

function personKey(r: PayoutInput, hints: Map<string | null, string>): string {
  if (r.personalId) return `id:${r.personalId}`;
  return maskedKey(r.masked!.last4, r.masked!.name, hints.get(r.sheet ?? null) ?? "*");
}

function maskedKey(last4: string, name: string, communeId: string): string {
  return `m:${last4}:${foldVietnamese(name)}:${communeId}`;
}

/**
 * People by full ID, and by masked ID (its last four digits) and name: within the commune the row's
 * sheet names (two communes' printed lists pasted into one workbook, each under its letterhead), or
 * within the area when a sheet names none.
 */
async function findPeople(
  db: Db,
  ref: Reference,
  rows: PayoutInput[],
  hints: Map<string | null, string>,
): Promise<Map<string, Person | "ambiguous">> {
  const select = { id: true, personalId: true, communeId: true, fullName: true } as const;
  const out = new Map<string, Person | "ambiguous">();
  const ids = [...new Set(rows.flatMap((r) => (r.personalId ? [r.personalId] : [])))];
  for (const b of await loadInChunks(ids, (part) =>
    db.beneficiary.findMany({ where: { personalId: { in: part } }, select }),
  ))
    out.set(`id:${b.personalId}`, b);
  const last4 = [...new Set(rows.flatMap((r) => (r.masked ? [r.masked.last4] : [])))];
  if (last4.length === 0) return out;
  const masked = rows.filter((r) => r.masked);
  const everyHinted = masked.every((r) => hints.has(r.sheet ?? null));
  const communes = everyHinted ? [...new Set(hints.values())] : ref.area ? [...ref.area] : null;
  const candidates = await loadInChunks(last4, (part) =>
    db.beneficiary.findMany({
      where: { personalIdLast4: { in: part }, ...(communes ? { communeId: { in: communes } } : {}) },
      select: { ...select, personalIdLast4: true },
    }),
  );
  for (const b of candidates) {
    for (const key of [
      maskedKey(b.personalIdLast4, b.fullName, b.communeId),
      maskedKey(b.personalIdLast4, b.fullName, "*"),
    ])
      out.set(key, out.has(key) ? "ambiguous" : b);
  }
  return out;
}
