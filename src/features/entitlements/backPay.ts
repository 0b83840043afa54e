// Back pay (truy lĩnh): a decree that raises a level from a date before it could be applied (Decree
// 335/2026 from 2026-07-01, in force in the autumn) leaves the months in between paid at the old
// amount; each is owed the difference. Which months, how much each, and why.
import { addMonths, firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { priceMonth } from "../policy/monthlyAmount.ts";
import type { BaseLevel, Policy } from "../policy/policySchema.ts";
import { categoriesIn, entitlementFor } from "./entitlementFor.ts";
import { regularAmount, sumOf, type PaidMonth, type Subject } from "./subject.ts";

export interface BackPayMonth {
  month: CalendarDate;
  /** The month's allowance before the rise, and after it. */
  before: number;
  after: number;
  /** True when no payout of that month is on file: it is taken to have been paid at the old amount. */
  assumed: boolean;
}

export interface BackPayOwed {
  /** The raise behind it: the decree, the date it counts from and the day it could be applied. */
  level: Pick<BaseLevel, "programme" | "amount" | "effectiveFrom" | "legalBasis" | "appliedFrom">;
  previousLevel: number | null;
  /** Months still owed, oldest first (months already settled by earlier back pay are left out). */
  months: BackPayMonth[];
  total: number;
}

/** The base levels of the person's programme raised retroactively, whose window began before `month`. */
export function retroactiveLevels(
  policy: Policy,
  subject: Pick<Subject, "programme">,
  month: CalendarDate,
): BaseLevel[] {
  return policy.baseLevels.filter(
    (l) =>
      l.programme === subject.programme &&
      l.confirmed &&
      l.appliedFrom !== null &&
      l.appliedFrom > l.effectiveFrom &&
      l.effectiveFrom < month,
  );
}

/** The months whose payouts the back pay due in `month` depends on. */
export function backPayMonths(
  policy: Policy,
  subject: Pick<Subject, "programme">,
  month: CalendarDate,
): CalendarDate[] {
  return retroactiveLevels(policy, subject, month).flatMap((l) => windowOf(l, month));
}

/**
 * What is owed in `month` for each retroactive raise: every month of its window before `month`
 * paid at the old amount (or with no payout on file), less back pay already paid in between.
 */
export function backPayOwed(
  policy: Policy,
  subject: Subject,
  month: CalendarDate,
  history: Map<CalendarDate, PaidMonth>,
): BackPayOwed[] {
  const out: BackPayOwed[] = [];
  for (const level of retroactiveLevels(policy, subject, month)) {
    const lastBefore = addMonths(level.effectiveFrom, -1);
    const months: BackPayMonth[] = [];
    for (const m of windowOf(level, month)) {
      const due = entitlementFor(policy, subject, m);
      if (due.state !== "entitled") continue;
      // What the same categories paid just before the raise: the old amount of that month.
      const old = priceMonth(policy, {
        programme: subject.programme,
        categories: categoriesIn(subject, m),
        month: lastBefore,
        provinceCode: subject.provinceCode,
      });
      if (!old.ok || old.total >= due.total) continue;
      const paid = history.get(m);
      const paidRegular = paid ? regularAmount(paid) : null;
      // Only a month paid at the old amount is owed back pay; any other amount is another matter.
      if (paidRegular !== null && paidRegular !== old.total) continue;
      months.push({ month: m, before: old.total, after: due.total, assumed: paidRegular === null });
    }
    // Back pay paid in an earlier month settles the oldest months first.
    let settled = [...history.entries()]
      .filter(([m]) => m >= level.effectiveFrom && m < month)
      .reduce((s, [, p]) => s + sumOf(p.lines, (k) => k === "BACK_PAY"), 0);
    while (months.length && settled >= months[0]!.after - months[0]!.before) {
      settled -= months[0]!.after - months[0]!.before;
      months.shift();
    }
    if (months.length === 0) continue;
    out.push({
      level: {
        programme: level.programme,
        amount: level.amount,
        effectiveFrom: level.effectiveFrom,
        legalBasis: level.legalBasis,
        appliedFrom: level.appliedFrom,
      },
      previousLevel: latestBefore(policy, level),
      months,
      total: months.reduce((s, m) => s + m.after - m.before, 0),
    });
  }
  return out;
}

/** The months from the raise's start up to the day it could be applied, before `month`. */
function windowOf(level: BaseLevel, month: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = [];
  const applied = level.appliedFrom ?? level.effectiveFrom;
  for (let m = level.effectiveFrom; m < month && m < applied && out.length < 36; m = addMonths(m, 1))
    out.push(firstOfMonth(m));
  return out;
}

function latestBefore(policy: Policy, level: BaseLevel): number | null {
  const earlier = policy.baseLevels
    .filter((l) => l.programme === level.programme && l.confirmed && l.effectiveFrom < level.effectiveFrom)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return earlier.at(-1)?.amount ?? null;
}
