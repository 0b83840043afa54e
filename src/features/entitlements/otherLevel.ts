// A payout that differs from the confirmed data is not wrong when it matches a level the data
// lacks or has not confirmed yet: a decree reported but not entered, a raise the commune applied
// before the data, a province paying its own higher level. Commune lists follow the law, the
// data follows the lists by days or weeks; the bot must never call such a payout wrong.
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { priceMonth } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { categoriesIn, type Entitlement } from "./entitlementFor.ts";
import type { Subject } from "./subject.ts";

export type OtherLevelMatch =
  /** A base level in the data that is only reported, not confirmed. */
  | { kind: "reportedLevel"; baseLevel: number; effectiveFrom: string; legalBasis: string }
  /** A confirmed level of a later month, applied early. */
  | { kind: "newerLevel"; baseLevel: number; effectiveFrom: string; legalBasis: string }
  /** A base level the data does not have at all: the payout is the category's rule at it. */
  | { kind: "inferredLevel"; baseLevel: number }
  /** More than the national sum: a provincial amount the data lacks. */
  | { kind: "provincialAmount"; amount: number };

// Base levels are whole thousands of đồng; provincial sums round thousands too.
const LEVEL_STEP = 1_000;
// A level the data lacks is believed only this far above the known one: rises have been 8-40%
// (360,000 → 500,000; 2,789,000 → 3,012,000). Anything further is more likely a real mistake.
const MAX_RISE = 1.5;

/**
 * `guess`: also infer a level or provincial sum the data does not have at all (only once the
 * usual mistakes have been ruled out, see assessPayout.ts).
 */
export function matchOtherLevel(
  policy: Policy,
  subject: Subject,
  month: CalendarDate,
  entitlement: Entitlement,
  paid: number,
  guess: boolean,
): OtherLevelMatch | null {
  const categories = categoriesIn(subject, month);
  const priceAt = (at: CalendarDate, baseLevel?: number) => {
    const p = priceMonth(policy, {
      programme: subject.programme,
      categories,
      month: at,
      provinceCode: subject.provinceCode,
      includeUnconfirmed: true,
      baseLevel,
    });
    return p.ok ? p.total : null;
  };
  for (const level of policy.baseLevels.filter((l) => l.programme === subject.programme)) {
    const later = level.effectiveFrom > month;
    if (!later && level.confirmed) continue;
    // Priced as in the level's own first month: the category amounts that came with it too.
    if (priceAt(later ? level.effectiveFrom : month, level.amount) !== paid) continue;
    const match = { baseLevel: level.amount, effectiveFrom: level.effectiveFrom, legalBasis: level.legalBasis };
    return level.confirmed ? { kind: "newerLevel", ...match } : { kind: "reportedLevel", ...match };
  }
  if (!guess || entitlement.state !== "entitled" || paid <= entitlement.total || paid > entitlement.total * MAX_RISE)
    return null;
  const main = entitlement.lines.find((l) => l.kind === "MONTHLY");
  if (!main) return null;
  const others = entitlement.total - main.amount;
  if (main.coefficient !== null && main.baseLevel !== null && main.provincial === null) {
    const units = main.rate ?? 1;
    const level = (paid - others) / (main.coefficient * units);
    if (
      Number.isInteger(level) &&
      level % LEVEL_STEP === 0 &&
      level > main.baseLevel &&
      priceAt(month, level) === paid
    ) {
      return { kind: "inferredLevel", baseLevel: level };
    }
  }
  if (main.coefficient === null && main.baseLevel === null && (paid - others) % LEVEL_STEP === 0) {
    return { kind: "provincialAmount", amount: paid - others };
  }
  return null;
}
