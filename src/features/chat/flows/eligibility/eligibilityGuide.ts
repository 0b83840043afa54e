// "Mẹ tôi 81 tuổi, không có lương hưu…": a short guide for people not (yet) on the lists. One
// question per message, each with buttons; typed answers are read too, with or without
// diacritics. Only the questions that matter for the age and household are asked, and nothing is
// assumed: the legal question about support (is there anyone with the legal duty to support them),
// a small pension below the social pension, orphans, HIV, single parents and meritorious-services
// status are asked, not taken as "no". What may apply is computed from the policy data; who
// decides is the commune.
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

type Step = EligibilityState["step"];
type Choice = { label: string; value: string };

/** Each question after the age: its text, its buttons (two a row) and how typed words answer it. */
const QUESTIONS: Record<
  Exclude<Step, "age">,
  { ask: string; choices: Choice[]; words: (folded: string) => string | null }
> = {
  pension: {
    ask: "chat:elig.askPension",
    choices: [
      { label: "chat:elig.pensionNone", value: "none" },
      { label: "chat:elig.pensionBelow", value: "below" },
      { label: "chat:elig.pensionAbove", value: "above" },
    ],
    words: (f) => (/\b(it|thap|duoi|below|small)\b/.test(f) ? "below" : yesNoWords(f, "above", "none")),
  },
  household: {
    ask: "chat:elig.askHousehold",
    choices: [
      { label: "chat:elig.poor", value: "poor" },
      { label: "chat:elig.nearPoor", value: "near_poor" },
      { label: "chat:elig.otherHousehold", value: "other" },
    ],
    words: (f) =>
      /\bcan ngheo\b|near/.test(f)
        ? "near_poor"
        : /\bngheo\b|\bpoor\b/.test(f)
          ? "poor"
          : /\b(khong|ko|k|other|no)\b/.test(f)
            ? "other"
            : null,
  },
  disability: {
    ask: "chat:elig.askDisability",
    choices: [
      { label: "chat:elig.especiallySevere", value: "especially_severe" },
      { label: "chat:elig.severe", value: "severe" },
      { label: "chat:elig.noDisability", value: "none" },
    ],
    words: (f) =>
      /dac biet nang|especially/.test(f)
        ? "especially_severe"
        : /\bnang\b|severe/.test(f)
          ? "severe"
          : /\b(khong|ko|k|nhe|no|none)\b/.test(f)
            ? "none"
            : null,
  },
  supporter: { ask: "chat:elig.askSupporter", choices: yesNoChoices(), words: (f) => yesNoWords(f, "yes", "no") },
  orphan: { ask: "chat:elig.askOrphan", choices: yesNoChoices(), words: (f) => yesNoWords(f, "yes", "no") },
  hiv: { ask: "chat:elig.askHiv", choices: yesNoChoices(), words: (f) => yesNoWords(f, "yes", "no") },
  singleParent: { ask: "chat:elig.askSingleParent", choices: yesNoChoices(), words: (f) => yesNoWords(f, "yes", "no") },
  ncc: {
    ask: "chat:elig.askNcc",
    choices: [
      { label: "chat:elig.nccMartyr", value: "martyr_relative" },
      { label: "chat:elig.nccInvalid", value: "war_invalid" },
      { label: "chat:elig.nccOther", value: "other" },
      { label: "chat:elig.nccNone", value: "none" },
    ],
    words: (f) =>
      /liet si|martyr/.test(f)
        ? "martyr_relative"
        : /thuong binh|invalid/.test(f)
          ? "war_invalid"
          : /benh binh|chat doc|da cam|co cong|orange/.test(f)
            ? "other"
            : /\b(khong|ko|k|no|none)\b/.test(f)
              ? "none"
              : null,
  },
};

export function startEligibility(): ChatDecision {
  const state: EligibilityState = { flow: "eligibility", step: "age", answers: {} };
  return decision(state, [
    { ...eligibilityPrompt(state), text: [say("chat:elig.intro"), ...eligibilityPrompt(state).text] },
  ]);
}

export function eligibilityPrompt(state: EligibilityState): Reply {
  const step = state.step;
  if (step === "age") {
    const rows: Button[][] = [];
    for (let i = 0; i < AGE_BANDS.length; i += 2)
      rows.push(AGE_BANDS.slice(i, i + 2).map(([key, age]) => btn(key, `${P}age:${age}`)));
    return { text: [say("chat:elig.askAge"), say("chat:elig.ageHint")], buttons: [...rows, CANCEL] };
  }
  const q = QUESTIONS[step];
  const rows: Button[][] = [];
  for (let i = 0; i < q.choices.length; i += 2)
    rows.push(q.choices.slice(i, i + 2).map((c) => btn(c.label, `${P}${step}:${c.value}`)));
  return { text: [say(q.ask)], buttons: [...rows, CANCEL] };
}

/** Null when the input answers nothing: the caller asks the question again. */
export function eligibilityStep(state: EligibilityState, input: FlowInput): ChatDecision | null {
  const a = state.answers;
  const step = state.step;
  if (step === "age") {
    const age = ageAnswer(input);
    return age === null ? null : advance({ ...a, age });
  }
  const value = answerTo(step, input);
  if (value === null) return null;
  switch (step) {
    case "pension":
      return advance({ ...a, pension: value === "none" || value === "below" ? value : "above" });
    case "household":
      return advance({ ...a, household: value === "poor" || value === "near_poor" ? value : "other" });
    case "disability":
      return advance({ ...a, disability: value === "especially_severe" || value === "severe" ? value : "none" });
    case "supporter":
      return advance({ ...a, hasSupporter: value === "yes" });
    case "orphan":
      return advance({ ...a, orphan: value === "yes" });
    case "hiv":
      return advance({ ...a, hiv: value === "yes" });
    case "singleParent":
      return advance({ ...a, singleParent: value === "yes" });
    case "ncc":
      return advance({
        ...a,
        ncc: value === "martyr_relative" || value === "war_invalid" || value === "other" ? value : "none",
      });
  }
}

export function onEligibility(result: { replies: Reply[] }, ctx: ChatContext): ChatDecision {
  return decision(null, [...result.replies, menu(ctx)]);
}

/** The next question not answered yet, among those that matter for the answers so far. */
function advance(a: EligibilityAnswersSoFar): ChatDecision {
  const step = nextStep(a);
  if (step === null) return decision(null, [], [assessEligibility.ask("eligibility", { answers: a })]);
  const state: EligibilityState = { flow: "eligibility", step, answers: a };
  return decision(state, [eligibilityPrompt(state)]);
}

function nextStep(a: EligibilityAnswersSoFar): Step | null {
  if (a.age === undefined) return "age";
  const age = a.age;
  const poorOrNear = a.household === "poor" || a.household === "near_poor";
  // The social pension starts at 70 (poor or near-poor) or 75; support matters from 60 (Decree 20
  // art. 5) and for a martyr's parent or spouse (survivors' care).
  if (age >= 70 && a.pension === undefined) return "pension";
  if (a.household === undefined) return "household";
  if (a.disability === undefined) return "disability";
  if (age >= 60 && a.hasSupporter === undefined) return "supporter";
  if (age < 22 && a.orphan === undefined) return "orphan";
  if (a.household === "poor" && a.hiv === undefined) return "hiv";
  if (age >= 16 && age < 60 && poorOrNear && a.singleParent === undefined) return "singleParent";
  if (a.ncc === undefined) return "ncc";
  return null;
}

function answerTo(step: Exclude<Step, "age">, input: FlowInput): string | null {
  const q = QUESTIONS[step];
  if (input.kind === "button") {
    const prefix = `${P}${step}:`;
    const value = input.data.startsWith(prefix) ? input.data.slice(prefix.length) : null;
    return value !== null && q.choices.some((c) => c.value === value) ? value : null;
  }
  if (input.kind !== "text") return null;
  return q.words(foldVietnamese(input.text)) ?? (q.choices.length === 2 ? mapYesNo(yesNoAnswer(input.text)) : null);
}

function yesNoChoices(): Choice[] {
  return [
    { label: "chat:button.yes", value: "yes" },
    { label: "chat:button.no", value: "no" },
  ];
}

function mapYesNo(v: boolean | null): string | null {
  return v === null ? null : v ? "yes" : "no";
}

/** "có" / "không" in typed words, with or without diacritics and chat shorthand. */
function yesNoWords(folded: string, yes: string, no: string): string | null {
  if (/\b(khong|ko|k|hong|chua|no|none)\b/.test(folded)) return no;
  if (/\b(co|yes|dung|roi)\b/.test(folded)) return yes;
  return null;
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
