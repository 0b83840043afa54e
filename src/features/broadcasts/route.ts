// Where one person's broadcast goes, by the payout notices' rules (noticeRecipients.ts): their own
// chat, else the chat of a relative who represents them, else a phone (the authorised relative's,
// else their own). A broadcast is one message per person, so of several usable chats the first in
// a fixed order is taken: the person's own chats before a relative's, then Telegram, Zalo, web.
// Chats that turned notices off are passed over; when every usable chat did, the person opted out.
import type { ChannelName } from "../../core/events.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import {
  noticeRecipients,
  type AuthorisationFacts,
  type LinkedChat,
  type PhoneChannel,
} from "../notifications/noticeRecipients.ts";
import { RECIPIENT_FACTS_SELECT, recipientFacts } from "../notifications/recipientFacts.ts";
import { OPTED_OUT } from "../notifications/setNotifications.ts";

export type Route =
  | { kind: "chat"; identityId: string; channel: ChannelName; locale: string }
  | { kind: "phone"; phone: string; channel: PhoneChannel }
  | { kind: "opted_out" }
  | { kind: "unreachable" };

export interface RouteFacts {
  beneficiaryId: string;
  phone: string | null;
  chats: (LinkedChat & { locale: string })[];
  authorisations: AuthorisationFacts[];
}

type Db = PrismaClient | Prisma.TransactionClient;

// A feature phone last: an SMS costs money and holds little, a chat shows everything.
const CHANNEL_ORDER = ["TELEGRAM", "ZALO", "WEB", "SMS"];

/** The facts routing needs, for many people in one query. */
export async function loadRouteFacts(db: Db, beneficiaryIds: string[]): Promise<Map<string, RouteFacts>> {
  const rows = await db.beneficiary.findMany({
    where: { id: { in: beneficiaryIds } },
    select: { id: true, phone: true, ...RECIPIENT_FACTS_SELECT },
  });
  return new Map(
    rows.map((b) => {
      const { chats, authorisations } = recipientFacts(b);
      return [b.id, { beneficiaryId: b.id, phone: b.phone, chats: chats.sort(chatOrder), authorisations }];
    }),
  );
}

/**
 * The one route of a person's message on `day`. `phoneChannel` is how a phone is reached, or null
 * when no phone channel is configured (the person is then unreachable).
 */
export function routeFor(facts: RouteFacts, day: CalendarDate, phoneChannel: PhoneChannel | null): Route {
  const recipients = noticeRecipients(
    {
      chats: facts.chats,
      authorisations: facts.authorisations,
      beneficiaryPhone: facts.phone,
      day,
      phoneChannel: () => phoneChannel,
    },
    OPTED_OUT,
  );
  const chosen = recipients.find((r) => !("skipped" in r && r.skipped));
  if (!chosen) return recipients.length > 0 ? { kind: "opted_out" } : { kind: "unreachable" };
  if ("phone" in chosen.to) return { kind: "phone", phone: chosen.to.phone, channel: chosen.to.channel };
  const { identityId, channel } = chosen.to;
  const locale = facts.chats.find((c) => c.identityId === identityId)?.locale ?? "vi";
  return { kind: "chat", identityId, channel, locale };
}

function chatOrder(a: LinkedChat, b: LinkedChat): number {
  const role = (c: LinkedChat) => (c.role === "SELF" ? 0 : 1);
  const channel = (c: LinkedChat) => {
    const i = CHANNEL_ORDER.indexOf(c.channel);
    return i < 0 ? CHANNEL_ORDER.length : i;
  };
  return role(a) - role(b) || channel(a) - channel(b) || a.identityId.localeCompare(b.identityId);
}
