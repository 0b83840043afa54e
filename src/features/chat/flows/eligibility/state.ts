// The eligibility guide's state: one question per message; answers so far (absent = not asked or
// unknown). Nothing is assumed: the legal question on support, a small pension below the social
// pension, orphans, HIV, single parents and meritorious services are answers of their own.
import { z } from "zod";

const STEPS = [
  "age",
  "pension",
  "household",
  "disability",
  "supporter",
  "orphan",
  "hiv",
  "singleParent",
  "ncc",
] as const;

export const eligibilityAnswers = z.object({
  age: z.number().int().min(0).max(130).optional(),
  pension: z.enum(["none", "below", "above"]).optional(),
  household: z.enum(["poor", "near_poor", "other"]).optional(),
  disability: z.enum(["especially_severe", "severe", "none"]).optional(),
  /** Is there anyone with the legal duty and right to support the person (Decree 20/2021, art. 5)? */
  hasSupporter: z.boolean().optional(),
  orphan: z.boolean().optional(),
  hiv: z.boolean().optional(),
  singleParent: z.boolean().optional(),
  ncc: z.enum(["martyr_relative", "war_invalid", "other", "none"]).optional(),
});
export type EligibilityAnswersSoFar = z.infer<typeof eligibilityAnswers>;

export const eligibilityState = z.object({
  flow: z.literal("eligibility"),
  step: z.enum(STEPS),
  answers: eligibilityAnswers,
});
export type EligibilityState = z.infer<typeof eligibilityState>;

/**
 * Version 1 asked yes/no to "a pension?" (`hasPension`) and "lives alone?" (`livesAlone`, step
 * "livesAlone"); some version 1 states already carry the answers of today. A "yes" to a pension is
 * read as one above the social pension, and living alone as having nobody to support them — what
 * those answers meant when they were given.
 */
const version1 = z
  .object({
    flow: z.literal("eligibility"),
    step: z.enum([...STEPS, "livesAlone"]),
    answers: eligibilityAnswers.extend({ hasPension: z.boolean().optional(), livesAlone: z.boolean().optional() }),
  })
  .transform(({ step, answers: { hasPension, livesAlone, ...answers } }) => {
    const pension = answers.pension ?? (hasPension === undefined ? undefined : hasPension ? "above" : "none");
    const hasSupporter = answers.hasSupporter ?? (livesAlone === undefined ? undefined : !livesAlone);
    return {
      flow: "eligibility" as const,
      step: step === "livesAlone" ? ("supporter" as const) : step,
      answers: { ...answers, ...(pension ? { pension } : {}), ...(hasSupporter === undefined ? {} : { hasSupporter }) },
    };
  });

export const eligibilityStateDef = { schema: eligibilityState, version: 2, migrations: { 1: version1 } };
