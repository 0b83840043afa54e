// A likely cause for a payout whose monthly allowance differs from the policy, found by
// recomputing the amount the usual wrong ways: the old base level (a list prepared before a decree
// took effect), a level only reported, every category paid instead of the highest, a lower
// category, several months written as one monthly line. Only a guess: the officer checks.
import { AppError } from "../../core/errors.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { monthlyAmount } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { categoriesIn, type Entitlement } from "./entitlementFor.ts";
import type { Subject } from "./subject.ts";

export type ReasonGuess =
  | { kind: "stopped"; status: string }
  | { kind: "notStarted" }
  | { kind: "oldBaseLevel"; baseLevel: number }
  | { kind: "unconfirmedLevel"; baseLevel: number }
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
  const price = (at: CalendarDate, includeUnconfirmed = false, cats = categories): number | null => {
    try {
      return monthlyAmount(policy, { programme: subject.programme, categories: cats, month: at, includeUnconfirmed }).total;
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  };

  const levels = policy.baseLevels.filter((l) => l.programme === subject.programme);
  for (const level of levels.filter((l) => l.confirmed && l.effectiveFrom < month)) {
    if (price(level.effectiveFrom) === paid) return { kind: "oldBaseLevel", baseLevel: level.amount };
  }
  for (const level of levels.filter((l) => !l.confirmed)) {
    if (price(level.effectiveFrom, true) === paid) return { kind: "unconfirmedLevel", baseLevel: level.amount };
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
