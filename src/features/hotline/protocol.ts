// What the chat asks the hotline to do, and what comes back: the chat side of a ticket. The topics
// are the agents' filter; "link_no_phone": a person could not link by ID because the record has no
// phone number, and needs a printed code.
export const HOTLINE_TOPICS = [
  "talk_to_human",
  "unclear",
  "payout_missing",
  "complaint",
  "fraud",
  "death",
  "link_no_phone",
] as const;
export type HotlineTopic = (typeof HOTLINE_TOPICS)[number];

export function isHotlineTopic(v: string): v is HotlineTopic {
  return (HOTLINE_TOPICS as readonly string[]).includes(v);
}

export type HotlineEffect =
  /**
   * Opens a ticket for this chat (or returns the one already open, raising its topic when this one
   * is more urgent). `auto`: the bot decided the topic needs a person, nobody asked for one.
   */
  | { kind: "escalate"; topic: HotlineTopic; question?: string; auto?: boolean }
  /** A message from the person while their ticket is open. */
  | { kind: "addToTicket"; ticketId: string; text: string }
  /** The answer to "how satisfied are you?" after a ticket was resolved. */
  | { kind: "rateTicket"; number: number; score: number };

export type HotlineResult =
  | {
      kind: "escalated";
      topic: HotlineTopic;
      number: number;
      /** When an agent is expected to answer: "HH:MM" and the calendar date, Vietnam time. */
      dueTime: string;
      dueDate: string;
      /** False outside working hours: the person is told when the hotline opens again. */
      openNow: boolean;
      existing: boolean;
      auto?: boolean;
    }
  | { kind: "rated"; ok: boolean };

/** Button data: "hl:esc:<topic>" asks for a person, "hl:rate:<ticket number>:<1-3>" rates an answer. */
export const ESCALATE_PREFIX = "hl:esc:";
export const RATE_PREFIX = "hl:rate:";
