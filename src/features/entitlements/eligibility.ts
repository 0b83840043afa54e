// A first guide for people who are not on any list yet: from a few answers, which allowances MAY
// apply and how much they pay today. It never decides: since 2025-07-01 the commune People's
// Committee chair decides (Decree 147/2025), after checking the papers.
import { AppError } from "../../core/errors.ts";
import { firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { baseLevelFor, monthlyAmount } from "../policy/monthlyAmount.ts";
import type { Policy, Programme } from "../policy/policySchema.ts";

export { eligibilityReplies } from "./eligibilityReplies.ts";

export interface EligibilityAnswers {
  age: number | null;
  hasPension: boolean | null;
  household: "poor" | "near_poor" | "other" | null;
  disability: "especially_severe" | "severe" | "none" | null;
  /** Lives alone / has nobody obliged and able to support them (không có người phụng dưỡng). */
  livesAlone: boolean | null;
  ncc: "martyr_relative" | "war_invalid" | "none" | null;
}

export interface MayApply {
  categoryCode: string;
  monthly: number;
  legalBasis: string;
  programme: Programme;
  label: string;
  labelEn: string;
  /** The amount depends on what the commune checks (injury rate, number of martyrs): this is the lowest. */
  atLeast: boolean;
  /** Funeral support for a social-assistance beneficiary: 20 × the base level (Decree 20/2021, art. 11). */
  funeralSupport: number | null;
}

// Decree 20/2021, art. 11: funeral support of at least 20 times the base level.
const FUNERAL_MULTIPLE = 20;

/** What may apply, social assistance first (highest first), then meritorious-service allowances. */
export function assessEligibility(policy: Policy, a: EligibilityAnswers, today: CalendarDate): MayApply[] {
  const month = firstOfMonth(today);
  const found: MayApply[] = [];
  for (const { code, rate, atLeast } of candidates(a)) {
    const item = price(policy, code, rate, month, atLeast);
    if (item) found.push(item);
  }
  // The social pension replaced the 80+-without-pension allowance from 2025-07-01 (Decree 176/2025).
  const withPension = found.some((f) => f.categoryCode === "SOCIAL_PENSION")
    ? found.filter((f) => f.categoryCode !== "BTXH_OLD_80_NO_PENSION")
    : found;
  const order = (f: MayApply) => (f.programme === "BTXH" ? 0 : 1);
  return withPension.sort((x, y) => order(x) - order(y) || y.monthly - x.monthly);
}

type Candidate = { code: string; rate?: number; atLeast: boolean };

function candidates(a: EligibilityAnswers): Candidate[] {
  const out: Candidate[] = [];
  const add = (code: string, atLeast = false, rate?: number) => out.push({ code, rate, atLeast });
  const age = a.age;
  const poor = a.household === "poor";
  const poorOrNear = poor || a.household === "near_poor";
  if (age !== null) {
    // Decree 176/2025: 75 and over, or 70 to 75 in a poor or near-poor household, without a pension.
    if (a.hasPension === false && (age >= 75 || (age >= 70 && poorOrNear))) add("SOCIAL_PENSION");
    if (a.hasPension === false && age >= 80) add("BTXH_OLD_80_NO_PENSION");
    // Decree 20/2021, art. 5: poor older people with nobody to support them.
    if (poor && a.livesAlone === true && age >= 80) add("BTXH_OLD_80");
    if (poor && a.livesAlone === true && age >= 60 && age < 80) add("BTXH_OLD_60_80_POOR");
    // Children (under 16) and older people (60+) with a disability get the higher coefficient.
    const childOrOld = age < 16 || age >= 60;
    if (a.disability === "especially_severe") {
      add(childOrOld ? "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD" : "BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT");
    }
    if (a.disability === "severe") add(childOrOld ? "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD" : "BTXH_SEVERE_DISABILITY_ADULT");
  }
  if (a.ncc === "martyr_relative") add("NCC_MARTYR_RELATIVE_1", true);
  if (a.ncc === "war_invalid") add("NCC_WAR_INVALID", true);
  return out;
}

function price(policy: Policy, code: string, rate: number | undefined, month: CalendarDate, atLeast: boolean): MayApply | null {
  const category = policy.categories.find((c) => c.code === code);
  if (!category) return null;
  // The lowest injury rate in the table gives the lowest war-invalid allowance.
  const lowestRate =
    category.rule === "RATE_TABLE"
      ? policy.rateTables
          .find((t) => t.code === category.rateTable)
          ?.tables.find((t) => t.baseLevel === baseLevelFor(policy, category.programme, month)?.amount)?.rows[0]?.rate
      : undefined;
  try {
    const amount = monthlyAmount(policy, {
      programme: category.programme,
      categories: [{ code, rate: rate ?? lowestRate ?? null }],
      month,
    });
    const line = amount.lines.find((l) => l.categoryCode === code);
    if (!line) return null;
    const base = baseLevelFor(policy, "BTXH", month);
    return {
      categoryCode: code,
      monthly: line.amount,
      legalBasis: line.legalBasis,
      programme: category.programme,
      label: category.name,
      labelEn: category.nameEn,
      atLeast,
      funeralSupport: category.programme === "BTXH" && base ? base.amount * FUNERAL_MULTIPLE : null,
    };
  } catch (err) {
    // Not in force yet on that day (e.g. the social pension before 2025-07-01): it does not apply.
    if (err instanceof AppError) return null;
    throw err;
  }
}
