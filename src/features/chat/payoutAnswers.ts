// Payout answers in the chat: the next payout, the amount (with "why?"), the last months and what to
// do about a missed one. A relative sees the person they represent, and every answer says whose
// information it is. Someone not linked gets the general rules and the ways to link.
import { escalateButton, withTicket } from "../hotline/chatStep.ts";
import { missedPayout } from "../hotline/missedPayout.ts";
import { btn, say, type Button, type Reply, type TextRef } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { historyText } from "../payouts/historyText.ts";
import { monthParams } from "../payouts/monthParams.ts";
import { amountText, nextPayoutText } from "../payouts/nextPayoutText.ts";
import { generalRulesText, missedPayoutText } from "../payouts/rulesText.ts";
import type { PayoutOverview } from "../payouts/types.ts";
import { BUTTON, WHY_PREFIX } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import { activePerson, contact, menu, title } from "./menu.ts";
import type { ChatResult, PayoutTopic } from "./protocol.ts";

const BACK: Button[] = [btn("chat:button.menu", BUTTON.menu)];

export function showPayouts(topic: PayoutTopic, ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [generalRules(topic)]);
  return decision(null, [], [{ kind: "loadPayouts", beneficiaryId: active.beneficiaryId, topic }]);
}

/** "Vì sao số tiền này?": the explanation of one month, or of the next (or last) payout's month. */
export function explainAmount(month: string | null, ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [generalRules("amount")]);
  return decision(null, [], [{ kind: "explainMonth", beneficiaryId: active.beneficiaryId, month }]);
}

export function onExplanation(result: Extract<ChatResult, { kind: "explanation" }>, ctx: ChatContext): ChatDecision {
  if (!result.replies || result.replies.length === 0) {
    return decision(null, [{ text: [say("payouts:why.none"), contact(ctx)], buttons: [BACK] }]);
  }
  return decision(null, [...result.replies, menu(ctx)]);
}

export function onPayouts(result: Extract<ChatResult, { kind: "payouts" }>, ctx: ChatContext): ChatDecision {
  const o = result.overview;
  if (!o) return decision(null, [menu(ctx)]);
  const head = [...whose(o, ctx), ...statusNote(o)];
  switch (result.topic) {
    case "next": {
      const rows: Button[][] = [[btn("chat:button.amount", BUTTON.amount)]];
      if (o.next?.method === "CASH_POINT") rows.push([btn("chat:button.documents", BUTTON.documents)]);
      return decision(null, [{ text: [...head, ...nextPayoutText(o)], buttons: [...rows, BACK] }]);
    }
    case "amount":
      return decision(null, [amountReply(o, head)]);
    case "history":
      return decision(null, [{ text: [...head, ...historyText(o)], buttons: [[btn("chat:button.nextPayout", BUTTON.nextPayout)], BACK] }]);
    case "missing":
      return missingReply(o, head, ctx);
  }
}

/**
 * "Chưa thấy tiền": after the payout day money not paid (or a failed transfer) goes to a person at
 * once; before it, the day it comes, with a person one press away.
 */
function missingReply(o: PayoutOverview, head: TextRef[], ctx: ChatContext): ChatDecision {
  const talk: Button[][] = ctx.openTicket ? [] : [[escalateButton("payout_missing")]];
  if (!missedPayout(o, ctx.today) && o.next) {
    return decision(null, [{ text: [...head, say("chat:missing.notYet"), ...nextPayoutText(o)], buttons: [...talk, BACK] }]);
  }
  const answer = decision(null, [
    { text: [...head, ...historyText(o)] },
    { text: [...missedPayoutText(o.programme), contact(ctx)], buttons: [...talk, [btn("chat:button.nextPayout", BUTTON.nextPayout)], BACK] },
  ]);
  return missedPayout(o, ctx.today) ? withTicket(answer, "payout_missing", ctx) : answer;
}

function amountReply(o: PayoutOverview, head: TextRef[]): Reply {
  const payout = o.next ?? o.history[0] ?? null;
  if (!payout) return { text: [...head, say("payouts:amount.none")], buttons: [BACK] };
  const which = payout === o.next ? "payouts:amount.next" : "payouts:amount.last";
  return {
    text: [...head, say(which, monthParams(payout.month)), ...amountText(payout)],
    buttons: [[btn("chat:button.why", `${WHY_PREFIX}${payout.month}`)], BACK],
  };
}

function whose(o: PayoutOverview, ctx: ChatContext): TextRef[] {
  const active = activePerson(ctx);
  if (active?.role !== "REPRESENTATIVE") return [];
  return [say("payouts:whose", { title: title(o.sex), name: o.fullName })];
}

function statusNote(o: PayoutOverview): TextRef[] {
  if (o.status === "ACTIVE") return [];
  return [say("payouts:statusNote", { status: { key: `chat:status.${o.status}` } })];
}

function generalRules(topic: PayoutTopic): Reply {
  const text = topic === "missing" ? [...missedPayoutText(), say("payouts:general.link")] : generalRulesText();
  return {
    text,
    buttons: [[btn("chat:button.linkByCode", BUTTON.linkByCode)], [btn("chat:button.linkById", BUTTON.linkById)], BACK],
  };
}
