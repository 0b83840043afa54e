// Why this month's money differs from last month's, reason by reason, each with the part of the
// difference it explains. The monthly allowance is split into what a new base level changed and
// what a change of category changed; the other payout lines (back pay, carried-over money, gifts,
// one-off sums, deductions) are compared kind by kind.
import type { PayoutLineKind } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { baseLevelFor, priceMonth } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { categoriesIn, type Entitlement } from "./entitlementFor.ts";
import { regularAmount, sumOf, type PaidMonth, type Subject } from "./subject.ts";

export type ChangeReason =
  "baseLevel" | "backPay" | "carriedOver" | "gift" | "oneOff" | "suspension" | "category" | "deduction";

export interface MonthChange {
  reason: ChangeReason;
  /** VND this reason adds (positive) or takes away (negative) compared with last month. */
  amount: number;
  detail: Record<string, string | number>;
}

export interface MonthSide {
  month: CalendarDate;
  entitlement: Entitlement;
  paid: PaidMonth | null;
}

const OTHER_KINDS: [PayoutLineKind, ChangeReason][] = [
  ["BACK_PAY", "backPay"],
  ["CARRIED_OVER", "carriedOver"],
  ["GIFT", "gift"],
  ["ONE_OFF", "oneOff"],
  ["DEDUCTION", "deduction"],
];

export function monthChanges(policy: Policy, subject: Subject, now: MonthSide, before: MonthSide): MonthChange[] {
  const changes = regularChanges(policy, subject, now, before);
  for (const [kind, reason] of OTHER_KINDS) {
    const thisMonth = now.paid ? sumOf(now.paid.lines, (k) => k === kind) : 0;
    const lastMonth = before.paid ? sumOf(before.paid.lines, (k) => k === kind) : 0;
    if (thisMonth === lastMonth) continue;
    const line = [...(now.paid?.lines ?? []), ...(before.paid?.lines ?? [])].find((l) => l.kind === kind);
    changes.push({ reason, amount: thisMonth - lastMonth, detail: { thisMonth, lastMonth, label: line?.label ?? "" } });
  }
  return changes;
}

function regularChanges(policy: Policy, subject: Subject, now: MonthSide, before: MonthSide): MonthChange[] {
  const previous = regularOf(before);
  if (now.entitlement.state === "stopped") {
    if (before.entitlement.state === "stopped" || !previous) return [];
    return [
      {
        reason: "suspension",
        amount: -previous,
        detail: { status: now.entitlement.status, since: now.entitlement.since ?? "" },
      },
    ];
  }
  if (now.entitlement.state !== "entitled") return [];
  const current = now.entitlement;
  const main = current.lines[0];
  const to = { to: main?.label ?? "", toEn: main?.labelEn ?? "" };
  if (before.entitlement.state === "none") return [{ reason: "category", amount: current.total, detail: to }];
  if (previous === null) return [];

  const changes: MonthChange[] = [];
  const levelBefore = baseLevelFor(policy, subject.programme, before.month);
  const levelNow = baseLevelFor(policy, subject.programme, now.month);
  // What the person's categories of this month would have paid last month: the part of the
  // difference that is the new base level, the rest being a change of category.
  const sameCategoriesBefore =
    priceAt(policy, subject, now.month, before.month) ?? (sameCodes(now, before) ? previous : null);
  if (levelBefore && levelNow && levelBefore.amount !== levelNow.amount && sameCategoriesBefore !== null) {
    const amount = current.total - sameCategoriesBefore;
    if (amount !== 0) {
      changes.push({
        reason: "baseLevel",
        amount,
        detail: {
          programme: subject.programme,
          from: levelBefore.amount,
          to: levelNow.amount,
          effectiveFrom: levelNow.effectiveFrom,
          legalBasis: levelNow.legalBasis,
        },
      });
    }
  }
  const explained = changes.reduce((s, c) => s + c.amount, 0);
  const rest = current.total - previous - explained;
  if (!sameCodes(now, before) && rest !== 0) {
    const first = before.entitlement.state === "entitled" ? before.entitlement.lines[0] : undefined;
    const fromLine = first ?? before.paid?.lines.find((l) => l.kind === "MONTHLY");
    changes.push({
      reason: "category",
      amount: rest,
      detail: { from: fromLine?.label ?? "", fromEn: first?.labelEn ?? fromLine?.label ?? "", ...to },
    });
  }
  return changes;
}

/** Last month's monthly allowance: what the policy said, or what was paid when it cannot say. */
function regularOf(side: MonthSide): number | null {
  const e = side.entitlement;
  if (e.state === "entitled") return e.total;
  if (e.state === "stopped" || e.state === "none") return 0;
  return side.paid ? regularAmount(side.paid) : null;
}

function priceAt(policy: Policy, subject: Subject, categoriesOf: CalendarDate, month: CalendarDate): number | null {
  const priced = priceMonth(policy, {
    programme: subject.programme,
    categories: categoriesIn(subject, categoriesOf),
    month,
    provinceCode: subject.provinceCode,
  });
  return priced.ok ? priced.total : null;
}

/** Whether both months pay the same categories (by the policy, or by last month's payout lines). */
function sameCodes(now: MonthSide, before: MonthSide): boolean {
  const codes = (side: MonthSide): string[] | null => {
    if (side.entitlement.state === "entitled") return side.entitlement.lines.map((l) => l.categoryCode);
    const fromPayout = side.paid?.lines
      .filter((l) => l.kind === "MONTHLY" || l.kind === "SUPPLEMENT")
      .map((l) => l.categoryCode);
    return fromPayout && fromPayout.every((c) => c !== null) ? fromPayout.filter((c) => c !== null) : null;
  };
  const a = codes(now);
  const b = codes(before);
  // Without codes for last month (a payout with unlabelled lines) nothing says the category changed.
  if (!a || !b) return true;
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
