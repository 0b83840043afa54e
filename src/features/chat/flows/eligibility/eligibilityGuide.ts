// "Mẹ tôi 81 tuổi, không có lương hưu…": a short guide for people not (yet) on the lists. One
// question per message, each with buttons; typed answers are read too, with or without
// diacritics. What may apply is computed from the policy data; who decides is the commune.
import { btn, say, type Button, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, type Decision as ChatDecision, type FlowInput } from "../../../../conversation/flow.ts";
import { foldVietnamese } from "../../../../lib/text.ts";
import { yesNoAnswer } from "../../answers.ts";
import { BUTTON } from "../../commands.ts";
import { menu } from "../menu/replies.ts";
import { assessEligibility } from "./effects.ts";
import type { EligibilityAnswersSoFar, EligibilityState } from "./state.ts";

const P = "el:";
const YES = `${P}yes`;
const NO = `${P}no`;
const CANCEL: Button[] = [btn("chat:button.cancel", BUTTON.cancel)];

// Age buttons carry an age inside each band; the bands follow the age limits of the rules
// (16, 60, 70, 75, 80: Decree 20/2021 art. 5, Decree 176/2025 on the social pension).
const AGE_BANDS = [
  ["chat:elig.ageUnder16", 10],
  ["chat:elig.age16to59", 40],
  ["chat:elig.age60to69", 65],
  ["chat:elig.age70to74", 72],
  ["chat:elig.age75to79", 77],
  ["chat:elig.age80plus", 80],
] as const;

const HOUSEHOLD = { [`${P}poor`]: "poor", [`${P}near`]: "near_poor", [`${P}other`]: "other" } as const;
const DISABILITY = { [`${P}esev`]: "especially_severe", [`${P}sev`]: "severe", [`${P}none`]: "none" } as const;

export function startEligibility(): ChatDecision {
  const state: EligibilityState = { flow: "eligibility", step: "age", answers: {} };
  return decision(state, [{ ...eligibilityPrompt(state), text: [say("chat:elig.intro"), ...eligibilityPrompt(state).text] }]);
}

export function eligibilityPrompt(state: EligibilityState): Reply {
  switch (state.step) {
    case "age": {
      const rows: Button[][] = [];
      for (let i = 0; i < AGE_BANDS.length; i += 2) {
        rows.push(AGE_BANDS.slice(i, i + 2).map(([key, age]) => btn(key, `${P}age:${age}`)));
      }
      return { text: [say("chat:elig.askAge"), say("chat:elig.ageHint")], buttons: [...rows, CANCEL] };
    }
    case "pension":
      return { text: [say("chat:elig.askPension")], buttons: [[btn("chat:button.yes", YES), btn("chat:button.no", NO)], CANCEL] };
    case "household":
      return {
        text: [say("chat:elig.askHousehold")],
        buttons: [[btn("chat:elig.poor", `${P}poor`), btn("chat:elig.nearPoor", `${P}near`)], [btn("chat:elig.otherHousehold", `${P}other`)], CANCEL],
      };
    case "disability":
      return {
        text: [say("chat:elig.askDisability")],
        buttons: [[btn("chat:elig.especiallySevere", `${P}esev`), btn("chat:elig.severe", `${P}sev`)], [btn("chat:elig.noDisability", `${P}none`)], CANCEL],
      };
    case "livesAlone":
      return { text: [say("chat:elig.askLivesAlone")], buttons: [[btn("chat:button.yes", YES), btn("chat:button.no", NO)], CANCEL] };
  }
}

/** Null when the input answers nothing: the caller asks the question again. */
export function eligibilityStep(state: EligibilityState, input: FlowInput): ChatDecision | null {
  const a = state.answers;
  switch (state.step) {
    case "age": {
      const age = ageAnswer(input);
      return age === null ? null : advance({ ...a, age });
    }
    case "pension": {
      const yes = yesNo(input);
      return yes === null ? null : advance({ ...a, hasPension: yes });
    }
    case "household": {
      const household = choice(input, HOUSEHOLD, householdWords);
      return household === null ? null : advance({ ...a, household });
    }
    case "disability": {
      const disability = choice(input, DISABILITY, disabilityWords);
      return disability === null ? null : advance({ ...a, disability });
    }
    case "livesAlone": {
      const yes = yesNo(input);
      return yes === null ? null : advance({ ...a, livesAlone: yes });
    }
  }
}

export function onEligibility(result: { replies: Reply[] }, ctx: ChatContext): ChatDecision {
  return decision(null, [...result.replies, menu(ctx)]);
}

/** The next question not answered yet; pension and living alone only matter from 60 on. */
function advance(answers: EligibilityAnswersSoFar): ChatDecision {
  const older = (answers.age ?? 0) >= 60;
  const step: EligibilityState["step"] | null =
    answers.age === undefined
      ? "age"
      : older && answers.hasPension === undefined
        ? "pension"
        : answers.household === undefined
          ? "household"
          : answers.disability === undefined
            ? "disability"
            : older && answers.livesAlone === undefined
              ? "livesAlone"
              : null;
  if (step === null) return decision(null, [], [assessEligibility.ask("eligibility", { answers })]);
  const state: EligibilityState = { flow: "eligibility", step, answers };
  return decision(state, [eligibilityPrompt(state)]);
}

function ageAnswer(input: FlowInput): number | null {
  if (input.kind === "button") {
    const m = /^el:age:(\d{1,3})$/.exec(input.data);
    return m ? Number(m[1]) : null;
  }
  if (input.kind !== "text") return null;
  // "81", "81 tuổi", "mẹ tôi 81 tuổi": the first number that can be an age.
  const m = /(?<!\d)(\d{1,3})(?!\d)/.exec(input.text);
  const age = m ? Number(m[1]) : NaN;
  return Number.isInteger(age) && age >= 0 && age <= 120 ? age : null;
}

function yesNo(input: FlowInput): boolean | null {
  if (input.kind === "button") return input.data === YES ? true : input.data === NO ? false : null;
  if (input.kind !== "text") return null;
  const direct = yesNoAnswer(input.text);
  if (direct !== null) return direct;
  const folded = foldVietnamese(input.text);
  if (/\b(khong|ko|k|hong|chua)\b/.test(folded)) return false;
  if (/\b(co|yes|dung)\b/.test(folded)) return true;
  return null;
}

function choice<T extends string>(input: FlowInput, buttons: Record<string, T>, words: (folded: string) => T | null): T | null {
  if (input.kind === "button") return buttons[input.data] ?? null;
  return input.kind === "text" ? words(foldVietnamese(input.text)) : null;
}

function householdWords(folded: string): "poor" | "near_poor" | "other" | null {
  if (/\bcan ngheo\b|near/.test(folded)) return "near_poor";
  if (/\bngheo\b|\bpoor\b/.test(folded)) return "poor";
  if (/\b(khong|ko|k|other|no)\b/.test(folded)) return "other";
  return null;
}

function disabilityWords(folded: string): "especially_severe" | "severe" | "none" | null {
  if (/dac biet nang|especially/.test(folded)) return "especially_severe";
  if (/\bnang\b|severe/.test(folded)) return "severe";
  if (/\b(khong|ko|k|nhe|no|none)\b/.test(folded)) return "none";
  return null;
}
