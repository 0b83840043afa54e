// What the hotline console shows: the queue, and one ticket with its whole conversation. Replies
// carry how their delivery ended, so an answer the platform refused is seen as undelivered.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type {
  Channel,
  DeliveryStatus,
  TicketAuthor,
  TicketPriority,
  TicketStatus,
} from "../../generated/prisma/enums.ts";
import { redactString } from "../../lib/redact.ts";
import { ticketAccess, type TicketViewer } from "./access.ts";
import { OPEN_STATUSES } from "./statuses.ts";

export interface QueueFilter {
  status: TicketStatus | "OPEN" | "ALL";
  topic?: string;
  communeId?: string;
  /** Only tickets assigned to the viewer. */
  mine?: boolean;
}

export interface QueueRow {
  number: number;
  topic: string;
  priority: TicketPriority;
  status: TicketStatus;
  personName: string | null;
  channel: Channel | null;
  communeName: string | null;
  assigneeName: string | null;
  dueAt: Date | null;
  createdAt: Date;
}

export interface TicketMessageView {
  id: string;
  author: TicketAuthor;
  staffName: string | null;
  text: string;
  at: Date;
  delivery: { status: DeliveryStatus; reason: string | null } | null;
}

export interface TicketDetail extends QueueRow {
  id: string;
  /** A relative chatting for the person: their own name (the chat's name when not known), to sign their messages. */
  relativeName: string | null;
  identityId: string | null;
  beneficiaryId: string | null;
  communeId: string | null;
  assigneeId: string | null;
  outcome: string | null;
  satisfaction: number | null;
  messages: TicketMessageView[];
  /** What the person and the bot said just before the ticket, for context. */
  recent: { from: "person" | "bot"; text: string; at: Date }[];
}

const PRIORITY_ORDER: TicketPriority[] = ["URGENT", "HIGH", "NORMAL", "LOW"];
const QUEUE_SIZE = 200;

type Reader = Pick<PrismaClient, "hotlineTicket" | "inboundMessage" | "chatLink">;

export async function listTickets(db: Reader, viewer: TicketViewer, filter: QueueFilter): Promise<QueueRow[]> {
  const status =
    filter.status === "ALL" ? {} : { status: filter.status === "OPEN" ? { in: OPEN_STATUSES } : filter.status };
  const rows = await db.hotlineTicket.findMany({
    where: {
      AND: [
        ticketAccess(viewer),
        status,
        filter.topic ? { topic: filter.topic } : {},
        filter.communeId ? { communeId: filter.communeId } : {},
        filter.mine ? { assigneeId: viewer.id } : {},
      ],
    },
    include: {
      beneficiary: { select: { fullName: true, commune: { select: { name: true } } } },
      identity: true,
      assignee: { select: { fullName: true } },
    },
    orderBy: { createdAt: "asc" },
    take: QUEUE_SIZE,
  });
  // Urgent first, then the oldest: the database sorts enums by declaration, not by urgency.
  return rows.map(toRow).sort((a, b) => PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority));
}

export async function loadTicket(db: Reader, viewer: TicketViewer, number: number): Promise<TicketDetail | null> {
  const t = await db.hotlineTicket.findFirst({
    where: { AND: [ticketAccess(viewer), { number }] },
    include: {
      beneficiary: { select: { fullName: true, commune: { select: { name: true } } } },
      identity: true,
      assignee: { select: { fullName: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { staff: { select: { fullName: true } }, outbound: true },
      },
    },
  });
  if (!t) return null;
  const link =
    t.identityId && t.beneficiaryId
      ? await db.chatLink.findUnique({
          where: { identityId_beneficiaryId: { identityId: t.identityId, beneficiaryId: t.beneficiaryId } },
          select: { role: true, identity: { select: { displayName: true, relative: { select: { fullName: true } } } } },
        })
      : null;
  const inbound = t.identityId
    ? await db.inboundMessage.findMany({
        where: { identityId: t.identityId, receivedAt: { lte: t.createdAt }, text: { not: null } },
        orderBy: { receivedAt: "desc" },
        take: 8,
      })
    : [];
  return {
    ...toRow(t),
    id: t.id,
    relativeName:
      link && link.role !== "SELF" ? (link.identity.relative?.fullName ?? link.identity.displayName ?? "") : null,
    identityId: t.identityId,
    beneficiaryId: t.beneficiaryId,
    communeId: t.communeId,
    assigneeId: t.assigneeId,
    outcome: t.outcome,
    satisfaction: t.satisfaction,
    messages: t.messages.map((m) => ({
      id: m.id,
      author: m.author,
      staffName: m.staff?.fullName ?? null,
      // Rows written before ticket texts were masked on the way in are masked on the way out.
      text: redactString(m.text),
      at: m.createdAt,
      delivery: m.outbound ? { status: m.outbound.status, reason: m.outbound.failureReason } : null,
    })),
    recent: inbound
      .reverse()
      .map((m) => ({ from: "person" as const, text: redactString(m.text ?? ""), at: m.receivedAt })),
  };
}

type Row = {
  number: number;
  topic: string;
  priority: TicketPriority;
  status: TicketStatus;
  createdAt: Date;
  firstRespondedAt: Date | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  beneficiary: { fullName: string; commune: { name: string } } | null;
  identity: { channel: Channel; displayName: string | null } | null;
  assignee: { fullName: string } | null;
};

function toRow(t: Row): QueueRow {
  return {
    number: t.number,
    topic: t.topic,
    priority: t.priority,
    status: t.status,
    personName: t.beneficiary?.fullName ?? t.identity?.displayName ?? null,
    channel: t.identity?.channel ?? null,
    communeName: t.beneficiary?.commune.name ?? null,
    assigneeName: t.assignee?.fullName ?? null,
    dueAt: t.firstRespondedAt ? t.nextResponseDueAt : t.firstResponseDueAt,
    createdAt: t.createdAt,
  };
}
