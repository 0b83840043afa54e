// The hotline inside the chat: asking for a person (a button under every answer, or in words),
// the agent's expected answer time, and rating the answer. A question in progress is kept: the
// person can carry on with it while waiting. What a person types while a ticket is open is still
// answered by the bot, and copied into the ticket (see dispatch.ts).
import { z } from "zod";
import { btn, say, type Button, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { ESCALATE_PREFIX, isHotlineTopic, RATE_PREFIX, type HotlineTopic } from "../../../hotline/protocol.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { addToTicket, clip, escalate, rateTicket, type Escalated } from "./effects.ts";

const NAME = "hotline";

/** Topics the bot opens a ticket for by itself, each with a line saying why. */
const AUTO_TOPICS = [
  "payout_missing",
  "fraud",
  "death",
  "complaint",
  "link_no_phone",
] as const satisfies readonly HotlineTopic[];
type AutoTopic = (typeof AUTO_TOPICS)[number];

type Open = { topic: HotlineTopic } | { rate: number; score: number };

const results = z.discriminatedUnion("kind", [escalate.result, rateTicket.result]);

/** A person asked for a human (or the bot decided they need one): open a ticket. */
export function startEscalation(
  topic: HotlineTopic,
  question: string | null,
  keep: Decision["state"] = null,
): Decision {
  const q = question ? clip(question) : "";
  return decision(keep, [], [escalate.ask(NAME, { topic, ...(q ? { question: q } : {}) })]);
}

/**
 * An answer that always needs a person as well (a fraud report, money that should have come, a
 * death, a complaint): the answer first, then the ticket, opened by itself. While a ticket is open
 * the person's words are filed into it already, so they are not given again here.
 */
export function withTicket(d: Decision, topic: AutoTopic, ctx: ChatContext, question?: string): Decision {
  const q = ctx.openTicket || !question ? "" : clip(question);
  return { ...d, effects: [...d.effects, escalate.ask(NAME, { topic, auto: true, ...(q ? { question: q } : {}) })] };
}

/** The button under answers that may need a person (a scam, a missing payment, a death). */
export function escalateButton(topic: HotlineTopic): Button {
  return btn("chat:button.talk", `${ESCALATE_PREFIX}${topic}`);
}

/** Files the person's words into the open ticket. */
export function fileIntoTicket(ticketId: string, text: string) {
  return addToTicket.ask(NAME, { ticketId, text: clip(text) });
}

function onEscalated(r: Escalated, state: Decision["state"]): Decision {
  const due = say(r.openNow ? "hotline:chat.dueBy" : "hotline:chat.closedNow", {
    time: r.dueTime,
    date: { date: r.dueDate },
  });
  const first = say(r.existing ? "hotline:chat.alreadyOpen" : "hotline:chat.opened", { number: r.number });
  const sorry = r.topic === "unclear" && !r.existing ? [say("chat:unclear.again")] : [];
  // Why a person was called when nobody asked for one.
  const why = r.auto && AUTO_TOPICS.some((t) => t === r.topic) ? [say(`hotline:chat.why.${r.topic}`)] : [];
  if (state)
    return decision(state, [
      {
        text: [...why, first, due, say("hotline:chat.answerAbove")],
        buttons: [[btn("chat:button.resume", BUTTON.resume)], BACK_ROW],
      },
    ]);
  // A ticket opened by itself follows an answer: that answer's buttons stay the ones to press.
  if (why.length > 0) return decision(null, [{ text: [...why, first, due, say("hotline:chat.addMore")] }]);
  return decision(null, [{ text: [...sorry, first, due, say("hotline:chat.addMore")], buttons: [BACK_ROW] }]);
}

function thanks(ok: boolean): Reply {
  return { text: [say(ok ? "hotline:chat.rated" : "hotline:chat.rateUnknown")], buttons: [BACK_ROW] };
}

export const hotlineFlow = defineFlow<never, Open, z.infer<typeof results>>({
  name: NAME,
  effects: [escalate, addToTicket, rateTicket],
  opens: {
    buttons: { [BUTTON.hotline]: { topic: "talk_to_human" } },
    prefixes: [
      { prefix: ESCALATE_PREFIX, read: (topic) => (isHotlineTopic(topic) ? { topic } : null) },
      {
        prefix: RATE_PREFIX,
        read: (rest) => {
          const m = /^(\d{1,9}):([1-3])$/.exec(rest);
          return m ? { rate: Number(m[1]), score: Number(m[2]) } : null;
        },
      },
    ],
    words: {
      "gap nguoi that": { topic: "talk_to_human" },
      "tong dai": { topic: "talk_to_human" },
      "talk to a person": { topic: "talk_to_human" },
    },
    intents: { talk_to_human: { topic: "talk_to_human" } },
  },
  start(open, _ctx, at) {
    if ("rate" in open)
      return decision(at.active?.state ?? null, [], [rateTicket.ask(NAME, { number: open.rate, score: open.score })]);
    // Typed words ("cho tôi gặp nhân viên, tiền tháng 7 chưa về") go to the agent as the question.
    return startEscalation(open.topic, at.text, at.active?.state ?? null);
  },
  results,
  // A question in progress (any flow's) stays open: the ticket does not end it.
  onResult: (_state, result, _ctx, current) =>
    result.kind === "rateTicket" ? decision(current, [thanks(result.value.ok)]) : onEscalated(result.value, current),
});
