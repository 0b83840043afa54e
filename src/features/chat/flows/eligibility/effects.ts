// What may apply to a person, computed from the policy data with the guide's answers. A question
// not asked (it did not matter for the age or household) is unknown, never taken as "no".
import { z } from "zod";
import { reply } from "../../../../core/reply.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import {
  assessEligibility as assess,
  eligibilityReplies,
  type EligibilityAnswers,
} from "../../../entitlements/eligibility.ts";
import { eligibilityAnswers } from "./state.ts";

export const assessEligibility = defineEffect({
  kind: "assessEligibility",
  payload: { answers: eligibilityAnswers },
  output: z.object({ replies: z.array(reply) }),
  async perform(tx, { answers: a }, ctx, deps) {
    const answers: EligibilityAnswers = {
      age: a.age ?? null,
      pension: a.pension ?? null,
      household: a.household ?? null,
      disability: a.disability ?? null,
      hasSupporter: a.hasSupporter ?? null,
      orphan: a.orphan ?? null,
      hiv: a.hiv ?? null,
      singleParent: a.singleParent ?? null,
      ncc: a.ncc ?? null,
    };
    return { replies: eligibilityReplies(assess(await deps.policy(tx), answers, ctx.today)) };
  },
});
