// Consent before the first look at someone's data (Law 91/2025 on personal data: payout details and
// benefit status are sensitive; consent must be explicit and can be withdrawn). The bot says what
// it will show and why, and links only on a clear yes; a no stores nothing.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { yesNoAnswer } from "./answers.ts";
import { BUTTON } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { menu, title } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import type { ConsentState, LinkRequest } from "./state.ts";

export const CONSENT_YES = "consent:yes";
export const CONSENT_NO = "consent:no";

export function askConsent(request: LinkRequest): ChatDecision {
  const state: ConsentState = { flow: "consent", step: "askConsent", request };
  return decision(state, [consentPrompt(state)]);
}

export function consentPrompt(state: ConsentState): Reply {
  const { person } = state.request;
  return {
    text: [
      say("chat:consent.what", { title: title(person.sex), name: person.fullName }),
      say("chat:consent.why"),
      say("chat:consent.withdraw"),
      say("chat:consent.ask"),
    ],
    buttons: [[btn("chat:button.agree", CONSENT_YES)], [btn("chat:button.disagree", CONSENT_NO)]],
  };
}

export function consentStep(state: ConsentState, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  const answer = input.kind === "button" ? buttonAnswer(input.data) : input.kind === "text" ? yesNoAnswer(input.text) : null;
  if (answer === null) return null;
  if (answer) return decision(state, [], [{ kind: "link", request: state.request }]);
  const declined = state.request.via === "LINK_CODE" ? "chat:consent.declinedCode" : "chat:consent.declined";
  return decision(null, [{ text: [say(declined)] }, menu(ctx)]);
}

export function onLinked(state: ConsentState | null, result: Extract<ChatResult, { kind: "linked" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome === "codeUsed") {
    return decision(null, [{ text: [say("chat:code.alreadyUsed")], buttons: [[btn("chat:button.linkById", BUTTON.linkById)]] }, menu(ctx)]);
  }
  if (result.outcome === "notAllowed") return decision(null, [{ text: [say("chat:relative.needAuthorisation")] }, menu(ctx)]);
  const role = state?.request.role ?? "SELF";
  const done = role === "SELF" ? say("chat:linked.self") : say("chat:linked.representative", { title: title(result.person.sex), name: result.person.fullName });
  return decision(null, [{ text: [done, say("chat:help.safety")] }, menu(ctx)]);
}

function buttonAnswer(data: string): boolean | null {
  return data === CONSENT_YES ? true : data === CONSENT_NO ? false : null;
}
