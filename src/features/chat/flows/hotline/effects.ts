// The chat's hotline work as effects (see features/hotline/chatEffects.ts for the writes): a
// ticket opened (or the open one found), a message filed into it, an answer rated.
import { z } from "zod";
import { defineEffect } from "../../../../conversation/effect.ts";
import { performHotlineEffect } from "../../../hotline/chatEffects.ts";
import { HOTLINE_TOPICS } from "../../../hotline/protocol.ts";

const MAX_TEXT = 2000;

const escalated = z.object({
  topic: z.enum(HOTLINE_TOPICS),
  number: z.number().int(),
  dueTime: z.string(),
  dueDate: z.string(),
  openNow: z.boolean(),
  existing: z.boolean(),
  auto: z.boolean().optional(),
});
export type Escalated = z.infer<typeof escalated>;

/**
 * Opens a ticket for this chat (or returns the one already open, raising its topic when this one
 * is more urgent). `auto`: the bot decided the topic needs a person, nobody asked for one.
 */
export const escalate = defineEffect({
  kind: "escalate",
  payload: {
    topic: z.enum(HOTLINE_TOPICS),
    question: z.string().max(MAX_TEXT).optional(),
    auto: z.boolean().optional(),
  },
  output: escalated,
  async perform(tx, p, ctx) {
    const r = await performHotlineEffect(
      tx,
      {
        kind: "escalate",
        topic: p.topic,
        ...(p.question ? { question: p.question } : {}),
        ...(p.auto ? { auto: true } : {}),
      },
      ctx,
    );
    if (r?.kind !== "escalated") throw new Error("escalate did not open a ticket");
    const { kind: _kind, ...rest } = r;
    return rest;
  },
});

/** A message from the person while their ticket is open. */
export const addToTicket = defineEffect({
  kind: "addToTicket",
  payload: { ticketId: z.string().min(1).max(64), text: z.string().max(MAX_TEXT) },
  output: z.null(),
  async perform(tx, p, ctx) {
    await performHotlineEffect(tx, { kind: "addToTicket", ...p }, ctx);
    return null;
  },
});

/** The answer to "how satisfied are you?" after a ticket was resolved. */
export const rateTicket = defineEffect({
  kind: "rateTicket",
  payload: { number: z.number().int().min(1), score: z.number().int().min(1).max(3) },
  output: z.object({ ok: z.boolean() }),
  async perform(tx, p, ctx) {
    const r = await performHotlineEffect(tx, { kind: "rateTicket", ...p }, ctx);
    return { ok: r?.kind === "rated" && r.ok };
  },
});

export function clip(text: string): string {
  return text.trim().slice(0, MAX_TEXT);
}
