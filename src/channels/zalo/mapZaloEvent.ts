// Zalo OA webhook payloads (Open API v3) and what each becomes for the conversation engine.
// Shapes assumed from Zalo's documentation and public integrations:
// - user events: {"event_name":"user_send_text","app_id","sender":{"id"},"recipient":{"id"},
//   "message":{"text","msg_id"},"timestamp":"<ms>"}; other user_send_* carry message.attachments.
// - follow/unfollow: {"event_name":"follow","app_id","oa_id","follower":{"id"},"user_id_by_app",
//   "source","timestamp"}: the person is `follower.id`, not `sender.id`.
// - Zalo sends `timestamp` as a string of milliseconds; some tools send a number, so both are read.
import { z } from "zod";
import type { InboundBody, InboundEvent } from "../../core/events.ts";

/** What every payload must carry before its signature can even be checked. */
export const zaloEnvelope = z.object({
  event_name: z.string().min(1).max(100),
  app_id: z.union([z.string(), z.number()]).transform(String),
  timestamp: z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]),
});
export type ZaloEnvelope = z.infer<typeof zaloEnvelope>;

const id = z.union([z.string().min(1).max(64), z.number()]).transform(String);

const userMessage = z.object({
  sender: z.object({ id }),
  message: z.object({ msg_id: z.string().min(1).max(200).optional(), text: z.string().optional() }).optional(),
});
const followEvent = z.object({ follower: z.object({ id }) });
const buttonClick = z.object({
  sender: z.object({ id }),
  message: z
    .object({
      msg_id: z.string().min(1).max(200).optional(),
      text: z.string().optional(),
      payload: z.string().optional(),
    })
    .optional(),
});

/** Text a "query" button sends back to the OA: the data the button carried, behind this prefix. */
export const BUTTON_PREFIX = "#btn:";
/** The engine accepts at most this much text per message (core/events.ts). */
const MAX_TEXT = 4096;
const MAX_BUTTON_DATA_BYTES = 64;

export type ZaloMapping =
  /** personMessageId: the msg_id of something the person sent (it opens Zalo's reply window). */
  | { kind: "event"; event: InboundEvent; personMessageId?: string }
  /** Delivery receipts, the OA's own messages, events we do not subscribe to. */
  | { kind: "ignored" }
  | { kind: "invalid"; problem: string };

/** Maps one parsed payload (envelope already checked) to an InboundEvent, or says why not. */
export function mapZaloEvent(envelope: ZaloEnvelope, payload: unknown): ZaloMapping {
  const name = envelope.event_name;
  const at = new Date(Number(envelope.timestamp));
  const fallbackId = (userId: string) => `${name}:${userId}:${String(envelope.timestamp)}`;

  if (name === "follow" || name === "unfollow") {
    const parsed = followEvent.safeParse(payload);
    if (!parsed.success) return { kind: "invalid", problem: `${name} without follower.id` };
    const userId = parsed.data.follower.id;
    const body: InboundBody = name === "follow" ? { kind: "start" } : { kind: "unreachable", reason: "unfollowed" };
    return {
      kind: "event",
      event: { ...body, chat: { channel: "ZALO", platformUserId: userId }, messageId: fallbackId(userId), at },
    };
  }

  // Which event a press on a template's button arrives as is documented nowhere for certain: a
  // query button sends its payload as the person's text (user_send_text), and one third-party
  // guide names a separate user_click_button. Both are read.
  if (name === "user_click_button") {
    const parsed = buttonClick.safeParse(payload);
    if (!parsed.success) return { kind: "invalid", problem: "user_click_button without sender.id and payload" };
    const userId = parsed.data.sender.id;
    const m = parsed.data.message;
    const data = m?.payload ?? m?.text ?? "";
    const msgId = m?.msg_id;
    const event: InboundEvent = {
      ...textOrButton(data),
      chat: { channel: "ZALO", platformUserId: userId },
      messageId: msgId ?? fallbackId(userId),
      at,
    };
    return { kind: "event", event, ...(msgId ? { personMessageId: msgId } : {}) };
  }

  if (!name.startsWith("user_send_")) return { kind: "ignored" };

  const parsed = userMessage.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", problem: `${name} without sender.id` };
  const userId = parsed.data.sender.id;
  const msgId = parsed.data.message?.msg_id;
  const messageId = msgId ?? fallbackId(userId);
  const chat = { channel: "ZALO" as const, platformUserId: userId };
  const opens = msgId ? { personMessageId: msgId } : {};

  if (name === "user_send_text") {
    const text = parsed.data.message?.text;
    if (text === undefined) return { kind: "invalid", problem: "user_send_text without message.text" };
    return { kind: "event", event: { ...textOrButton(text), chat, messageId, at }, ...opens };
  }
  // Images, stickers, locations, files, voice, links, business cards: nothing the bot can read.
  const what = name.slice("user_send_".length).slice(0, 50) || "unknown";
  return { kind: "event", event: { kind: "unsupported", what, chat, messageId, at }, ...opens };
}

function textOrButton(text: string): InboundBody {
  if (text.startsWith(BUTTON_PREFIX)) {
    const data = text.slice(BUTTON_PREFIX.length);
    if (data.length > 0 && Buffer.byteLength(data, "utf8") <= MAX_BUTTON_DATA_BYTES) return { kind: "button", data };
  }
  return { kind: "text", text: text.slice(0, MAX_TEXT) };
}
