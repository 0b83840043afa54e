// A first guide for people who are not on any list yet: from a few answers, which allowances MAY
// apply and how much they pay today (national level; a province may pay more). It never decides:
// since 2025-07-01 the commune People's Committee chair decides (Decree 147/2025), after checking
// the papers. An amount the policy data lacks is "the commune will confirm", never a guess.
import { firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { baseLevelFor, priceMonth } from "../policy/monthlyAmount.ts";
import type { Policy, Programme } from "../policy/policySchema.ts";

export { eligibilityReplies } from "./eligibilityReplies.ts";

export interface EligibilityAnswers {
  age: number | null;
  /** A pension or monthly social-insurance allowance: none, one below the social pension, or not below. */
  pension: "none" | "below" | "above" | null;
  household: "poor" | "near_poor" | "other" | null;
  disability: "especially_severe" | "severe" | "none" | null;
  /**
   * Whether someone has the legal duty and right to support them (người có nghĩa vụ và quyền
   * phụng dưỡng): the legal test of Decree 20/2021 art. 5, not whether they live alone.
   */
  hasSupporter: boolean | null;
  /** A child (or a young person still in school) without a source of care: orphaned, abandoned. */
  orphan: boolean | null;
  hiv: boolean | null;
  /** Raising children alone. */
  singleParent: boolean | null;
  ncc: "martyr_relative" | "war_invalid" | "other" | "none" | null;
}

export interface MayApply {
  categoryCode: string;
  /** Null when the policy data has no amount for today: the commune confirms it. */
  monthly: number | null;
  legalBasis: string;
  programme: Programme;
  label: string;
  labelEn: string;
  /** The amount depends on what the commune checks (injury rate, number of martyrs, children): this is the lowest. */
  atLeast: boolean;
  /** The social pension for someone whose pension is below it: only the difference is paid. */
  difference: boolean;
  /** Funeral support for a social-assistance beneficiary: 20 × the base level (Decree 20/2021, art. 11). */
  funeralSupport: number | null;
}

// Decree 20/2021, art. 11: funeral support of at least 20 times the base level of the month.
export const FUNERAL_MULTIPLE = 20;

/** What may apply, social assistance first (highest first), then meritorious-service allowances. */
export function assessEligibility(policy: Policy, a: EligibilityAnswers, today: CalendarDate): MayApply[] {
  const month = firstOfMonth(today);
  const found = candidates(a).flatMap((c) => price(policy, c, month) ?? []);
  const order = (f: MayApply) => (f.programme === "BTXH" ? 0 : 1);
  return found.sort((x, y) => order(x) - order(y) || (y.monthly ?? 0) - (x.monthly ?? 0));
}

interface Candidate {
  code: string;
  atLeast?: boolean;
  difference?: boolean;
}

function candidates(a: EligibilityAnswers): Candidate[] {
  const out: Candidate[] = [];
  const age = a.age;
  const poor = a.household === "poor";
  const poorOrNear = poor || a.household === "near_poor";
  if (age !== null) {
    // Law on Social Insurance 2024 arts. 21-22, Decree 176/2025: 75 and over, or 70 to 75 in a poor
    // or near-poor household; without a pension, or with one below the social pension (the difference).
    const pensionAge = age >= 75 || (age >= 70 && poorOrNear);
    if (pensionAge && (a.pension === "none" || a.pension === "below"))
      out.push({ code: "SOCIAL_PENSION", difference: a.pension === "below" });
    // Before 2025-07-01 the same people had the 80+ allowance Decree 176/2025 repealed (priced only
    // for a day it was in force).
    if (a.pension === "none" && age >= 80) out.push({ code: "BTXH_OLD_80_NO_PENSION" });
    // Decree 20/2021, art. 5: poor older people nobody has the legal duty to support.
    if (poor && a.hasSupporter === false && age >= 80) out.push({ code: "BTXH_OLD_80" });
    if (poor && a.hasSupporter === false && age >= 60 && age < 80) out.push({ code: "BTXH_OLD_60_80_POOR" });
    // Children (under 16) and older people (60+) with a disability get the higher coefficient.
    const childOrOld = age < 16 || age >= 60;
    if (a.disability === "especially_severe") {
      out.push({
        code: childOrOld ? "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD" : "BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT",
      });
    }
    if (a.disability === "severe")
      out.push({ code: childOrOld ? "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD" : "BTXH_SEVERE_DISABILITY_ADULT" });
    // Under 16 without a source of care; 16 to 22 while still in school.
    if (a.orphan === true && age < 22)
      out.push({ code: age < 4 ? "BTXH_CHILD_NO_CARER_UNDER4" : "BTXH_CHILD_NO_CARER_4PLUS" });
    if (a.hiv === true && poor) {
      out.push({
        code: age < 4 ? "BTXH_CHILD_HIV_POOR_UNDER4" : age < 16 ? "BTXH_CHILD_HIV_POOR_4_16" : "BTXH_HIV_POOR",
      });
    }
  }
  if (a.singleParent === true && poorOrNear) out.push({ code: "BTXH_SINGLE_PARENT_POOR", atLeast: true });
  if (a.ncc === "martyr_relative") {
    out.push({ code: "NCC_MARTYR_RELATIVE_1", atLeast: true });
    // A martyr's parent or spouse living alone: the survivors' care allowance.
    if (a.hasSupporter === false) out.push({ code: "NCC_SURVIVOR_CARE" });
  }
  if (a.ncc === "war_invalid") out.push({ code: "NCC_WAR_INVALID", atLeast: true });
  return out;
}

function price(policy: Policy, c: Candidate, month: CalendarDate): MayApply | null {
  const category = policy.categories.find((k) => k.code === c.code);
  if (!category) return null;
  const level = baseLevelFor(policy, category.programme, month);
  // The lowest rate of the month's table gives the lowest war-invalid allowance.
  const lowestRate =
    category.rule === "RATE_TABLE"
      ? policy.rateTables.find((t) => t.code === category.rateTable && t.baseLevel === level?.amount)?.rows[0]?.rate
      : undefined;
  const priced = priceMonth(policy, {
    programme: category.programme,
    categories: [{ code: c.code, rate: lowestRate ?? (category.rateKind === "INJURY_RATE" ? 21 : null) }],
    month,
  });
  // Repealed or not yet in force on that day: it does not apply.
  if (!priced.ok && (priced.gap.kind === "repealed" || priced.gap.kind === "notYetInForce")) return null;
  if (priced.ok && priced.lines.length === 0) return null;
  const line = priced.ok ? priced.lines.find((l) => l.categoryCode === c.code) : undefined;
  const base = baseLevelFor(policy, "BTXH", month);
  return {
    categoryCode: c.code,
    monthly: line?.amount ?? null,
    legalBasis: line?.legalBasis ?? category.legalBasis,
    programme: category.programme,
    label: category.name,
    labelEn: category.nameEn,
    atLeast: c.atLeast ?? false,
    difference: c.difference ?? false,
    funeralSupport: category.programme === "BTXH" && base ? base.amount * FUNERAL_MULTIPLE : null,
  };
}
