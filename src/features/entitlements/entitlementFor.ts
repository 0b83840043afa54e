// What one person is owed for one month under the policy in force that month (confirmed levels,
// the province's resolutions), or why nothing is owed, or what the policy data lacks to say.
import type { BeneficiaryStatus, Programme } from "../../generated/prisma/enums.ts";
import { firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { baseLevelFor, priceMonth, type AmountLine, type PolicyGap } from "../policy/monthlyAmount.ts";
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
      /** Categories on file that the law had ended (or not yet started) that month. */
      skipped: PolicyGap[];
      /** A newer base level that is only reported, not confirmed, for that month. */
      unconfirmedLevel: BaseLevel | null;
    }
  | { state: "stopped"; status: BeneficiaryStatus; since: CalendarDate | null }
  | { state: "none" }
  /** The policy data cannot say: what is missing, and the lines it could price. */
  | { state: "noPolicy"; reason: string; gap: PolicyGap; lines: AmountLine[] };

export function entitlementFor(policy: Policy, subject: Subject, month: CalendarDate): Entitlement {
  if (stoppedIn(subject, month)) return { state: "stopped", status: subject.status, since: subject.statusSince };
  const categories = categoriesIn(subject, month);
  if (categories.length === 0) return { state: "none" };
  const priced = priceMonth(policy, {
    programme: subject.programme,
    categories,
    month,
    provinceCode: subject.provinceCode,
  });
  if (!priced.ok) return { state: "noPolicy", reason: priced.gap.kind, gap: priced.gap, lines: priced.lines };
  const paidCodes = new Set(priced.lines.map((l) => l.categoryCode));
  const notPaid: OtherCategory[] = [];
  for (const c of categories) {
    if (paidCodes.has(c.code)) continue;
    const alone = priceMonth(policy, {
      programme: subject.programme,
      categories: [c],
      month,
      provinceCode: subject.provinceCode,
    });
    const line = alone.ok ? alone.lines.find((l) => l.categoryCode === c.code) : undefined;
    if (line) notPaid.push({ categoryCode: c.code, label: line.label, labelEn: line.labelEn, amount: line.amount });
  }
  const reported = baseLevelFor(policy, subject.programme, month, true);
  return {
    state: "entitled",
    programme: subject.programme,
    total: priced.total,
    lines: priced.lines,
    notPaid,
    skipped: priced.skipped,
    unconfirmedLevel: reported && !reported.confirmed ? reported : null,
  };
}

/**
 * Payment stops from the month after death (the date of death, not the day it was recorded); a
 * suspension, an end or a move is treated the same way, so the month it happened is still owed.
 * A changed status without a date is taken to hold for every month (nothing says when it began).
 */
export function stoppedIn(subject: Subject, month: CalendarDate): boolean {
  if (subject.status === "ACTIVE") return false;
  return subject.statusSince === null || month > firstOfMonth(subject.statusSince);
}

/** Categories that had started by that month (a category is paid from the month it starts). */
export function categoriesIn(subject: Subject, month: CalendarDate): Subject["categories"] {
  return subject.categories.filter((c) => c.since === null || firstOfMonth(c.since) <= month);
}
