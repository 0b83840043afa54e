// What a page shows when it opens, and what it is missing after a gap: the chat's recent messages
// from the database, so a reload (or a reply sent by another instance) shows the conversation.
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { redactString } from "../../lib/redact.ts";
import { botItem, type ChatItem } from "./chatItem.ts";

export interface History {
  items: ChatItem[];
  /** The chat's language, null for a chat that has never written. */
  locale: string | null;
}

const SENT_ROW = { id: true, reply: true, platformMessageId: true, sentAt: true, createdAt: true, kind: true } as const;

/** The last `limit` messages both ways, oldest first. */
export async function loadHistory(prisma: PrismaClient, i18n: I18n, chatId: string, limit = 50): Promise<History> {
  const identity = await findIdentity(prisma, chatId);
  if (!identity) return { items: [], locale: null };
  const [inbound, outbound] = await Promise.all([
    prisma.inboundMessage.findMany({
      where: { identityId: identity.id, kind: { in: ["text", "button"] } },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, kind: true, text: true, receivedAt: true },
    }),
    prisma.outboundMessage.findMany({
      where: { identityId: identity.id, channel: "WEB", status: "SENT" },
      orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
      take: limit,
      select: SENT_ROW,
    }),
  ]);
  // Read newest first (to take the last ones), shown oldest first; rows of one batch may share a
  // millisecond, so their query order is kept by the stable sort below.
  const bot = outbound.reverse().flatMap((row) => botItem(i18n, identity.locale, row) ?? []);
  const mine = inbound.reverse().map((m) => ({ ...m, at: m.receivedAt.toISOString() }));
  // The person's message first when both carry the same millisecond.
  const merged: (ChatItem | (typeof mine)[number])[] = [...mine, ...bot].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );

  const items: ChatItem[] = [];
  for (const entry of merged) {
    if ("from" in entry) {
      items.push(entry);
      continue;
    }
    // A button press is stored as its data; the page shows the label the person tapped, found on
    // the bot message that offered it. Nothing is shown when that message is no longer at hand.
    // An ID or phone number typed during the identity check is masked when shown again: a phone
    // is often shared, and whoever opens the chat later need not see it in full.
    const text = entry.kind === "text" ? entry.text && redactString(entry.text) : buttonLabel(items, entry.text);
    if (text) items.push({ id: `in:${entry.id}`, from: "me", text, buttons: [], at: entry.at });
  }
  return { items: items.slice(-limit), locale: identity.locale };
}

/** Bot messages sent to this chat after `since`, oldest first: what the live stream polls for. */
export async function sentSince(
  prisma: PrismaClient,
  i18n: I18n,
  chatId: string,
  since: Date,
  limit = 100,
): Promise<ChatItem[]> {
  const identity = await findIdentity(prisma, chatId);
  if (!identity) return [];
  const rows = await prisma.outboundMessage.findMany({
    where: { identityId: identity.id, channel: "WEB", status: "SENT", sentAt: { gt: since } },
    orderBy: [{ sentAt: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: SENT_ROW,
  });
  return rows.flatMap((row) => botItem(i18n, identity.locale, row) ?? []);
}

export function findIdentity(prisma: PrismaClient, chatId: string) {
  return prisma.chatIdentity.findUnique({
    where: { channel_platformUserId: { channel: "WEB", platformUserId: chatId } },
    select: { id: true, locale: true },
  });
}

function buttonLabel(before: ChatItem[], data: string | null): string | null {
  if (!data) return null;
  for (let i = before.length - 1; i >= 0; i--) {
    const item = before[i];
    if (item?.from !== "bot") continue;
    const found = item.buttons.flat().find((b) => b.data === data);
    if (found) return found.label;
  }
  return null;
}
