// Turns a Telegram update into the one event type the conversation engine understands.
import type { Update } from "telegraf/types";
import { z } from "zod";
import type { InboundEvent } from "../../core/events.ts";

// The fields read below, checked before telegraf sees the update: whatever arrives on the
// webhook is untrusted input until it has this shape.
const user = z.object({
  id: z.number().int(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.object({ id: z.number().int(), type: z.string() });
const updateShape = z.object({
  update_id: z.number().int().nonnegative(),
  message: z
    .object({ message_id: z.number().int(), chat, from: user.optional(), text: z.string().optional() })
    .optional(),
  callback_query: z
    .object({ id: z.string(), from: user, data: z.string().optional(), message: z.object({ chat }).optional() })
    .optional(),
  my_chat_member: z
    .object({ chat, from: user, date: z.number().int(), new_chat_member: z.object({ status: z.string() }) })
    .optional(),
});

/** A Telegram update as telegraf types it, accepted only when the fields we read are well-formed. */
export const telegramUpdate = z.custom<Update>((v) => updateShape.safeParse(v).success, "not a Telegram update");

/** What a message can carry besides text, named for the log and the brain's "cannot read that". */
const UNSUPPORTED = [
  "photo",
  "sticker",
  "voice",
  "video",
  "video_note",
  "audio",
  "document",
  "animation",
  "location",
  "venue",
  "contact",
  "poll",
  "dice",
] as const;
// Telegram allows 64 characters of deep-link payload; anything longer cannot be one of ours.
const MAX_START_PAYLOAD = 64;
const MAX_TEXT = 4096;
const MAX_BUTTON_DATA = 64;

/**
 * The event for an update, or null for updates the bot ignores. Only private chats count: the
 * bot shows payout data, which must never be posted into a group someone added it to.
 */
export function updateToEvent(update: Update, at: Date): InboundEvent | null {
  // The key of each event is what identifies the person's act, never update_id: the Bot API
  // starts update_id again from a random number after a week without updates (and a new bot or
  // server starts it again too), so two different updates can carry the same one. A message is
  // (chat, message_id); a button press is its callback query's own id (Bot API: Message,
  // CallbackQuery); a block or unblock is the chat, its date and the new status.
  if ("message" in update) {
    const msg = update.message;
    if (msg.chat.type !== "private") return null;
    const base = {
      chat: telegramChat(msg.chat.id),
      messageId: `${msg.chat.id}:${msg.message_id}`,
      at,
      ...person(msg.from),
    };
    if ("text" in msg) {
      const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(msg.text);
      if (start && (start[1] === undefined || start[1].length <= MAX_START_PAYLOAD)) {
        return start[1] === undefined ? { ...base, kind: "start" } : { ...base, kind: "start", payload: start[1] };
      }
      return { ...base, kind: "text", text: msg.text.slice(0, MAX_TEXT) };
    }
    return { ...base, kind: "unsupported", what: UNSUPPORTED.find((k) => k in msg) ?? "other" };
  }

  if ("callback_query" in update) {
    const q = update.callback_query;
    if (!("data" in q) || q.data.length > MAX_BUTTON_DATA) return null;
    if (q.message && q.message.chat.type !== "private") return null;
    // A button on an inline message has no chat; in a private chat the chat id is the user id.
    const chatId = q.message?.chat.id ?? q.from.id;
    return { chat: telegramChat(chatId), messageId: `cb:${q.id}`, at, ...person(q.from), kind: "button", data: q.data };
  }

  if ("my_chat_member" in update) {
    const m = update.my_chat_member;
    if (m.chat.type !== "private") return null;
    const base = {
      chat: telegramChat(m.chat.id),
      messageId: `member:${m.chat.id}:${m.date}:${m.new_chat_member.status}`,
      at,
      ...person(m.from),
    };
    // "kicked" in a private chat means the person blocked the bot; "member" that they unblocked it.
    if (m.new_chat_member.status === "kicked") return { ...base, kind: "unreachable", reason: "blocked" };
    if (m.new_chat_member.status === "member") return { ...base, kind: "reachable" };
    return null;
  }

  return null;
}

function telegramChat(id: number): InboundEvent["chat"] {
  return { channel: "TELEGRAM", platformUserId: String(id) };
}

function person(
  from: { first_name?: string; last_name?: string; language_code?: string } | undefined,
): Pick<InboundEvent, "displayName" | "languageHint"> {
  if (!from) return {};
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim().slice(0, 200);
  return {
    ...(name ? { displayName: name } : {}),
    ...(from.language_code ? { languageHint: from.language_code } : {}),
  };
}
