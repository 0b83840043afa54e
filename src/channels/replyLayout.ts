// How many messages one answer becomes, per channel. Zalo counts every message against the 8 free
// replies it allows within 48 h of the person's message (OA help centre, article 64000261136), and
// an old person reads one message more easily than five: there, the replies of one turn are joined
// into one (its paragraphs in order, every choice numbered in one list). Elsewhere each reply stays
// its own message, as the flows wrote it. An SMS conversation is paid per part, so it is laid out
// the same way (and fitted into three parts by channels/sms/smsText.ts).
import type { ChannelName } from "../core/events.ts";
import type { Reply } from "../core/reply.ts";

const ONE_MESSAGE_PER_TURN: ReadonlySet<ChannelName> = new Set(["ZALO", "SMS"]);

export function layoutReplies(channel: ChannelName, replies: Reply[]): Reply[] {
  if (!ONE_MESSAGE_PER_TURN.has(channel) || replies.length <= 1) return replies;
  const buttons = replies.flatMap((r) => r.buttons ?? []);
  return [{ text: replies.flatMap((r) => r.text), ...(buttons.length > 0 ? { buttons } : {}) }];
}
