// The eligibility guide's state: one question per message; answers so far (absent = not asked or
// unknown).
import { z } from "zod";

export const eligibilityAnswers = z.object({
  age: z.number().int().min(0).max(130).optional(),
  hasPension: z.boolean().optional(),
  household: z.enum(["poor", "near_poor", "other"]).optional(),
  disability: z.enum(["especially_severe", "severe", "none"]).optional(),
  livesAlone: z.boolean().optional(),
});
export type EligibilityAnswersSoFar = z.infer<typeof eligibilityAnswers>;

export const eligibilityState = z.object({
  flow: z.literal("eligibility"),
  step: z.enum(["age", "pension", "household", "disability", "livesAlone"]),
  answers: eligibilityAnswers,
});
export type EligibilityState = z.infer<typeof eligibilityState>;
