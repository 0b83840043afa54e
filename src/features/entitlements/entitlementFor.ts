// What one person is owed for one month under the policy in force that month (confirmed levels
// only), or why nothing is owed.
import { AppError } from "../../core/errors.ts";
import type { BeneficiaryStatus, Programme } from "../../generated/prisma/enums.ts";
import { firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { baseLevelFor, monthlyAmount, type AmountLine } from "../policy/monthlyAmount.ts";
import type { BaseLevel, Policy } from "../policy/policySchema.ts";
import type { Subject } from "./subject.ts";

export interface OtherCategory {
  categoryCode: string;
  label: string;
  labelEn: string;
  amount: number;
}

export type Entitlement =
  | {
      state: "entitled";
      programme: Programme;
      total: number;
      lines: AmountLine[];
      /** Categories the person also fits but that are not paid: only the highest one is. */
      notPaid: OtherCategory[];
      /** A newer base level that is only reported, not confirmed, for that month. */
      unconfirmedLevel: BaseLevel | null;
    }
  | { state: "stopped"; status: BeneficiaryStatus; since: CalendarDate | null }
  | { state: "none" }
  | { state: "noPolicy"; reason: string };

export function entitlementFor(policy: Policy, subject: Subject, month: CalendarDate): Entitlement {
  if (stoppedIn(subject, month)) return { state: "stopped", status: subject.status, since: subject.statusSince };
  const categories = categoriesIn(subject, month);
  if (categories.length === 0) return { state: "none" };
  let amount;
  try {
    amount = monthlyAmount(policy, { programme: subject.programme, categories, month });
  } catch (err) {
    if (err instanceof AppError) return { state: "noPolicy", reason: err.message };
    throw err;
  }
  const paidCodes = new Set(amount.lines.map((l) => l.categoryCode));
  const notPaid: OtherCategory[] = [];
  for (const c of categories) {
    if (paidCodes.has(c.code)) continue;
    const alone = priceAlone(policy, subject.programme, c, month);
    if (alone) notPaid.push(alone);
  }
  const reported = baseLevelFor(policy, subject.programme, month, true);
  return {
    state: "entitled",
    programme: subject.programme,
    total: amount.total,
    lines: amount.lines,
    notPaid,
    unconfirmedLevel: reported && !reported.confirmed ? reported : null,
  };
}

/**
 * Payment stops from the month after death; a suspension or an end is treated the same way, so
 * the month of the decision is still owed. A changed status without a date is taken to hold for
 * every month (nothing on file says when it began).
 */
export function stoppedIn(subject: Subject, month: CalendarDate): boolean {
  if (subject.status === "ACTIVE") return false;
  return subject.statusSince === null || month > firstOfMonth(subject.statusSince);
}

/** Categories that had started by that month (a category is paid from the month it starts). */
export function categoriesIn(subject: Subject, month: CalendarDate): Subject["categories"] {
  return subject.categories.filter((c) => c.since === null || firstOfMonth(c.since) <= month);
}

function priceAlone(
  policy: Policy,
  programme: Programme,
  c: Subject["categories"][number],
  month: CalendarDate,
): OtherCategory | null {
  try {
    const line = monthlyAmount(policy, { programme, categories: [c], month }).lines.find((l) => l.categoryCode === c.code);
    return line ? { categoryCode: c.code, label: line.label, labelEn: line.labelEn, amount: line.amount } : null;
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}
