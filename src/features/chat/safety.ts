// Answers that keep people safe whatever their record says: what to bring, how scams look, what to
// do when a beneficiary dies. Each ends with who to call: the configured hotline or the commune
// office.
import { btn, say } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { documentsText } from "../payouts/rulesText.ts";
import { escalateButton, withTicket } from "../hotline/chatStep.ts";
import { BUTTON } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import { contact } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";

const BACK = [[btn("chat:button.menu", BUTTON.menu)]];

export function documentsAnswer(ctx: ChatContext): ChatDecision {
  return decision(null, [{ text: [...documentsText(), contact(ctx)], buttons: BACK }]);
}

/**
 * The rule worth repeating most: never give anyone an OTP, password or card details; the commune
 * never asks for them. Then the tricks seen most often, and what to do instead.
 */
export function scamWarning(ctx: ChatContext): ChatDecision {
  return decision(null, [
    {
      text: [
        say("chat:scam.rule"),
        say("chat:scam.communeNever"),
        say("chat:scam.examplesTitle"),
        say("chat:scam.exampleCalls"),
        say("chat:scam.exampleLinks"),
        say("chat:scam.exampleFees"),
        say("chat:scam.exampleGifts"),
        say("chat:scam.whatToDo"),
        contact(ctx),
      ],
      buttons: [[escalateButton("fraud")], ...BACK],
    },
  ]);
}

/**
 * The base level in force decides the funeral support, so it is looked up first. `ticket`: a
 * death told in the chat, which a person follows up after the answer.
 */
export function deathAnswer(options: { ticket?: boolean } = {}): ChatDecision {
  return decision(null, [], [{ kind: "funeralSupport", ...(options.ticket ? { ticket: true } : {}) }]);
}

/**
 * Payment stops from the month after death. Funeral support: social assistance at least 20 × the
 * base level (Decree 20/2021, art. 11); for people with meritorious services the relatives receive
 * 3 months of the allowance plus a funeral allowance (Ordinance 02/2020). Both are claimed at the
 * commune with the death certificate.
 */
export function onFuneral(result: Extract<ChatResult, { kind: "funeral" }>, ctx: ChatContext): ChatDecision {
  // 20 × the base level of the month of death: said with that month when the date is known.
  const btxh =
    result.btxhMinimum === null
      ? say("chat:death.funeralBtxhRule")
      : result.deathMonth && result.baseLevel
        ? say("chat:death.funeralBtxhMonth", {
            amount: { vnd: result.btxhMinimum },
            base: { vnd: result.baseLevel },
            month: `${result.deathMonth.slice(5, 7)}/${result.deathMonth.slice(0, 4)}`,
          })
        : say("chat:death.funeralBtxh", { amount: { vnd: result.btxhMinimum } });
  const answer = decision(null, [
    { text: [say("chat:death.sorry"), say("chat:death.stop")] },
    { text: [btxh, say("chat:death.funeralNcc")] },
    { text: [say("chat:death.how"), say("chat:death.bring"), contact(ctx)], buttons: [[escalateButton("death")], ...BACK] },
  ]);
  return result.ticket ? withTicket(answer, "death", ctx) : answer;
}
