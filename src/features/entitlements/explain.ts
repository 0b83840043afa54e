// One person's money for one month, explained: what the policy says they should get (line by
// line, with the rule), what the payout held, whether the two agree, and why the month differs
// from the one before.
import { AppError } from "../../core/errors.ts";
import type { BeneficiaryStatus, PayoutLineKind, PayoutStatus, Programme } from "../../generated/prisma/enums.ts";
import { addMonths, isCalendarDate } from "../../lib/calendarDate.ts";
import type { AmountLine } from "../policy/monthlyAmount.ts";
import type { BaseLevel, Policy } from "../policy/policySchema.ts";
import { entitlementFor, type OtherCategory } from "./entitlementFor.ts";
import { monthChanges, type MonthChange } from "./monthChanges.ts";
import { loadPaidMonths, loadSubjects, regularAmount, type EntitlementReader } from "./subject.ts";

export { explanationReplies } from "./explanationReplies.ts";
export type { AmountLine } from "../policy/monthlyAmount.ts";
export type { ChangeReason, MonthChange } from "./monthChanges.ts";

export interface MonthExplanation {
  beneficiaryId: string;
  /** "YYYY-MM-01". */
  month: string;
  programme: Programme;
  /** Null when nothing is owed that month: see `stopped`, or `policyMissing`. */
  expected: { total: number; lines: AmountLine[] } | null;
  paid: { amount: number; status: PayoutStatus; lines: { kind: PayoutLineKind; label: string; amount: number }[] } | null;
  /** The monthly lines paid differ from what the policy says. */
  mismatch: { expected: number; paid: number } | null;
  changes: MonthChange[];
  /** Last month's totals, to say "last month …, this month …". */
  previous: { month: string; expected: number | null; paid: number | null };
  /** Other categories the person fits but that are not paid, because only the highest one is. */
  notPaid: OtherCategory[];
  /** Why nothing is owed: the allowance is suspended, ended, or the person has died. */
  stopped: { status: BeneficiaryStatus; since: string | null } | null;
  /** The policy data has no amount for this person that month (e.g. a rate table not yet entered). */
  policyMissing: boolean;
  /** A newer base level is reported for that month but not confirmed, so it is not paid yet. */
  unconfirmedLevel: Pick<BaseLevel, "amount" | "effectiveFrom" | "legalBasis"> | null;
}

export async function explainMonth(
  prisma: EntitlementReader,
  policy: Policy,
  beneficiaryId: string,
  month: string,
): Promise<MonthExplanation> {
  if (!isCalendarDate(month) || !month.endsWith("-01")) {
    throw new AppError("bad_request", `month must be the first day of a month: ${month}`, { reason: "bad_month" });
  }
  const [subject] = await loadSubjects(prisma, { ids: [beneficiaryId] });
  if (!subject) throw new AppError("not_found", "beneficiary not found", { reason: "unknown_beneficiary" });
  const before = addMonths(month, -1);
  const payouts = await loadPaidMonths(prisma, { beneficiaryIds: [beneficiaryId], months: [month, before] });
  const now = { month, entitlement: entitlementFor(policy, subject, month), paid: payouts.get(`${beneficiaryId}:${month}`) ?? null };
  const last = { month: before, entitlement: entitlementFor(policy, subject, before), paid: payouts.get(`${beneficiaryId}:${before}`) ?? null };
  const e = now.entitlement;
  const expected = e.state === "entitled" ? { total: e.total, lines: e.lines } : null;
  const paidRegular = now.paid ? regularAmount(now.paid) : null;
  return {
    beneficiaryId,
    month,
    programme: subject.programme,
    expected,
    paid: now.paid
      ? {
          amount: now.paid.amount,
          status: now.paid.status,
          lines: now.paid.lines.map((l) => ({ kind: l.kind, label: l.label, amount: l.amount })),
        }
      : null,
    mismatch: mismatchOf(expected?.total ?? (e.state === "noPolicy" ? null : 0), paidRegular),
    changes: monthChanges(policy, subject, now, last),
    previous: {
      month: before,
      expected: last.entitlement.state === "entitled" ? last.entitlement.total : null,
      paid: last.paid?.amount ?? null,
    },
    notPaid: e.state === "entitled" ? e.notPaid : [],
    stopped: e.state === "stopped" ? { status: e.status, since: e.since } : null,
    policyMissing: e.state === "noPolicy",
    unconfirmedLevel:
      e.state === "entitled" && e.unconfirmedLevel
        ? { amount: e.unconfirmedLevel.amount, effectiveFrom: e.unconfirmedLevel.effectiveFrom, legalBasis: e.unconfirmedLevel.legalBasis }
        : null,
  };
}

/** Nothing to compare when there is no payout yet, or when the policy cannot say. */
function mismatchOf(expected: number | null, paid: number | null): { expected: number; paid: number } | null {
  if (expected === null || paid === null || expected === paid) return null;
  return { expected, paid };
}
