// What the demo communes pay a person in a month: the policy amount, with the demo province's
// resolution. When the policy data lacks an amount the law has set (a rate table at a new base
// level not loaded yet), the commune keeps paying the amount of the last base level it can price,
// as communes do while the table is awaited; the amount check then lists those payouts as
// "cannot compute: load the table".
import { AppError } from "../../core/errors.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { priceMonth, type MonthlyAmount, type MonthlyAmountInput } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { DEMO_PROVINCE } from "./province.ts";

export function demoAmount(
  policy: Policy,
  o: { programme: MonthlyAmountInput["programme"]; categories: MonthlyAmountInput["categories"]; month: CalendarDate },
): MonthlyAmount {
  const input: MonthlyAmountInput = { ...o, provinceCode: DEMO_PROVINCE.code };
  const priced = priceMonth(policy, input);
  if (priced.ok) return priced;
  if (priced.gap.kind === "rateRowMissing" || priced.gap.kind === "amountMissing") {
    const older = policy.baseLevels
      .filter((l) => l.programme === o.programme && l.confirmed && l.effectiveFrom < o.month)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
    for (const level of older) {
      const atOld = priceMonth(policy, { ...input, baseLevel: level.amount });
      if (atOld.ok) return atOld;
    }
  }
  throw new AppError(
    "unavailable",
    `demo cannot pay ${o.categories.map((c) => c.code).join(", ")} for ${o.month}: ${priced.gap.kind}`,
    {
      reason: priced.gap.kind,
    },
  );
}
