// Where the request walkthroughs meet the rest of the bot: the "Thủ tục" menu, the commands that
// start each walkthrough, and the routing of their steps and effect results.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { accountPromptOf, accountStep, onAccountDraft, onAccountSubmitted, startAccount } from "./accountFlow.ts";
import { authoriseStep, onAuthoriseDraft, onAuthoriseIdentity, onAuthoriseIdLookedUp, promptOf, startAuthorise } from "./authorisationFlow.ts";
import { changePrompt, changeStep, onChangeSubmitted, startChange } from "./changeFlow.ts";
import { BUTTON } from "./commands.ts";
import { askConsent } from "./consent.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { activePerson, menu } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import type { AccountState, AuthoriseState, ChangeState, RevokeState } from "./requestStates.ts";
import { onAuthorisationList, onRevoked, revokePrompt, revokeStep, startRevoke } from "./revokeFlow.ts";
import type { ChatState } from "./state.ts";

export type RequestFlow = AuthoriseState | AccountState | ChangeState | RevokeState;
export type RequestCommand = "menu" | "authorise" | "account" | "change" | "revoke" | "death";

export function isRequestFlow(state: ChatState | null): state is RequestFlow {
  return state?.flow === "authorise" || state?.flow === "account" || state?.flow === "change" || state?.flow === "revoke";
}

export function requestCommand(what: RequestCommand, ctx: ChatContext): ChatDecision {
  switch (what) {
    case "menu":
      return decision(null, [requestsMenu(ctx)]);
    case "authorise":
      return startAuthorise();
    case "account":
      return startAccount();
    case "change":
      return startChange(ctx);
    case "death":
      return startChange(ctx, "death");
    case "revoke":
      return startRevoke(ctx);
  }
}

/** Everything a person can ask the commune for, one button each. */
export function requestsMenu(ctx: ChatContext): Reply {
  const rows = [[btn("requests:button.authorise", BUTTON.authorise)], [btn("requests:button.account", BUTTON.account)]];
  if (activePerson(ctx)) rows.push([btn("requests:button.change", BUTTON.change)]);
  if (activePerson(ctx)?.role === "SELF") rows.push([btn("requests:button.revokeMenu", BUTTON.revoke)]);
  rows.push([btn("chat:button.menu", BUTTON.menu)]);
  return { text: [say("requests:menu.title")], buttons: rows };
}

export function requestStep(state: RequestFlow, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  switch (state.flow) {
    case "authorise":
      return authoriseStep(state, input, ctx);
    case "account":
      return accountStep(state, input);
    case "change":
      return changeStep(state, input, ctx);
    case "revoke":
      return revokeStep(state, input);
  }
}

export function requestPrompt(state: RequestFlow, ctx: ChatContext): Reply {
  switch (state.flow) {
    case "authorise":
      return promptOf(state, ctx);
    case "account":
      return accountPromptOf(state);
    case "change":
      return changePrompt(state);
    case "revoke":
      return revokePrompt(state);
  }
}

/** "Làm lại": the walkthrough starts again; a saved draft is offered, so no answer is lost silently. */
export function requestRestart(state: RequestFlow, ctx: ChatContext): ChatDecision {
  return requestCommand(state.flow, ctx);
}

type RequestResultKind = "draft" | "submitted" | "authorisations" | "revoked" | "requestLink";

export function onRequestResult(result: Extract<ChatResult, { kind: RequestResultKind }>, ctx: ChatContext): ChatDecision {
  switch (result.kind) {
    case "draft":
      return result.flow === "authorise" ? onAuthoriseDraft(result, ctx) : onAccountDraft(result, ctx);
    case "submitted":
      if (result.request === "AUTHORISATION") return onAuthoriseSubmitted(result, ctx);
      if (result.request === "ACCOUNT" || result.request === "CHANGE_METHOD") return onAccountSubmitted(result, ctx);
      return onChangeSubmitted(result, ctx);
    case "authorisations":
      return onAuthorisationList(result, ctx);
    case "revoked":
      return onRevoked(result, ctx);
    case "requestLink":
      if (result.outcome !== "ok") return decision(null, [{ text: [say("requests:link.notAllowed")] }, menu(ctx)]);
      return askConsent({ person: result.person, role: "REPRESENTATIVE", via: "AUTHORISATION", authorisationId: result.authorisationId, relativeId: result.relativeId });
  }
}

/** The identity check inside the authorisation walkthrough, or null when it was for linking. */
export function onAuthoriseCheck(state: ChatState | null, result: Extract<ChatResult, { kind: "idLookedUp" | "identity" }>, ctx: ChatContext): ChatDecision | null {
  if (state?.flow !== "authorise") return null;
  return result.kind === "idLookedUp" ? onAuthoriseIdLookedUp(state, result, ctx) : onAuthoriseIdentity(state, result, ctx);
}

function onAuthoriseSubmitted(result: Extract<ChatResult, { kind: "submitted" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome !== "ok") return decision(null, [{ text: [say(`requests:sent.${result.outcome}`)] }, menu(ctx)]);
  const url = `${(ctx.settings.publicUrl ?? "").replace(/\/+$/, "")}${result.formPath ?? ""}`;
  return decision(null, [
    { text: [say("requests:auth.sent", { reference: result.reference }), say("requests:auth.formLink", { url })] },
    { text: [say("requests:auth.nextSteps"), say("requests:auth.warning")] },
    menu(ctx),
  ]);
}
