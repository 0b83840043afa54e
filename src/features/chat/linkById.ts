// Self-service linking with the personal ID, the date of birth and the last four digits of the
// phone number on record. One question per message, with its progress ("Bước 1/3"). A badly
// written answer is explained at once and costs nothing; a wrong combination counts as a failed
// try, and every kind of mismatch gets the same answer so that nobody learns whether an ID exists.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { dateOfBirthAnswer, personalIdAnswer, phoneLast4Answer } from "./answers.ts";
import { BUTTON } from "./commands.ts";
import { askConsent } from "./consent.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { contact, menu, tooManyTries } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { relativeIdPrompt, relativeIdStep } from "./relative.ts";
import { alreadyLinked, roleAnswer, rolePrompt } from "./role.ts";
import type { LinkByIdState } from "./state.ts";

const ASK_ID: LinkByIdState = { flow: "linkById", step: "askId" };
const CANCEL_ROW = [btn("chat:button.cancel", BUTTON.cancel)];

/** Checks first that the chat may still try, so nobody answers three questions for nothing. */
export function startLinkById(): ChatDecision {
  return decision(ASK_ID, [], [{ kind: "checkLimit" }]);
}

export function linkByIdPrompt(state: LinkByIdState): Reply {
  switch (state.step) {
    case "askId":
      return { text: [say("chat:id.intro"), say("chat:id.askId"), say("chat:id.exampleId")], buttons: [CANCEL_ROW] };
    case "askDob":
      return { text: [say("chat:id.askDob"), say("chat:id.exampleDob")], buttons: [CANCEL_ROW] };
    case "askPhone":
      return { text: [say("chat:id.askPhone"), say("chat:id.examplePhone")], buttons: [CANCEL_ROW] };
    case "askRole":
      return rolePrompt(state.person);
    case "askRelativeId":
      return relativeIdPrompt(state.person);
  }
}

export function linkByIdStep(state: LinkByIdState, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  if (state.step === "askRole") {
    const role = roleAnswer(input);
    if (role === "SELF") return askConsent({ person: state.person, role: "SELF", via: "IDENTITY_CHECK" });
    if (role === "REPRESENTATIVE") {
      const next: LinkByIdState = { flow: "linkById", step: "askRelativeId", person: state.person };
      return decision(next, [relativeIdPrompt(state.person)]);
    }
    return null;
  }
  if (input.kind !== "text") return null;
  switch (state.step) {
    case "askId": {
      const answer = personalIdAnswer(input.text);
      if (!answer.ok) return decision(state, [badAnswer(answer.problem === "format" ? "chat:id.badIdFormat" : "chat:id.badIdStructure", "chat:id.exampleId")]);
      return decision(state, [], [{ kind: "lookupId", personalId: answer.personalId }]);
    }
    case "askDob": {
      const dateOfBirth = dateOfBirthAnswer(input.text, ctx.today);
      if (!dateOfBirth) return decision(state, [badAnswer("chat:id.badDob", "chat:id.exampleDob")]);
      const next: LinkByIdState = { ...state, step: "askPhone", dateOfBirth };
      return decision(next, [linkByIdPrompt(next)]);
    }
    case "askPhone": {
      const phoneLast4 = phoneLast4Answer(input.text);
      if (!phoneLast4) return decision(state, [badAnswer("chat:id.badPhone", "chat:id.examplePhone")]);
      return decision(state, [], [
        { kind: "verifyIdentity", pidHash: state.pidHash, candidateId: state.candidateId ?? null, dateOfBirth: state.dateOfBirth, phoneLast4 },
      ]);
    }
    case "askRelativeId":
      return relativeIdStep(state, input.text);
  }
}

export function onLimit(result: Extract<ChatResult, { kind: "limit" }>, ctx: ChatContext): ChatDecision {
  if (result.blocked) return decision(null, [tooManyTries(ctx), menu(ctx)]);
  return decision(ASK_ID, [linkByIdPrompt(ASK_ID)]);
}

export function onIdLookedUp(result: Extract<ChatResult, { kind: "idLookedUp" }>): ChatDecision {
  const next: LinkByIdState = { flow: "linkById", step: "askDob", pidHash: result.pidHash, ...(result.candidateId ? { candidateId: result.candidateId } : {}) };
  const prompt = linkByIdPrompt(next);
  return decision(next, [{ ...prompt, text: [say("chat:id.gotId", { id: result.maskedPersonalId }), ...prompt.text] }]);
}

export function onIdentity(result: Extract<ChatResult, { kind: "identity" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome === "blocked") return decision(null, [tooManyTries(ctx), menu(ctx)]);
  if (result.outcome === "mismatch") {
    // The same words whether the ID is unknown, the date is wrong or no phone is on record.
    return decision(null, [
      {
        text: [say("chat:id.mismatch"), say("chat:id.mismatchHint"), contact(ctx)],
        buttons: [
          [btn("chat:button.tryAgain", BUTTON.linkById)],
          [btn("chat:button.linkByCode", BUTTON.linkByCode)],
          [btn("chat:button.menu", BUTTON.menu)],
        ],
      },
    ]);
  }
  const { person } = result;
  const known = alreadyLinked(person, ctx);
  if (known) return known;
  const next: LinkByIdState = { flow: "linkById", step: "askRole", person };
  return decision(next, [{ text: [say("chat:id.verified")] }, rolePrompt(person)]);
}

function badAnswer(problem: string, example: string): Reply {
  return { text: [say(problem), say(example)], buttons: [CANCEL_ROW] };
}
