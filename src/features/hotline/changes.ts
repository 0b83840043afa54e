// A short fingerprint of what a console page shows, for the live view: pages poll it through the
// database (every instance sees every change) and refresh only when it differs.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ticketAccess, type TicketViewer } from "./access.ts";

type Reader = Pick<PrismaClient, "hotlineTicket" | "outboundMessage" | "ticketMessage" | "hotlineAlert">;

/** One ticket: its last change, its messages, and how each reply's delivery stands. */
export async function ticketFingerprint(db: Reader, viewer: TicketViewer, number: number): Promise<string | null> {
  const t = await db.hotlineTicket.findFirst({
    where: { AND: [ticketAccess(viewer), { number }] },
    select: { id: true, updatedAt: true },
  });
  if (!t) return null;
  const [messages, deliveries] = await Promise.all([
    db.ticketMessage.count({ where: { ticketId: t.id } }),
    db.outboundMessage.findMany({
      where: { ticketMessage: { ticketId: t.id } },
      select: { status: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return `${t.updatedAt.getTime()}:${messages}:${deliveries.map((d) => d.status).join(",")}`;
}

/** The queue the viewer can see: the newest change among its tickets, how many, and new alerts. */
export async function queueFingerprint(db: Reader, viewer: TicketViewer): Promise<string> {
  const [agg, alerts] = await Promise.all([
    db.hotlineTicket.aggregate({ where: ticketAccess(viewer), _max: { updatedAt: true }, _count: { _all: true } }),
    db.hotlineAlert.count({ where: { staffId: viewer.id, seenAt: null } }),
  ]);
  return `${agg._max.updatedAt?.getTime() ?? 0}:${agg._count._all}:${alerts}`;
}
