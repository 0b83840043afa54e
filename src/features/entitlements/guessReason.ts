// A likely cause for a payout whose monthly allowance really differs from the policy (a payout at
// a level the data lacks is recognised before this, see otherLevel.ts), found by recomputing the
// amount the usual wrong ways: an old base level (a list prepared before a decree took effect),
// every category paid instead of the highest, a lower category, several months written as one
// monthly line. Only a guess: the officer checks.
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { priceMonth } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { categoriesIn, type Entitlement } from "./entitlementFor.ts";
import type { Subject } from "./subject.ts";

export type ReasonGuess =
  | { kind: "stopped"; status: string }
  | { kind: "notStarted" }
  | { kind: "oldBaseLevel"; baseLevel: number }
  | { kind: "allCategories" }
  | { kind: "otherCategory"; label: string; labelEn: string }
  | { kind: "severalMonths"; months: number }
  | { kind: "unknown" };

export function guessReason(
  policy: Policy,
  subject: Subject,
  month: CalendarDate,
  entitlement: Entitlement,
  paid: number,
): ReasonGuess {
  if (entitlement.state === "stopped") return { kind: "stopped", status: entitlement.status };
  if (entitlement.state !== "entitled") return { kind: "notStarted" };
  const categories = categoriesIn(subject, month);
  const levels = policy.baseLevels.filter(
    (l) => l.programme === subject.programme && l.confirmed && l.effectiveFrom < month,
  );
  for (const level of levels) {
    const old = priceMonth(policy, {
      programme: subject.programme,
      categories,
      month: level.effectiveFrom,
      provinceCode: subject.provinceCode,
    });
    if (old.ok && old.total === paid) return { kind: "oldBaseLevel", baseLevel: level.amount };
  }
  const supplements = entitlement.lines.filter((l) => l.kind === "SUPPLEMENT").reduce((s, l) => s + l.amount, 0);
  if (entitlement.notPaid.length) {
    const everything = entitlement.total + entitlement.notPaid.reduce((s, n) => s + n.amount, 0);
    if (everything === paid) return { kind: "allCategories" };
    const other = entitlement.notPaid.find((n) => n.amount + supplements === paid);
    if (other) return { kind: "otherCategory", label: other.label, labelEn: other.labelEn };
  }
  for (const months of [2, 3]) {
    if (entitlement.total > 0 && entitlement.total * months === paid) return { kind: "severalMonths", months };
  }
  return { kind: "unknown" };
}
