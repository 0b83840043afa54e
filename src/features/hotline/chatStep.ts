// The hotline inside the chat: asking for a person, writing to the ticket while it is open, and
// rating the answer. Pure like every flow: the database work is asked for as effects.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext, FlowEvent } from "../../conversation/brain.ts";
import { redactString } from "../../lib/redact.ts";
import { BUTTON, commandOf } from "../chat/commands.ts";
import { decision, type ChatDecision } from "../chat/decision.ts";
import type { ChatResult } from "../chat/protocol.ts";
import type { ChatState } from "../chat/state.ts";
import { escalatesByItself } from "./escalationRules.ts";
import { ESCALATE_PREFIX, RATE_PREFIX, isHotlineTopic, type HotlineResult, type HotlineTopic } from "./protocol.ts";

const MAX_TEXT = 2000;

/** Topics the bot opens a ticket for by itself, each with a line saying why. */
const AUTO_TOPICS = ["payout_missing", "fraud", "death", "complaint"] as const satisfies readonly HotlineTopic[];
type AutoTopic = (typeof AUTO_TOPICS)[number];

/** A person asked for a human (or the bot decided they need one): open a ticket. */
export function startEscalation(topic: HotlineTopic, question?: string): ChatDecision {
  const q = question?.trim().slice(0, MAX_TEXT);
  return decision(null, [], [{ kind: "escalate", topic, ...(q ? { question: q } : {}) }]);
}

/**
 * An answer that always needs a person as well (a fraud report, money missing after payout day, a
 * death, a complaint): the answer first, then the ticket, opened by itself. While a ticket is open
 * the person's words are filed into it already, so they are not given again here.
 */
export function withTicket(d: ChatDecision, topic: AutoTopic, ctx: ChatContext, question?: string): ChatDecision {
  const q = ctx.openTicket ? undefined : question?.trim().slice(0, MAX_TEXT);
  // The "talk to an agent" button is pointless under an answer that has just called one.
  const replies = d.replies.map((r) => {
    const buttons = r.buttons?.map((row) => row.filter((b) => !b.data.startsWith(ESCALATE_PREFIX))).filter((row) => row.length > 0);
    return buttons ? { ...r, buttons } : r;
  });
  return { ...d, replies, effects: [...d.effects, { kind: "escalate", topic, auto: true, ...(q ? { question: q } : {}) }] };
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
  // Answered like any message (and filed by `alsoToTicket`): the answer matters, and the ticket
  // may need to become more urgent.
  if (escalatesByItself(event.text)) return null;
  return decision(null, [{ text: [say("hotline:chat.added", { number: ticket.number })] }], [
    { kind: "addToTicket", ticketId: ticket.id, text: event.text.slice(0, MAX_TEXT) },
  ]);
}

/**
 * A person in the middle of a walkthrough keeps it, but what they type still reaches the open
 * ticket, with any ID, phone or account number masked (the agent does not need it in full). A
 * message the bot answers in its own right while a ticket is open (missing money, a fraud report)
 * is filed too.
 */
export function alsoToTicket(d: ChatDecision, stored: ChatState | null, event: FlowEvent<ChatResult>, ctx: ChatContext): ChatDecision {
  const ticket = ctx.openTicket;
  if (!ticket || event.kind !== "text" || commandOf(event)) return d;
  if (d.effects.some((e) => e.kind === "addToTicket")) return d;
  // Without a walkthrough, only a message answered in its own right gets here (see hotlineStep).
  const inFlow = stored !== null && stored.flow !== "clarify";
  const text = inFlow ? redactString(event.text) : event.text;
  return { ...d, effects: [...d.effects, { kind: "addToTicket", ticketId: ticket.id, text: text.slice(0, MAX_TEXT) }] };
}

/**
 * The ticket number and when an agent answers. A walkthrough started by the same message (a death
 * report) goes on: its question was asked just before, and the person is pointed back to it.
 */
export function onHotlineResult(result: HotlineResult, state: ChatState | null = null): ChatDecision {
  if (result.kind === "rated") return decision(null, [thanks(result.ok)]);
  const due = say(result.openNow ? "hotline:chat.dueBy" : "hotline:chat.closedNow", { time: result.dueTime, date: { date: result.dueDate } });
  const first = say(result.existing ? "hotline:chat.alreadyOpen" : "hotline:chat.opened", { number: result.number });
  const sorry = result.topic === "unclear" && !result.existing ? [say("chat:unclear.again")] : [];
  // Why a person was called when nobody asked for one.
  const why = result.auto && AUTO_TOPICS.some((t) => t === result.topic) ? [say(`hotline:chat.why.${result.topic}`)] : [];
  const flow = state !== null && state.flow !== "clarify" ? state : null;
  if (flow) return decision(flow, [{ text: [...why, first, due, say("hotline:chat.answerAbove")] }]);
  return decision(null, [{ text: [...sorry, ...why, first, due, say("hotline:chat.addMore")], buttons: [[btn("chat:button.menu", BUTTON.menu)]] }]);
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
