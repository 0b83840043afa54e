// A relative who collects for someone links as their representative only when the commune has
// approved an authorisation (giấy ủy quyền, certified by the commune People's Committee) that names
// them and is valid today; the relative proves who they are with their own personal ID.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { personalIdAnswer } from "./answers.ts";
import { BUTTON } from "./commands.ts";
import { askConsent } from "./consent.ts";
import { decision, type ChatDecision } from "./decision.ts";
import { contact, menu, title, tooManyTries } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import type { ChatState, LinkByIdState, PersonRef } from "./state.ts";

type AskRelativeId = Extract<LinkByIdState, { step: "askRelativeId" }>;

export function relativeIdPrompt(person: PersonRef): Reply {
  return {
    text: [say("chat:relative.askId", { title: title(person.sex), name: person.fullName }), say("chat:id.exampleId")],
    buttons: [[btn("chat:button.cancel", BUTTON.cancel)]],
  };
}

export function relativeIdStep(state: AskRelativeId, text: string): ChatDecision {
  const answer = personalIdAnswer(text);
  if (!answer.ok) {
    const problem = answer.problem === "format" ? "chat:id.badIdFormat" : "chat:id.badIdStructure";
    return decision(state, [{ text: [say(problem), say("chat:id.exampleId")], buttons: [[btn("chat:button.cancel", BUTTON.cancel)]] }]);
  }
  return decision(state, [], [{ kind: "checkAuthorisation", beneficiaryId: state.person.beneficiaryId, relativePersonalId: answer.personalId }]);
}

export function onAuthorisation(state: ChatState | null, result: Extract<ChatResult, { kind: "authorisation" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome === "blocked") return decision(null, [tooManyTries(ctx), menu(ctx)]);
  if (result.outcome === "notFound" || state?.flow !== "linkById" || state.step !== "askRelativeId") {
    return decision(null, [{ text: [say("chat:relative.needAuthorisation"), say("chat:relative.orCode"), contact(ctx)] }, menu(ctx)]);
  }
  return askConsent({
    person: state.person,
    role: "REPRESENTATIVE",
    via: "AUTHORISATION",
    authorisationId: result.authorisationId,
    relativeId: result.relativeId,
  });
}
