// One payout held against the policy, with the same judgement for the person's explanation, the
// officer's amount check and the dashboard: it agrees; it includes back pay (as its own lines
// or in the total); it was paid at the old amount before a retroactive raise could be applied;
// it matches a level the data lacks (the data may be out of date, the money is not wrong); the
// data cannot say; or, only when none of these holds, it really differs.
import { addMonths, type CalendarDate } from "../../lib/calendarDate.ts";
import type { PolicyGap } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { backPayOwed, type BackPayOwed } from "./backPay.ts";
import type { Entitlement } from "./entitlementFor.ts";
import { guessReason, type ReasonGuess } from "./guessReason.ts";
import { matchOtherLevel, type OtherLevelMatch } from "./otherLevel.ts";
import { regularAmount, sumOf, type PaidMonth, type Subject } from "./subject.ts";

export type PayoutVerdict =
  | { kind: "agrees"; backPay: BackPayOwed[]; backPayPaid: number }
  /** Back pay paid in one sum with the month's allowance (a list with totals only). */
  | { kind: "backPayInTotal"; backPay: BackPayOwed[]; expected: number; paid: number }
  /** Paid at the amount before a raise that counts from an earlier date: the difference is owed later. */
  | { kind: "beforeRaise"; expected: number; paid: number; backPay: BackPayOwed }
  | { kind: "otherLevel"; match: OtherLevelMatch; expected: number; paid: number }
  | { kind: "cannotCompute"; gap: PolicyGap; paid: number }
  | { kind: "mismatch"; expected: number; paid: number; reason: ReasonGuess };

export function assessPayout(
  policy: Policy,
  subject: Subject,
  month: CalendarDate,
  entitlement: Entitlement,
  paidMonth: PaidMonth,
  history: Map<CalendarDate, PaidMonth>,
): PayoutVerdict {
  const paid = regularAmount(paidMonth);
  if (entitlement.state === "noPolicy") return { kind: "cannotCompute", gap: entitlement.gap, paid };
  const expected = entitlement.state === "entitled" ? entitlement.total : 0;
  const backPay = backPayOwed(policy, subject, month, history);
  const backPayPaid = sumOf(paidMonth.lines, (k) => k === "BACK_PAY");
  if (paid === expected) return { kind: "agrees", backPay, backPayPaid };
  // A list with one amount per person: this month's allowance and the back pay in one sum. Only
  // months whose old-amount payouts are on file count: a sum that merely happens to fit is not back pay.
  const owed = backPay.reduce((s, b) => s + b.months.reduce((m, x) => m + (x.assumed ? 0 : x.after - x.before), 0), 0);
  if (owed > 0 && backPayPaid === 0 && paid === expected + owed)
    return { kind: "backPayInTotal", backPay, expected, paid };
  const raise = beforeRaise(policy, subject, month, history, paidMonth);
  if (raise && raise.months.at(-1)?.before === paid) return { kind: "beforeRaise", expected, paid, backPay: raise };
  const known = matchOtherLevel(policy, subject, month, entitlement, paid, false);
  if (known) return { kind: "otherLevel", match: known, expected, paid };
  // A known mistake (an old level, every category summed, several months in one line) is one.
  const reason = guessReason(policy, subject, month, entitlement, paid);
  const inferred = reason.kind === "unknown" ? matchOtherLevel(policy, subject, month, entitlement, paid, true) : null;
  if (inferred) return { kind: "otherLevel", match: inferred, expected, paid };
  return { kind: "mismatch", expected, paid, reason };
}

/** The back pay this month itself will be owed, if it lies in a retroactive raise's window. */
function beforeRaise(
  policy: Policy,
  subject: Subject,
  month: CalendarDate,
  history: Map<CalendarDate, PaidMonth>,
  paidMonth: PaidMonth,
): BackPayOwed | null {
  const withThis = new Map(history);
  withThis.set(month, paidMonth);
  const owed = backPayOwed(policy, subject, addMonths(month, 1), withThis);
  return owed.find((o) => o.months.at(-1)?.month === month) ?? null;
}

/** True when the verdict says the payout matches no confirmed level (the dashboard's count). */
export function matchesNoConfirmedLevel(v: PayoutVerdict): boolean {
  return v.kind === "mismatch" || v.kind === "otherLevel" || v.kind === "cannotCompute";
}
