// The bot's reaction to one message: commands that work anywhere first, then the polite check for
// a flow left unfinished a while ago, then the active flow's question, then free text understood
// by intent, then the menu.
import type { InboundBody } from "../../core/events.ts";
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext, FlowEvent } from "../../conversation/brain.ts";
import { BUTTON, commandOf, type Command } from "./commands.ts";
import { consentPrompt, consentStep, onLinked } from "./consent.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { linkByCodePrompt, linkByCodeStep, looksLikeCode, onCode, redeemCode, startLinkByCode } from "./linkByCode.ts";
import { linkByIdPrompt, linkByIdStep, onIdentity, onIdLookedUp, onLimit, startLinkById } from "./linkById.ts";
import { eligibilityPrompt, eligibilityStep, onEligibility, startEligibility } from "./eligibilityGuide.ts";
import { help, menu, welcome } from "./menu.ts";
import { alsoToTicket, hotlineStep, onHotlineResult, startEscalation } from "../hotline/chatStep.ts";
import { notificationsChoice } from "../notifications/notificationsChoice.ts";
import { explainAmount, onExplanation, onPayouts, showPayouts } from "./payoutAnswers.ts";
import { choosePerson, onProfile, selectPerson, showProfile } from "./people.ts";
import type { ChatResult } from "./protocol.ts";
import { onAuthorisation } from "./relative.ts";
import { documentsAnswer, onFuneral, scamWarning } from "./safety.ts";
import type { ChatState } from "./state.ts";
import { answerIntent, interruption, understand } from "./understanding.ts";
import { isRequestFlow, onAuthoriseCheck, onRequestResult, requestCommand, requestPrompt, requestRestart, requestStep } from "./requestRouting.ts";
import { onUnlinked, startUnlink, unlinkPrompt, unlinkStep } from "./unlink.ts";

export const RESUME = "resume";
export const RESTART = "restart";

export function decide(stored: ChatState | null, event: FlowEvent<ChatResult>, ctx: ChatContext): ChatDecision {
  return alsoToTicket(decideMessage(stored, event, ctx), stored, event, ctx);
}

function decideMessage(stored: ChatState | null, event: FlowEvent<ChatResult>, ctx: ChatContext): ChatDecision {
  if (event.kind === "result") return onResult(stored, event.result, ctx);
  // An open ticket takes the person's words to the agent; hotline buttons work anywhere.
  const toHotline = hotlineStep(stored, event, ctx);
  if (toHotline) return toHotline;
  // Only a question in progress survives a command; the count of unclear messages starts again.
  const state = stored?.flow === "clarify" ? null : stored;
  const command = commandOf(event);
  if (command) return onCommand(state, command, ctx);
  const input = flowInput(event);
  if (!input) return decision(stored, []);
  if (input.kind === "button" && input.data === RESUME) return state ? decision(state, [prompt(state, ctx)]) : decision(null, [menu(ctx)]);
  if (input.kind === "button" && input.data === RESTART) return state ? restart(state, ctx) : decision(null, [menu(ctx)]);
  if (state && isIdle(ctx)) {
    // The saved step is kept: "Tiếp tục" asks its question again.
    return decision(state, [
      {
        text: [say("chat:timeout.unfinished"), say("chat:timeout.ask")],
        buttons: [[btn("chat:button.resume", RESUME)], [btn("chat:button.restart", RESTART)], [btn("chat:button.menu", BUTTON.menu)]],
      },
    ]);
  }
  if (!state) return withoutFlow(input, ctx, unclearBefore(stored, ctx));
  const next = step(state, input, ctx);
  if (next && madeProgress(state, next)) return next;
  // Not an answer the flow could use: a clear, pressing question ("có người xin mã OTP") is
  // answered instead of asking again.
  const meant = input.kind === "text" ? interruption(input.text, ctx) : null;
  if (meant) return meant;
  if (next) return next;
  // Not an answer to the question asked: say so and ask again, keeping the flow.
  const sorry = input.kind === "button" ? "chat:staleButton" : input.kind === "unsupported" ? "chat:unsupported" : "chat:notAnAnswer";
  return decision(state, [{ text: [say(sorry)] }, prompt(state, ctx)]);
}

function onCommand(state: Flow | null, command: Command, ctx: ChatContext): ChatDecision {
  switch (command.kind) {
    case "start":
      // A deep link (Telegram "/start <code>", a QR code) carries the printed code: redeem it at once.
      if (command.payload && looksLikeCode(command.payload)) return redeemCode(command.payload, [{ text: [say("chat:welcome")] }]);
      return decision(null, welcome(ctx));
    case "menu":
      return decision(null, [menu(ctx)]);
    case "cancel":
      return decision(null, state ? [{ text: [say("chat:cancelled")] }, menu(ctx)] : [menu(ctx)]);
    case "help":
      return decision(state, [help(ctx, state !== null)]);
    case "hotline":
      return startEscalation("talk_to_human");
    case "language": {
      const switched = { ...ctx, locale: command.locale };
      return decision(state, [{ text: [say("chat:language.switched")] }, state ? prompt(state, ctx) : menu(switched)], [
        { kind: "setLocale", locale: command.locale },
      ]);
    }
    case "linkByCode":
      return startLinkByCode();
    case "linkById":
      return startLinkById();
    case "profile":
      return showProfile(ctx);
    case "switch":
      return choosePerson(ctx);
    case "select":
      return selectPerson(command.beneficiaryId, ctx);
    case "add":
      return decision(null, [
        {
          text: [say("chat:add.how")],
          buttons: [
            [btn("chat:button.linkByCode", BUTTON.linkByCode)],
            [btn("chat:button.linkById", BUTTON.linkById)],
            [btn("chat:button.menu", BUTTON.menu)],
          ],
        },
      ]);
    case "unlink":
      return startUnlink(ctx);
    case "payouts":
      return showPayouts(command.topic, ctx);
    case "why":
      return explainAmount(command.month, ctx);
    case "documents":
      return documentsAnswer(ctx);
    case "scam":
      return scamWarning(ctx);
    case "eligibility":
      return startEligibility();
    case "intent":
      return answerIntent(command.intent, ctx);
    case "notifications":
      // Like the language switch: a question in progress is asked again after the confirmation.
      return decision(state, [notificationsChoice(command.off), ...(state ? [prompt(state, ctx)] : [])], [
        { kind: "setNotifications", off: command.off },
      ]);
    case "request":
      return requestCommand(command.what, ctx);
    case "requestLink":
      return decision(null, [], [{ kind: "linkFromRequest", requestId: command.requestId }]);
  }
}

function onResult(state: ChatState | null, result: ChatResult, ctx: ChatContext): ChatDecision {
  switch (result.kind) {
    case "limit":
      return onLimit(result, ctx);
    case "code":
      return onCode(result, ctx);
    case "idLookedUp":
      return onAuthoriseCheck(state, result, ctx) ?? onIdLookedUp(result);
    case "identity":
      return onAuthoriseCheck(state, result, ctx) ?? onIdentity(result, ctx);
    case "authorisation":
      return onAuthorisation(state, result, ctx);
    case "linked":
      return onLinked(state?.flow === "consent" ? state : null, result, ctx);
    case "unlinked":
      return onUnlinked(result, ctx);
    case "profile":
      return onProfile(result, ctx);
    case "payouts":
      return onPayouts(result, ctx);
    case "explanation":
      return onExplanation(result, ctx);
    case "eligibility":
      return onEligibility(result, ctx);
    case "funeral":
      return onFuneral(result, ctx);
    case "draft":
    case "submitted":
    case "authorisations":
    case "revoked":
    case "requestLink":
      return onRequestResult(result, ctx);
    case "escalated":
    case "rated":
      return onHotlineResult(result, state);
  }
}

function withoutFlow(input: FlowInput, ctx: ChatContext, unclear: number): ChatDecision {
  // People often type the printed code straight away, without pressing "Liên kết bằng mã".
  if (input.kind === "text" && looksLikeCode(input.text)) return redeemCode(input.text);
  if (input.kind === "button") return decision(null, [{ text: [say("chat:staleButton")] }, menu(ctx)]);
  if (input.kind === "unsupported") return decision(null, [{ text: [say("chat:unsupported")] }, menu(ctx)]);
  return understand(input.text, ctx, unclear);
}

/** A step that keeps its state and asks for nothing only said the answer was not usable. */
function madeProgress(before: ChatState, next: ChatDecision): boolean {
  return next.effects.length > 0 || JSON.stringify(next.state) !== JSON.stringify(before);
}

/** Unclear messages just before this one; a long pause starts the count again. */
function unclearBefore(stored: ChatState | null, ctx: ChatContext): number {
  return stored?.flow === "clarify" && !isIdle(ctx) ? stored.unclear : 0;
}

type Flow = Exclude<ChatState, { flow: "clarify" }>;

function step(state: Flow, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  if (isRequestFlow(state)) return requestStep(state, input, ctx);
  switch (state.flow) {
    case "linkByCode":
      return linkByCodeStep(state, input);
    case "linkById":
      return linkByIdStep(state, input, ctx);
    case "consent":
      return consentStep(state, input, ctx);
    case "unlink":
      return unlinkStep(state, input, ctx);
    case "eligibility":
      return eligibilityStep(state, input);
  }
}

/** The question of the current step, asked again. */
function prompt(state: Flow, ctx: ChatContext): Reply {
  if (isRequestFlow(state)) return requestPrompt(state, ctx);
  switch (state.flow) {
    case "linkByCode":
      return linkByCodePrompt(state);
    case "linkById":
      return linkByIdPrompt(state);
    case "consent":
      return consentPrompt(state);
    case "unlink":
      return unlinkPrompt(state);
    case "eligibility":
      return eligibilityPrompt(state);
  }
}

function restart(state: Flow, ctx: ChatContext): ChatDecision {
  if (isRequestFlow(state)) return requestRestart(state, ctx);
  switch (state.flow) {
    case "linkByCode":
      return startLinkByCode();
    case "linkById":
      return startLinkById();
    case "consent":
      return state.request.via === "LINK_CODE" ? startLinkByCode() : startLinkById();
    case "unlink":
      return startUnlink(ctx);
    case "eligibility":
      return startEligibility();
  }
}

function flowInput(event: InboundBody): FlowInput | null {
  if (event.kind === "text") return { kind: "text", text: event.text };
  if (event.kind === "button") return { kind: "button", data: event.data };
  if (event.kind === "unsupported") return { kind: "unsupported" };
  return null;
}

function isIdle(ctx: ChatContext): boolean {
  return ctx.idleMs !== null && ctx.idleMs > ctx.settings.idleMinutes * 60_000;
}
