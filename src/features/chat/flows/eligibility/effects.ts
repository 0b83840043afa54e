// What may apply to a person, computed from the policy data with the guide's answers.
import { z } from "zod";
import { reply } from "../../../../core/reply.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { assessEligibility as assess, eligibilityReplies } from "../../../entitlements/eligibility.ts";
import { eligibilityAnswers } from "./state.ts";

export const assessEligibility = defineEffect({
  kind: "assessEligibility",
  payload: { answers: eligibilityAnswers },
  output: z.object({ replies: z.array(reply) }),
  async perform(_tx, { answers: a }, ctx, deps) {
    const answers = { age: a.age ?? null, hasPension: a.hasPension ?? null, household: a.household ?? null, disability: a.disability ?? null, livesAlone: a.livesAlone ?? null, ncc: null };
    return { replies: eligibilityReplies(assess(await deps.policy(), answers, ctx.today)) };
  },
});
