// The officer's check before (or after) a payout: every payout of a month held against the policy
// the way the person's explanation holds it. Only a real difference is listed as one (with a
// guess at why); a payout at a level the data lacks is listed as "policy data may be out of date";
// back pay is recognised (as its own lines or in the total); what the data cannot price is listed
// with the table and row to load.
import { AppError } from "../../core/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { addMonths, isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import type { PolicyGap } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { assessPayout, type PayoutVerdict } from "./assessPayout.ts";
import { backPayMonths, type BackPayOwed } from "./backPay.ts";
import { entitlementFor } from "./entitlementFor.ts";
import type { ReasonGuess } from "./guessReason.ts";
import type { OtherLevelMatch } from "./otherLevel.ts";
import { loadPaidMonths, loadSubjects, type EntitlementReader, type PaidMonth } from "./subject.ts";

interface Who {
  beneficiaryId: string;
  fullName: string;
  personalIdMasked: string;
  commune: { id: string; code: string; name: string };
}

export interface AmountCheckRow extends Who {
  expected: number;
  paid: number;
  /** Paid minus expected: positive when too much was paid. */
  difference: number;
  reason: ReasonGuess;
}

export interface AmountCheckResult {
  month: CalendarDate;
  /** Payouts compared with the policy. */
  checked: number;
  /** Real differences. */
  rows: AmountCheckRow[];
  /** Payouts that match a level the policy data lacks: the data may be out of date. */
  outdated: (Who & { expected: number; paid: number; match: OtherLevelMatch })[];
  /** Payouts the policy data cannot price, with what is missing. */
  unpriced: (Who & { paid: number; gap: PolicyGap })[];
  /** Back pay recognised in the month's payouts (own lines, or in the total). */
  backPay: (Who & { paid: number; owed: BackPayOwed[]; inTotal: boolean })[];
  /** Payouts at the old amount in a raise's back-pay window: the difference is owed later. */
  beforeRaise: (Who & { paid: number; expected: number })[];
}

/** `month` is "YYYY-MM" or "YYYY-MM-01"; `communeIds` null means every commune. */
export async function checkAmounts(
  prisma: EntitlementReader & Pick<PrismaClient, "commune">,
  policy: Policy,
  o: { month: string; communeIds: string[] | null },
): Promise<AmountCheckResult> {
  const month = o.month.length === 7 ? `${o.month}-01` : o.month;
  if (!isCalendarDate(month) || !month.endsWith("-01")) {
    throw new AppError("bad_request", `not a month: ${o.month}`, { reason: "bad_month" });
  }
  const verdicts = await assessMonth(prisma, policy, month, o.communeIds);
  const communes = await prisma.commune.findMany({
    where: { id: { in: [...new Set(verdicts.map((v) => v.subject.communeId))] } },
    select: { id: true, code: true, name: true },
  });
  const communeOf = new Map(communes.map((c) => [c.id, c]));
  const result: AmountCheckResult = {
    month,
    checked: 0,
    rows: [],
    outdated: [],
    unpriced: [],
    backPay: [],
    beforeRaise: [],
  };
  for (const { subject, verdict: v } of verdicts) {
    const who: Who = {
      beneficiaryId: subject.id,
      fullName: subject.fullName,
      personalIdMasked: subject.personalIdMasked,
      commune: communeOf.get(subject.communeId) ?? { id: subject.communeId, code: "", name: "" },
    };
    if (v.kind !== "cannotCompute") result.checked += 1;
    if (v.kind === "mismatch")
      result.rows.push({
        ...who,
        expected: v.expected,
        paid: v.paid,
        difference: v.paid - v.expected,
        reason: v.reason,
      });
    if (v.kind === "otherLevel") result.outdated.push({ ...who, expected: v.expected, paid: v.paid, match: v.match });
    if (v.kind === "cannotCompute") result.unpriced.push({ ...who, paid: v.paid, gap: v.gap });
    if (v.kind === "beforeRaise") result.beforeRaise.push({ ...who, paid: v.paid, expected: v.expected });
    if (v.kind === "backPayInTotal")
      result.backPay.push({ ...who, paid: v.paid - v.expected, owed: v.backPay, inTotal: true });
    if (v.kind === "agrees" && v.backPayPaid > 0)
      result.backPay.push({ ...who, paid: v.backPayPaid, owed: v.backPay, inTotal: false });
  }
  const byName = (a: Who, b: Who) =>
    a.commune.name.localeCompare(b.commune.name, "vi") || a.fullName.localeCompare(b.fullName, "vi");
  for (const list of [result.rows, result.outdated, result.unpriced, result.backPay, result.beforeRaise])
    list.sort(byName);
  return result;
}

export interface AssessedPayout {
  subject: Awaited<ReturnType<typeof loadSubjects>>[number];
  paid: PaidMonth;
  verdict: PayoutVerdict;
}

/** Every payout of the month in the communes, with its verdict (shared with the dashboard). */
export async function assessMonth(
  prisma: EntitlementReader,
  policy: Policy,
  month: CalendarDate,
  communeIds: string[] | null,
): Promise<AssessedPayout[]> {
  const payouts = await loadPaidMonths(prisma, { communeIds, months: [month] });
  const ids = [...payouts.keys()].map((k) => k.slice(0, k.indexOf(":")));
  if (ids.length === 0) return [];
  const subjects = await loadSubjects(prisma, { ids });
  // Earlier months matter only for back pay: those of the raises' windows.
  const windows = [...new Set(subjects.flatMap((s) => backPayMonths(policy, s, addMonths(month, 1))))].filter(
    (m) => m !== month,
  );
  const earlier = windows.length
    ? await loadPaidMonths(prisma, { beneficiaryIds: ids, months: windows })
    : new Map<string, PaidMonth>();
  const out: AssessedPayout[] = [];
  for (const subject of subjects) {
    const paid = payouts.get(`${subject.id}:${month}`);
    if (!paid) continue;
    const history = new Map<CalendarDate, PaidMonth>();
    for (const m of windows) {
      const p = earlier.get(`${subject.id}:${m}`);
      if (p) history.set(m, p);
    }
    out.push({
      subject,
      paid,
      verdict: assessPayout(policy, subject, month, entitlementFor(policy, subject, month), paid, history),
    });
  }
  return out;
}
