// The hotline inside the chat: asking for a person, writing to the ticket while it is open, and
// rating the answer. Pure like every flow: the database work is asked for as effects.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext, FlowEvent } from "../../conversation/brain.ts";
import { redactString } from "../../lib/redact.ts";
import { BUTTON, commandOf } from "../chat/commands.ts";
import { decision, type ChatDecision } from "../chat/decision.ts";
import type { ChatResult } from "../chat/protocol.ts";
import type { ChatState } from "../chat/state.ts";
import { ESCALATE_PREFIX, RATE_PREFIX, isHotlineTopic, type HotlineResult, type HotlineTopic } from "./protocol.ts";

const MAX_TEXT = 2000;

/** A person asked for a human (or the bot decided they need one): open a ticket. */
export function startEscalation(topic: HotlineTopic, question?: string): ChatDecision {
  const q = question?.trim().slice(0, MAX_TEXT);
  return decision(null, [], [{ kind: "escalate", topic, ...(q ? { question: q } : {}) }]);
}

/** The button under answers that may need a person (a scam, a missing payment, a death). */
export function escalateButton(topic: HotlineTopic): ReturnType<typeof btn> {
  return btn("hotline:chat.button.talk", `${ESCALATE_PREFIX}${topic}`);
}

/**
 * Handles what belongs to the hotline before the rest of the chat: its buttons, and any free text
 * while the chat's ticket is open (a question in progress keeps its answers, commands keep working).
 */
export function hotlineStep(stored: ChatState | null, event: FlowEvent<ChatResult>, ctx: ChatContext): ChatDecision | null {
  if (event.kind === "button" && event.data.startsWith(ESCALATE_PREFIX)) {
    const topic = event.data.slice(ESCALATE_PREFIX.length);
    return isHotlineTopic(topic) ? startEscalation(topic) : null;
  }
  if (event.kind === "button" && event.data.startsWith(RATE_PREFIX)) {
    const m = /^(\d{1,9}):([1-3])$/.exec(event.data.slice(RATE_PREFIX.length));
    return m ? decision(stored, [], [{ kind: "rateTicket", number: Number(m[1]), score: Number(m[2]) }]) : null;
  }
  const ticket = ctx.openTicket;
  if (!ticket || (stored !== null && stored.flow !== "clarify")) return null;
  if (event.kind === "unsupported") return decision(null, [{ text: [say("hotline:chat.textOnly", { number: ticket.number })] }]);
  if (event.kind !== "text" || commandOf(event)) return null;
  return decision(null, [{ text: [say("hotline:chat.added", { number: ticket.number })] }], [
    { kind: "addToTicket", ticketId: ticket.id, text: event.text.slice(0, MAX_TEXT) },
  ]);
}

/**
 * A person in the middle of a walkthrough keeps it, but what they type still reaches the open
 * ticket, with any ID, phone or account number masked (the agent does not need it in full).
 */
export function alsoToTicket(d: ChatDecision, stored: ChatState | null, event: FlowEvent<ChatResult>, ctx: ChatContext): ChatDecision {
  const ticket = ctx.openTicket;
  if (!ticket || stored === null || stored.flow === "clarify" || event.kind !== "text" || commandOf(event)) return d;
  if (d.effects.some((e) => e.kind === "addToTicket")) return d;
  return { ...d, effects: [...d.effects, { kind: "addToTicket", ticketId: ticket.id, text: redactString(event.text).slice(0, MAX_TEXT) }] };
}

export function onHotlineResult(result: HotlineResult): ChatDecision {
  if (result.kind === "rated") return decision(null, [thanks(result.ok)]);
  const due = say(result.openNow ? "hotline:chat.dueBy" : "hotline:chat.closedNow", { time: result.dueTime, date: { date: result.dueDate } });
  const first = say(result.existing ? "hotline:chat.alreadyOpen" : "hotline:chat.opened", { number: result.number });
  const sorry = result.topic === "unclear" && !result.existing ? [say("chat:unclear.again")] : [];
  return decision(null, [{ text: [...sorry, first, due, say("hotline:chat.addMore")], buttons: [[btn("chat:button.menu", BUTTON.menu)]] }]);
}

function thanks(ok: boolean): Reply {
  return { text: [say(ok ? "hotline:chat.rated" : "hotline:chat.rateUnknown")], buttons: [[btn("chat:button.menu", BUTTON.menu)]] };
}

/** The question sent after a ticket was resolved, with one button per answer. */
export function satisfactionQuestion(number: number): Reply {
  return {
    text: [say("hotline:chat.resolved", { number }), say("hotline:chat.rateAsk")],
    buttons: [
      [btn("hotline:chat.rate.3", `${RATE_PREFIX}${number}:3`)],
      [btn("hotline:chat.rate.2", `${RATE_PREFIX}${number}:2`)],
      [btn("hotline:chat.rate.1", `${RATE_PREFIX}${number}:1`)],
    ],
  };
}
