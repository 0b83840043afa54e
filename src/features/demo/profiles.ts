// Who the demo beneficiaries are: category combinations with the ages and sex that fit them
// (Decree 20/2021 arts. 5-6, Decree 176/2025, Ordinance 02/2020), weighted roughly like a
// rural province's lists.
import type { Random } from "./random.ts";

export interface Profile {
  programme: "BTXH" | "NCC";
  categories: { code: string; rate?: number }[];
  /** Age range in years: min included, max excluded. */
  ages: readonly [number, number];
  /** Probability of being a woman. */
  female: number;
  weight: number;
}

const p = (
  programme: Profile["programme"],
  codes: string[],
  ages: readonly [number, number],
  weight: number,
  female = 0.5,
): Profile => ({ programme, categories: codes.map((code) => ({ code })), ages, female, weight });

const PROFILES: readonly Profile[] = [
  p("BTXH", ["SOCIAL_PENSION"], [75, 96], 24, 0.6),
  p("BTXH", ["BTXH_OLD_80"], [80, 99], 7, 0.65),
  p("BTXH", ["BTXH_OLD_60_80_POOR"], [60, 80], 6, 0.6),
  // The two categories Decree 176/2025 repealed from 2025-07-01 (75-80 in hard areas, 80+ without
  // a pension) moved to the social pension: their people are among the social pensioners above.
  p("BTXH", ["BTXH_OLD_TAKEN_IN"], [65, 92], 1, 0.6),
  p("BTXH", ["BTXH_SEVERE_DISABILITY_ADULT"], [16, 60], 12),
  p("BTXH", ["BTXH_SEVERE_DISABILITY_CHILD_OR_OLD"], [2, 16], 2.5),
  p("BTXH", ["BTXH_SEVERE_DISABILITY_CHILD_OR_OLD"], [60, 90], 3.5, 0.55),
  p("BTXH", ["BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT"], [16, 60], 5),
  p("BTXH", ["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD"], [2, 16], 2),
  p("BTXH", ["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD"], [60, 92], 2, 0.55),
  p("BTXH", ["BTXH_CHILD_NO_CARER_UNDER4"], [0, 4], 0.5),
  p("BTXH", ["BTXH_CHILD_NO_CARER_4PLUS"], [4, 16], 2),
  p("BTXH", ["BTXH_CHILD_HIV_POOR_UNDER4"], [0, 4], 0.2),
  p("BTXH", ["BTXH_CHILD_HIV_POOR_4_16"], [4, 16], 0.4),
  p("BTXH", ["BTXH_SINGLE_PARENT_POOR"], [22, 50], 3, 0.85),
  p("BTXH", ["BTXH_POOR_CHILD_UNDER3_MOUNTAIN"], [0, 3], 1.5),
  p("BTXH", ["BTXH_HIV_POOR"], [20, 60], 1, 0.4),
  // People who fit two categories: only the higher is paid, the single-parent allowance is added.
  p("BTXH", ["SOCIAL_PENSION", "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD"], [75, 92], 2, 0.6),
  p("BTXH", ["BTXH_OLD_80", "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD"], [80, 95], 1, 0.6),
  p("BTXH", ["BTXH_SEVERE_DISABILITY_ADULT", "BTXH_SINGLE_PARENT_POOR"], [22, 50], 1, 0.8),
  p("NCC", ["NCC_MARTYR_RELATIVE_1"], [55, 96], 12, 0.6),
  p("NCC", ["NCC_MARTYR_RELATIVE_2"], [65, 96], 3, 0.6),
  p("NCC", ["NCC_MARTYR_RELATIVE_3PLUS"], [75, 98], 1, 0.65),
  p("NCC", ["NCC_HEROIC_MOTHER"], [92, 104], 0.3, 1),
  p("NCC", ["NCC_WAR_INVALID"], [66, 90], 8, 0.08),
  p("NCC", ["NCC_WAR_INVALID", "NCC_MARTYR_RELATIVE_1"], [66, 90], 1.5, 0.08),
];

// Only the rates printed in the (incomplete) war-invalid table are used, so every demo amount is
// one the policy data states rather than a nearest-lower-row approximation.
const INJURY_RATES: readonly (readonly [number, number])[] = [
  [21, 5],
  [41, 4],
  [61, 3],
  [81, 1.5],
  [100, 0.5],
];

const WEIGHTED = PROFILES.map((profile) => [profile, profile.weight] as const);

/** A profile with its per-person numbers filled in (injury rate, number of children raised). */
export function pickProfile(rng: Random): Profile {
  const profile = rng.weighted(WEIGHTED);
  return {
    ...profile,
    categories: profile.categories.map((c) => {
      if (c.code === "NCC_WAR_INVALID") return { code: c.code, rate: rng.weighted(INJURY_RATES) };
      if (c.code === "BTXH_SINGLE_PARENT_POOR")
        return {
          code: c.code,
          rate: rng.weighted([
            [1, 5],
            [2, 3],
            [3, 1],
          ]),
        };
      return c;
    }),
  };
}
