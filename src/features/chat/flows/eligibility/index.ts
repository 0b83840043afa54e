// The eligibility guide as a flow: opened by its button or by a question about what someone may
// receive; the questions and their reading live in eligibilityGuide.ts.
import { defineFlow } from "../../../../conversation/flow.ts";
import { BUTTON } from "../../commands.ts";
import { assessEligibility } from "./effects.ts";
import { eligibilityPrompt, eligibilityStep, onEligibility, startEligibility } from "./eligibilityGuide.ts";
import { eligibilityStateDef } from "./state.ts";

export const eligibilityFlow = defineFlow({
  name: "eligibility",
  state: eligibilityStateDef,
  effects: [assessEligibility],
  opens: { buttons: { [BUTTON.eligibility]: "start" }, intents: { entitlement_info: "start" } },
  start: () => startEligibility(),
  step: (state, input) => eligibilityStep(state, input),
  prompt: (state) => eligibilityPrompt(state),
  restart: () => startEligibility(),
  results: assessEligibility.result,
  onResult: (_state, result, ctx) => onEligibility(result.value, ctx),
});
