// A person's chat data, for their rights as a data subject: a copy of everything the chats hold
// about them (to hand over on request), and its erasure. The person's own chats lose their
// messages, conversation state, name and links and are marked as having withdrawn consent; a
// relative's chat only loses its link to the person (its messages are the relative's own data).
// Hotline tickets keep their number, dates and outcome for the record, without the words.
// Delivery records keep their status (reports reconcile) but no longer say what was sent.
import type { I18n } from "../../core/i18n.ts";
import { renderReply } from "../../core/renderReply.ts";
import { reply as replySchema } from "../../core/reply.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { mask, redactString } from "../../lib/redact.ts";

/** What an erased message is replaced with, in the database and in any copy made later. */
export const ERASED = "[erased]";

export interface ChatDataCopy {
  person: { id: string; fullName: string; personalIdMasked: string };
  madeAt: string;
  chats: {
    channel: string;
    chatIdMasked: string;
    displayName: string | null;
    linkedAs: "SELF" | "REPRESENTATIVE";
    linkedVia: string;
    linkedAt: string;
    consentAt: string | null;
    consentWithdrawnAt: string | null;
    notificationsOff: boolean;
    /** Both directions, oldest first; only for the person's own chats. A pressed button is `button`. */
    messages: { at: string; from: "person" | "service"; text?: string; button?: string; status?: string }[];
  }[];
  tickets: {
    number: number;
    topic: string;
    status: string;
    createdAt: string;
    outcome: string | null;
    messages: { at: string; from: string; text: string }[];
  }[];
}

export interface ErasureCounts {
  ownChats: number;
  relativeLinks: number;
  messages: number;
  ticketMessages: number;
}

type Db = PrismaClient | Prisma.TransactionClient;

async function linksOf(db: Db, beneficiaryId: string) {
  return db.chatLink.findMany({
    where: { beneficiaryId },
    orderBy: { linkedAt: "asc" },
    include: { identity: true },
  });
}

export async function copyChatData(
  db: PrismaClient,
  i18n: I18n,
  beneficiaryId: string,
  now: Date,
): Promise<ChatDataCopy | null> {
  const person = await db.beneficiary.findUnique({
    where: { id: beneficiaryId },
    select: { id: true, fullName: true, personalId: true },
  });
  if (!person) return null;
  const links = await linksOf(db, beneficiaryId);
  const chats: ChatDataCopy["chats"] = [];
  for (const link of links) {
    const identity = link.identity;
    const own = link.role === "SELF";
    const [inbound, outbound] = own
      ? await Promise.all([
          db.inboundMessage.findMany({
            where: { identityId: identity.id },
            orderBy: { receivedAt: "asc" },
            select: { kind: true, text: true, receivedAt: true },
          }),
          db.outboundMessage.findMany({
            where: { identityId: identity.id },
            orderBy: { createdAt: "asc" },
            select: { reply: true, status: true, sentAt: true, createdAt: true },
          }),
        ])
      : [[], []];
    const t = i18n.t(identity.locale);
    const messages: ChatDataCopy["chats"][number]["messages"] = [
      ...inbound
        .filter((m) => m.text !== null)
        .map((m) => ({
          at: m.receivedAt.toISOString(),
          from: "person" as const,
          ...(m.kind === "button" ? { button: m.text ?? "" } : { text: redactString(m.text ?? "") }),
        })),
      ...outbound.map((m) => {
        const parsed = replySchema.safeParse(m.reply);
        return {
          at: (m.sentAt ?? m.createdAt).toISOString(),
          from: "service" as const,
          text: parsed.success ? renderReply(t, identity.locale, parsed.data).text : ERASED,
          status: m.status,
        };
      }),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    chats.push({
      channel: identity.channel,
      chatIdMasked: mask(identity.platformUserId),
      displayName: identity.displayName,
      linkedAs: link.role,
      linkedVia: link.via,
      linkedAt: link.linkedAt.toISOString(),
      consentAt: identity.consentAt?.toISOString() ?? null,
      consentWithdrawnAt: identity.consentWithdrawnAt?.toISOString() ?? null,
      notificationsOff: identity.notificationsOff,
      messages,
    });
  }
  const tickets = await db.hotlineTicket.findMany({
    where: { beneficiaryId },
    orderBy: { createdAt: "asc" },
    include: { messages: { orderBy: { createdAt: "asc" }, select: { author: true, text: true, createdAt: true } } },
  });
  return {
    person: { id: person.id, fullName: person.fullName, personalIdMasked: mask(person.personalId) },
    madeAt: now.toISOString(),
    chats,
    tickets: tickets.map((tk) => ({
      number: tk.number,
      topic: tk.topic,
      status: tk.status,
      createdAt: tk.createdAt.toISOString(),
      outcome: tk.outcome,
      // Internal staff notes are the service's working notes, not data the person gave.
      // Masked like the chat history: the copy is handed over and may be lost or forwarded.
      messages: tk.messages
        .filter((m) => m.author !== "NOTE")
        .map((m) => ({ at: m.createdAt.toISOString(), from: m.author, text: redactString(m.text) })),
    })),
  };
}

/** Erases the person's chat data in one transaction; returns what was erased (null: no such person). */
export async function eraseChatData(db: PrismaClient, beneficiaryId: string, now: Date): Promise<ErasureCounts | null> {
  return db.$transaction(async (tx) => {
    const person = await tx.beneficiary.findUnique({ where: { id: beneficiaryId }, select: { id: true } });
    if (!person) return null;
    const links = await linksOf(tx, beneficiaryId);
    const own = [...new Set(links.filter((l) => l.role === "SELF").map((l) => l.identityId))];
    // A chat that still has the person selected, though no longer linked, counts as theirs too.
    const selected = await tx.chatIdentity.findMany({
      where: { beneficiaryId, id: { notIn: own } },
      select: { id: true },
    });
    const ownIds = [...own, ...selected.map((s) => s.id)];
    const relativeLinks = links.filter((l) => l.role === "REPRESENTATIVE").length;

    const inbound = await tx.inboundMessage.updateMany({
      where: { identityId: { in: ownIds } },
      data: { text: null, payload: { erased: true } },
    });
    // Not yet sent: never sent now. Sent or final: the record stays, the words go.
    await tx.outboundMessage.updateMany({
      where: { identityId: { in: ownIds }, status: { in: ["QUEUED", "SENDING"] } },
      data: { status: "SKIPPED", failureReason: "erased" },
    });
    const outbound = await tx.outboundMessage.updateMany({
      where: { identityId: { in: ownIds } },
      data: { reply: { erased: true } },
    });
    await tx.conversation.deleteMany({ where: { identityId: { in: ownIds } } });
    await tx.chatLink.deleteMany({ where: { OR: [{ identityId: { in: ownIds } }, { beneficiaryId }] } });
    await tx.chatIdentity.updateMany({
      where: { id: { in: ownIds } },
      data: {
        displayName: null,
        beneficiaryId: null,
        relativeId: null,
        linkedAt: null,
        consentWithdrawnAt: now,
        notificationsOff: true,
      },
    });
    await tx.chatIdentity.updateMany({ where: { beneficiaryId }, data: { beneficiaryId: null } });
    const ticketMessages = await tx.ticketMessage.updateMany({
      where: { ticket: { OR: [{ beneficiaryId }, { identityId: { in: ownIds } }] } },
      data: { text: ERASED },
    });
    return {
      ownChats: ownIds.length,
      relativeLinks,
      messages: inbound.count + outbound.count,
      ticketMessages: ticketMessages.count,
    };
  });
}
