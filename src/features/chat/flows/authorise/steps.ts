// The authorisation walkthrough (ủy quyền nhận thay): who receives for whom, their papers, from
// which month and for how long, what the paper must say and where it is certified, a summary to
// check and change, then the request goes to the commune officer. Started by the beneficiary or by
// the relative; a relative whose chat is not linked first proves whom they collect for, exactly as
// linking does (personal ID, date of birth, last digits of the phone on record). Every answer is
// saved, so the walkthrough can be left and resumed at any time.
import { say } from "../../../../core/reply.ts";
import { foldVietnamese } from "../../../../lib/text.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, type Decision as ChatDecision, type FlowInput } from "../../../../conversation/flow.ts";
import {
  authorisationDraft,
  RELATIONS,
  type AuthorisationDraft,
  type PrivateData,
  type Relation,
} from "../../../requests/requestData.ts";
import { activePerson, personOf } from "../../address.ts";
import { dateOfBirthAnswer, personalIdAnswer, phoneLast4Answer } from "../../answers.ts";
import { lookupId, verifyIdentity } from "../linkById/effects.ts";
import { tooManyTries } from "../menu/replies.ts";
import { fullNameAnswer, monthAnswer, monthsAnswer, phoneAnswer } from "../requests/answers.ts";
import { explainProblem, pressed, resumePrompt, RQ } from "../requests/common.ts";
import { discardDraft, loadDraft, saveDraft, submitRequest } from "../requests/effects.ts";
import { AUTHORISE_STEPS, type AuthoriseState, type AuthoriseStep } from "../requests/states.ts";
import { authorisePrompt, authoriseProgress, monthExample } from "./prompts.ts";

export const NAME = "authorise";

const ORDER: AuthoriseStep[] = [
  "relativeName",
  "relation",
  "relativeId",
  "relativePhone",
  "fromMonth",
  "duration",
  "papers",
  "confirm",
];

/** Looks for an unfinished authorisation of this chat first. */
export function startAuthorise(): ChatDecision {
  return decision(null, [], [loadDraft.ask(NAME, { request: "AUTHORISATION" })]);
}

export function onAuthoriseDraft(
  result: { saved: { person: AuthoriseState["person"] & object; step: string; draft: Record<string, unknown> } | null },
  ctx: ChatContext,
): ChatDecision {
  const saved = result.saved;
  const draft = saved ? authorisationDraft.safeParse(saved.draft) : null;
  const step = AUTHORISE_STEPS.find((s) => s === saved?.step);
  if (!saved || !draft?.success || !step) return fresh(ctx);
  const state: AuthoriseState = {
    flow: "authorise",
    step: "resume",
    person: saved.person,
    draft: draft.data,
    savedStep: step,
  };
  const { n, total } = authoriseProgress(state, step);
  return decision(state, [resumePrompt("requests:what.authorise", n, total)]);
}

function fresh(ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  const intro = { text: [say("requests:auth.intro")] };
  if (!active) {
    const state: AuthoriseState = { flow: "authorise", step: "whoId", draft: { starter: "RELATIVE", checked: true } };
    return decision(state, [intro, authorisePrompt(state, "whoId", ctx.today)]);
  }
  const state: AuthoriseState = {
    flow: "authorise",
    step: "relativeName",
    person: personOf(active),
    draft: { starter: active.role === "SELF" ? "SELF" : "RELATIVE" },
  };
  return decision(state, [intro, authorisePrompt(state, "relativeName", ctx.today)]);
}

export function authoriseAgain(state: AuthoriseState, ctx: ChatContext): ChatDecision {
  if (state.step !== "resume" || !state.savedStep) return decision(state, [promptOf(state, ctx)]);
  const next: AuthoriseState = { ...state, step: state.savedStep };
  return decision(next, [authorisePrompt(state, state.savedStep, ctx.today)]);
}

export function promptOf(state: AuthoriseState, ctx: ChatContext) {
  if (state.step === "resume") {
    const at = state.savedStep ?? "relativeName";
    const { n, total } = authoriseProgress(state, at);
    return resumePrompt("requests:what.authorise", n, total);
  }
  return authorisePrompt(state, state.step, ctx.today);
}

export function authoriseStep(state: AuthoriseState, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  const d = state.draft;
  const text = input.kind === "text" ? input.text : null;
  switch (state.step) {
    case "resume":
      if (pressed(input, RQ.continue) !== null) return authoriseAgain(state, ctx);
      if (pressed(input, RQ.over) !== null) {
        const restarted = fresh(ctx);
        return { ...restarted, effects: [discardDraft.ask(NAME, { request: "AUTHORISATION" })] };
      }
      return null;
    case "whoId": {
      if (text === null) return null;
      const answer = personalIdAnswer(text);
      if (!answer.ok)
        return decision(state, [
          explainProblem(answer.problem === "format" ? "idFormat" : "idStructure", "chat:id.exampleId"),
        ]);
      return decision(state, [], [lookupId.ask(NAME, { personalId: answer.personalId })]);
    }
    case "whoDob": {
      if (text === null) return null;
      const dob = dateOfBirthAnswer(text, ctx.today);
      if (!dob) return decision(state, [explainProblem("dob", "chat:id.exampleDob")]);
      const next: AuthoriseState = { ...state, step: "whoPhone", dateOfBirth: dob };
      return decision(next, [authorisePrompt(next, "whoPhone", ctx.today)]);
    }
    case "whoPhone": {
      if (text === null) return null;
      const last4 = phoneLast4Answer(text);
      if (!last4 || !state.pidHash || !state.dateOfBirth)
        return decision(state, [explainProblem("phoneLast4", "chat:id.examplePhone")]);
      return decision(
        state,
        [],
        [
          verifyIdentity.ask(NAME, {
            pidHash: state.pidHash,
            candidateId: state.candidateId ?? null,
            dateOfBirth: state.dateOfBirth,
            phoneLast4: last4,
          }),
        ],
      );
    }
    case "relativeName": {
      if (text === null) return null;
      const answer = fullNameAnswer(text);
      if (!answer.ok) return decision(state, [explainProblem("name", "requests:example.name")]);
      return advance(state, { ...d, relativeName: answer.value }, ctx);
    }
    case "relation": {
      const relation = relationAnswer(input);
      if (!relation)
        return text === null
          ? null
          : decision(state, [explainProblem("relation", null), authorisePrompt(state, "relation", ctx.today)]);
      return advance(state, { ...d, relation }, ctx);
    }
    case "relativeId": {
      if (text === null) return null;
      const answer = personalIdAnswer(text);
      if (!answer.ok)
        return decision(state, [
          explainProblem(answer.problem === "format" ? "idFormat" : "idStructure", "chat:id.exampleId"),
        ]);
      return advance(state, { ...d, relativeIdLast4: answer.personalId.slice(-4) }, ctx, {
        relativePersonalId: answer.personalId,
      });
    }
    case "relativePhone": {
      if (text === null) return null;
      const answer = phoneAnswer(text);
      if (!answer.ok) return decision(state, [explainProblem("phone", "requests:example.phone")]);
      return advance(state, { ...d, relativePhoneLast4: answer.value.slice(-4) }, ctx, { relativePhone: answer.value });
    }
    case "fromMonth": {
      const button = pressed(input, RQ.month);
      const raw = button ? `${button.slice(5, 7)}/${button.slice(0, 4)}` : text;
      if (raw === null) return null;
      const answer = monthAnswer(raw, ctx.today);
      if (!answer.ok)
        return decision(state, [
          {
            ...authorisePrompt(state, "fromMonth", ctx.today),
            text: [say(`requests:problem.${answer.problem}`), monthExample(ctx.today)],
          },
        ]);
      return advance(state, { ...d, fromMonth: answer.value }, ctx);
    }
    case "duration": {
      const raw = pressed(input, RQ.duration) ?? text;
      if (raw === null) return null;
      const answer = monthsAnswer(raw);
      if (!answer.ok)
        return decision(state, [explainProblem("months", null), authorisePrompt(state, "duration", ctx.today)]);
      return advance(state, { ...d, months: answer.value }, ctx);
    }
    case "papers":
      return pressed(input, RQ.next) !== null ? advance(state, d, ctx) : null;
    case "confirm": {
      if (pressed(input, RQ.send) !== null && state.person) {
        return decision(
          state,
          [],
          [
            submitRequest.ask(NAME, {
              request: "AUTHORISATION",
              beneficiaryId: state.person.beneficiaryId,
              draft: d,
              step: "confirm",
            }),
          ],
        );
      }
      const field = AUTHORISE_STEPS.find((s) => s === pressed(input, RQ.edit));
      if (!field) return null;
      const next: AuthoriseState = { ...state, step: field, editing: true };
      return decision(next, [authorisePrompt(next, field, ctx.today)]);
    }
  }
}

/** The next question (back to the summary when one answer was being changed), and the draft saved. */
function advance(state: AuthoriseState, draft: AuthorisationDraft, ctx: ChatContext, priv?: PrivateData): ChatDecision {
  const at = ORDER.indexOf(state.step === "resume" ? "confirm" : state.step);
  const following = ORDER[at + 1] ?? "confirm";
  // A new start month asks for the length again; any other change goes back to the summary.
  const step: AuthoriseStep = state.editing && state.step !== "fromMonth" ? "confirm" : following;
  const next: AuthoriseState = {
    flow: "authorise",
    step,
    draft,
    ...(state.person ? { person: state.person } : {}),
    ...(state.editing && step !== "confirm" ? { editing: true } : {}),
  };
  const effects = state.person
    ? [
        saveDraft.ask(NAME, {
          request: "AUTHORISATION",
          beneficiaryId: state.person.beneficiaryId,
          step,
          draft,
          ...(priv ? { private: priv } : {}),
        }),
      ]
    : [];
  return decision(next, [authorisePrompt(next, step, ctx.today)], effects);
}

export function onAuthoriseIdLookedUp(
  state: AuthoriseState,
  result: { pidHash: string; candidateId: string | null; maskedPersonalId: string },
  ctx: ChatContext,
): ChatDecision {
  const next: AuthoriseState = {
    ...state,
    step: "whoDob",
    pidHash: result.pidHash,
    ...(result.candidateId ? { candidateId: result.candidateId } : {}),
  };
  const prompt = authorisePrompt(next, "whoDob", ctx.today);
  return decision(next, [{ ...prompt, text: [say("chat:id.gotId", { id: result.maskedPersonalId }), ...prompt.text] }]);
}

export function onAuthoriseIdentity(
  state: AuthoriseState,
  result:
    { outcome: "blocked" } | { outcome: "mismatch" } | { outcome: "ok"; person: NonNullable<AuthoriseState["person"]> },
  ctx: ChatContext,
): ChatDecision {
  if (result.outcome === "blocked") return decision(null, [tooManyTries(ctx)]);
  if (result.outcome === "mismatch") {
    // The same words whatever did not match, and the first question again: never a dead end.
    const again: AuthoriseState = { flow: "authorise", step: "whoId", draft: state.draft };
    return decision(again, [
      { text: [say("chat:id.mismatch"), say("requests:auth.whoMismatch")] },
      authorisePrompt(again, "whoId", ctx.today),
    ]);
  }
  const next: AuthoriseState = {
    flow: "authorise",
    step: "relativeName",
    person: result.person,
    draft: { ...state.draft, checked: true },
  };
  return decision(
    next,
    [
      { text: [say("requests:auth.whoFound", { name: result.person.fullName })] },
      authorisePrompt(next, "relativeName", ctx.today),
    ],
    [
      saveDraft.ask(NAME, {
        request: "AUTHORISATION",
        beneficiaryId: result.person.beneficiaryId,
        step: "relativeName",
        draft: next.draft,
      }),
    ],
  );
}

const RELATION_WORDS: Record<string, Relation> = {
  con: "child",
  chau: "grandchild",
  vo: "spouse",
  chong: "spouse",
  anh: "sibling",
  chi: "sibling",
  em: "sibling",
  khac: "other",
  son: "child",
  daughter: "child",
  child: "child",
  grandson: "grandchild",
  granddaughter: "grandchild",
  grandchild: "grandchild",
  wife: "spouse",
  husband: "spouse",
  spouse: "spouse",
  brother: "sibling",
  sister: "sibling",
  sibling: "sibling",
  other: "other",
};

function relationAnswer(input: FlowInput): Relation | null {
  const button = RELATIONS.find((r) => r === pressed(input, RQ.relation));
  if (button) return button;
  if (input.kind !== "text") return null;
  // "con trai", "tôi là con", "I am her son": the first word that names a relation.
  for (const word of foldVietnamese(input.text).split(/[^a-z]+/)) {
    const found = RELATION_WORDS[word];
    if (found) return found;
  }
  return null;
}
