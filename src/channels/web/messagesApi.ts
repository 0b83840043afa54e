// POST /chat/api/messages: what the person typed or tapped, handed to the conversation engine.
// The page names each message with a fresh UUID and re-sends the same one after a network error,
// so a retried POST is stored once and answered once.
import type { RequestHandler } from "express";
import { z } from "zod";
import type { InboundEvent } from "../../core/events.ts";
import { LOCALES } from "../../core/i18n.ts";
import type { ConversationEngine } from "../../conversation/engine.ts";
import type { Clock } from "../../lib/clock.ts";
import { readChatId } from "./chatCookie.ts";
import type { RateLimiter } from "./rateLimiter.ts";

const clientMessageId = z.uuid();

/**
 * The longest text one message may carry: what every channel accepts (Telegram's 4096), so a long
 * story pasted in the web chat is read whole. Longer is answered with 413 "too_long" and the page
 * tells the person kindly, keeping what they wrote.
 */
export const MAX_TEXT = 4096;

export const postedMessage = z.discriminatedUnion("kind", [
  z.object({ clientMessageId, kind: z.literal("text"), text: z.string().trim().min(1) }),
  z.object({ clientMessageId, kind: z.literal("button"), data: z.string().min(1).max(64) }),
  z.object({
    clientMessageId,
    kind: z.literal("start"),
    /** A link code from a printed QR code (/chat?code=…). */
    payload: z.string().trim().min(1).max(64).optional(),
    /** The page's language, the bot's first guess for a new chat. */
    lang: z.enum(LOCALES).optional(),
  }),
]);

export interface MessagesApiDeps {
  engine: ConversationEngine;
  clock: Clock;
  limiter: RateLimiter;
}

export function messagesApi(deps: MessagesApiDeps): RequestHandler {
  return async (req, res) => {
    const chatId = readChatId(req);
    if (!chatId) {
      res.status(401).json({ error: "no_chat" });
      return;
    }
    const parsed = postedMessage.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: "bad_request" });
      return;
    }
    if (!deps.limiter.hit(chatId)) {
      res.status(429).json({ error: "rate_limited" });
      return;
    }
    const m = parsed.data;
    if (m.kind === "text" && m.text.length > MAX_TEXT) {
      res.status(413).json({ error: "too_long", max: MAX_TEXT });
      return;
    }
    const base = {
      chat: { channel: "WEB" as const, platformUserId: chatId },
      // Scoped to the chat, so one browser's ids can never collide with another's.
      messageId: `${chatId}:${m.clientMessageId}`,
      at: deps.clock.now(),
    };
    const event: InboundEvent =
      m.kind === "text"
        ? { ...base, kind: "text", text: m.text }
        : m.kind === "button"
          ? { ...base, kind: "button", data: m.data }
          : {
              ...base,
              kind: "start",
              ...(m.payload ? { payload: m.payload } : {}),
              ...(m.lang ? { languageHint: m.lang } : {}),
            };
    const { duplicate } = await deps.engine.receive(event);
    res.status(202).json({ ok: true, duplicate });
  };
}
