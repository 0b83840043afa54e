// What the delivery engine sends through: a chat channel (Telegram, Zalo, web chat) or a phone
// service (ZNS, SMS), each with its own pace.
import type { SendResult } from "../channels/channel.ts";
import type { ChannelAdapter, SendContext } from "../channels/channel.ts";
import type { I18n } from "../core/i18n.ts";
import type { Reply } from "../core/reply.ts";
import { renderReply } from "../core/renderReply.ts";
import { isChannelName } from "../core/events.ts";
import type { Claimed } from "./claim.ts";

export interface Sender {
  /** The channel value of the rows it sends. */
  channel: string;
  /** Messages per second for the whole bot/OA/account, shared by all instances; null: no limit. */
  ratePerSecond: number | null;
  /** For chats: sustained messages per second to one chat (short bursts of a few are fine). */
  perChatPerSecond?: number;
  /** Phone senders deliver to `row.phone`; chat senders to the row's chat. */
  kind: "chat" | "phone";
  send(row: Claimed, reply: Reply): Promise<SendResult>;
}

export function chatSender(
  adapter: ChannelAdapter,
  i18n: I18n,
  pace: { ratePerSecond: number | null; perChatPerSecond?: number },
): Sender {
  return {
    channel: adapter.name,
    kind: "chat",
    ...pace,
    async send(row, reply) {
      if (!row.platformUserId || !isChannelName(row.channel))
        return { ok: false, permanent: true, reason: "no_recipient" };
      const locale = row.locale ?? "vi";
      const rendered = renderReply(i18n.t(locale), locale, reply);
      // Notices and broadcasts arrive between the person's messages; they must not take the place
      // of the buttons of a question the person is answering.
      const standalone = row.kind === "NOTIFICATION" || row.kind === "BROADCAST";
      return adapter.send(
        { channel: row.channel, platformUserId: row.platformUserId },
        standalone ? { ...rendered, standalone } : rendered,
        { kind: sendKind(row.kind), reply, locale },
      );
    },
  };
}

function sendKind(kind: string): SendContext["kind"] {
  return kind === "NOTIFICATION" || kind === "BROADCAST" || kind === "HOTLINE" ? kind : "REPLY";
}
