// What every channel turns a platform update into. Features never see platform payloads.
import { z } from "zod";
import { withoutNul } from "../lib/text.ts";

export const CHANNELS = ["TELEGRAM", "ZALO", "WEB", "SMS"] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * The chat channels among all the ways a message can go. SMS is both: a conversation with a feature
 * phone (its chat id is the phone number) and the way a notice reaches a phone without any chat;
 * ZNS only reaches phones.
 */
export function isChannelName(value: string): value is ChannelName {
  return (CHANNELS as readonly string[]).includes(value);
}

export interface ChatRef {
  channel: ChannelName;
  /** Telegram chat id, Zalo user id (by OA), the web chat's browser id, or the phone (0xxxxxxxxx) on SMS. */
  platformUserId: string;
}

const platformText = (max: number) => z.string().max(max).transform(withoutNul);

export const inboundBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: platformText(4096) }),
  /** A button press; `data` is what the button carried (at most 64 bytes on Telegram). */
  z.object({ kind: z.literal("button"), data: platformText(64) }),
  /** Telegram /start (with a deep-link payload), Zalo follow, web chat opened. */
  z.object({ kind: z.literal("start"), payload: platformText(64).optional() }),
  /** The person blocked the bot / unfollowed the OA: nothing can be sent any more. */
  z.object({ kind: z.literal("unreachable"), reason: z.string().max(200) }),
  z.object({ kind: z.literal("reachable") }),
  /** Something the bot cannot read (a sticker, a photo, a location…). */
  z.object({ kind: z.literal("unsupported"), what: z.string().max(50) }),
]);
export type InboundBody = z.infer<typeof inboundBody>;

export type InboundEvent = InboundBody & {
  chat: ChatRef;
  /**
   * What identifies the person's act on its channel while the platform may re-send it: Telegram
   * "<chat>:<message_id>" or "cb:<callback query id>", Zalo msg_id (or event + user + timestamp),
   * the web page's own message id.
   */
  messageId: string;
  at: Date;
  displayName?: string;
  /** The platform's language for the person, if it tells (Telegram language_code). */
  languageHint?: string;
};
