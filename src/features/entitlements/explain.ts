// One person's money for one month, explained: what the policy says they should get (line by
// line, with the rule, the national and the provincial layer), what the payout held and how it
// stands against the policy (back pay recognised, a level the data lacks recognised), and why the
// month differs from the one before.
import { AppError } from "../../core/errors.ts";
import type { BeneficiaryStatus, PayoutLineKind, PayoutStatus, Programme } from "../../generated/prisma/enums.ts";
import { addMonths, isCalendarDate } from "../../lib/calendarDate.ts";
import type { AmountLine, PolicyGap } from "../policy/monthlyAmount.ts";
import type { BaseLevel, Policy } from "../policy/policySchema.ts";
import { assessPayout, type PayoutVerdict } from "./assessPayout.ts";
import { backPayMonths, backPayOwed, type BackPayOwed } from "./backPay.ts";
import { entitlementFor, type OtherCategory } from "./entitlementFor.ts";
import { monthChanges, type MonthChange } from "./monthChanges.ts";
import { loadPaidMonths, loadSubjects, type EntitlementReader, type PaidMonth } from "./subject.ts";

export { explanationParts, explanationReplies, type ExplanationParts } from "./explanationReplies.ts";
export type { AmountLine } from "../policy/monthlyAmount.ts";
export type { ChangeReason, MonthChange } from "./monthChanges.ts";

export interface MonthExplanation {
  beneficiaryId: string;
  /** "YYYY-MM-01". */
  month: string;
  programme: Programme;
  /** Null when nothing is owed that month: see `stopped`, or `gap`. */
  expected: { total: number; lines: AmountLine[] } | null;
  paid: {
    amount: number;
    status: PayoutStatus;
    lines: { kind: PayoutLineKind; label: string; amount: number }[];
  } | null;
  /** How the payout stands against the policy (null without a payout). */
  verdict: PayoutVerdict | null;
  /** The monthly lines paid really differ from what the policy says. */
  mismatch: { expected: number; paid: number } | null;
  /** Back pay owed in this month for raises that counted from an earlier date. */
  backPay: BackPayOwed[];
  changes: MonthChange[];
  /** Last month's totals, to say "last month …, this month …". */
  previous: { month: string; expected: number | null; paid: number | null };
  /** Other categories the person fits but that are not paid, because only the highest one is. */
  notPaid: OtherCategory[];
  /** Categories on file the law had ended that month (with what replaced them). */
  skipped: PolicyGap[];
  /** Why nothing is owed: the allowance is suspended, ended, or the person has died. */
  stopped: { status: BeneficiaryStatus; since: string | null } | null;
  /** What the policy data lacks to compute the month (a rate table row, an appendix amount). */
  gap: PolicyGap | null;
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
  const months = [...new Set([month, before, ...backPayMonths(policy, subject, addMonths(month, 1))])];
  const payouts = await loadPaidMonths(prisma, { beneficiaryIds: [beneficiaryId], months });
  const history = new Map<string, PaidMonth>();
  for (const m of months) {
    const p = payouts.get(`${beneficiaryId}:${m}`);
    if (p && m !== month) history.set(m, p);
  }
  const now = {
    month,
    entitlement: entitlementFor(policy, subject, month),
    paid: payouts.get(`${beneficiaryId}:${month}`) ?? null,
  };
  const last = {
    month: before,
    entitlement: entitlementFor(policy, subject, before),
    paid: history.get(before) ?? null,
  };
  const e = now.entitlement;
  const verdict = now.paid ? assessPayout(policy, subject, month, e, now.paid, history) : null;
  return {
    beneficiaryId,
    month,
    programme: subject.programme,
    expected: e.state === "entitled" ? { total: e.total, lines: e.lines } : null,
    paid: now.paid
      ? {
          amount: now.paid.amount,
          status: now.paid.status,
          lines: now.paid.lines.map((l) => ({ kind: l.kind, label: l.label, amount: l.amount })),
        }
      : null,
    verdict,
    mismatch: verdict?.kind === "mismatch" ? { expected: verdict.expected, paid: verdict.paid } : null,
    backPay: backPayOwed(policy, subject, month, history),
    changes: monthChanges(policy, subject, now, last),
    previous: {
      month: before,
      expected: last.entitlement.state === "entitled" ? last.entitlement.total : null,
      paid: last.paid?.amount ?? null,
    },
    notPaid: e.state === "entitled" ? e.notPaid : [],
    skipped: e.state === "entitled" ? e.skipped : [],
    stopped: e.state === "stopped" ? { status: e.status, since: e.since } : null,
    gap: e.state === "noPolicy" ? e.gap : null,
    policyMissing: e.state === "noPolicy",
    unconfirmedLevel:
      e.state === "entitled" && e.unconfirmedLevel
        ? {
            amount: e.unconfirmedLevel.amount,
            effectiveFrom: e.unconfirmedLevel.effectiveFrom,
            legalBasis: e.unconfirmedLevel.legalBasis,
          }
        : null,
  };
}
