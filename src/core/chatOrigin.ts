// Who is behind a chat, for counting failed identity checks. On Telegram and Zalo a chat is a
// platform account, which costs a phone number to make, so the chat is its own origin. A web chat
// costs nothing to open, so its origin is the client its id was given to: the web chat makes ids
// "<random>.<client>.<tag>" (channels/web/chatCookie.ts), where <client> is a keyed hash of the
// client's address. Older web ids (22 random characters) count as their own origin.
import type { ChannelName } from "./events.ts";

/** A web chat id as the service gives them out: random part, client part, HMAC tag. */
export const WEB_CHAT_ID = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{32})$/;

export function chatOrigin(chat: { channel: ChannelName; platformUserId: string; identityId: string }): string {
  const client = chat.channel === "WEB" ? WEB_CHAT_ID.exec(chat.platformUserId)?.[2] : undefined;
  return client ? `web:${client}` : `chat:${chat.identityId}`;
}
