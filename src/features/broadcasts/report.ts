// What a broadcast did, from its report lines (one per person): sent, failed (by reason),
// unreachable, opted out, cancelled, and still on the way. The figures add up to the people in it.
// Before its time, a broadcast has no lines yet: the people counted at creation are all "waiting".
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BroadcastStatus } from "../../generated/prisma/enums.ts";
import { CANCELLED } from "./decisions.ts";

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface BroadcastProgress {
  status: BroadcastStatus;
  total: number;
  sent: number;
  failed: number;
  unreachable: number;
  optedOut: number;
  cancelled: number;
  /** Not final yet: waiting for its time, queued, or on the wire. */
  pending: number;
  /** Final lines out of all, 0-100. */
  percent: number;
  failedBy: ReasonCount[];
  unreachableBy: ReasonCount[];
}

const OPTED_OUT_REASONS = new Set(["opted_out", "consent_withdrawn"]);

/** The kind of end a line came to, as the report groups it. */
export function outcomeOf(
  status: string,
  reason: string | null,
): "sent" | "failed" | "unreachable" | "optedOut" | "cancelled" | "pending" {
  if (status === "SENT") return "sent";
  if (status === "FAILED") return "failed";
  if (status !== "SKIPPED") return "pending";
  if (reason === CANCELLED) return "cancelled";
  if (reason && OPTED_OUT_REASONS.has(reason)) return "optedOut";
  return "unreachable";
}

export async function broadcastProgress(db: PrismaClient, id: string): Promise<BroadcastProgress | null> {
  const b = await db.broadcast.findUnique({ where: { id }, select: { status: true, recipients: true } });
  if (!b) return null;
  const groups = await db.broadcastDelivery.groupBy({
    by: ["status", "reason"],
    where: { broadcastId: id },
    _count: { _all: true },
  });
  const p: BroadcastProgress = {
    status: b.status,
    total: 0,
    sent: 0,
    failed: 0,
    unreachable: 0,
    optedOut: 0,
    cancelled: 0,
    pending: 0,
    percent: 0,
    failedBy: [],
    unreachableBy: [],
  };
  for (const g of groups) {
    const n = g._count._all;
    const kind = outcomeOf(g.status, g.reason);
    p.total += n;
    p[kind] += n;
    if (kind === "failed") add(p.failedBy, g.reason ?? "unknown", n);
    if (kind === "unreachable") add(p.unreachableBy, g.reason ?? "unreachable", n);
  }
  // Not started: the lines are written when its time comes; until then the creation count stands.
  if (groups.length === 0 && b.status !== "DONE") {
    p.total = b.recipients;
    if (b.status === "CANCELLED") p.cancelled = b.recipients;
    else p.pending = b.recipients;
  }
  p.percent =
    p.total === 0
      ? b.status === "DONE" || b.status === "CANCELLED"
        ? 100
        : 0
      : Math.floor(((p.total - p.pending) * 100) / p.total);
  p.failedBy.sort((x, y) => y.count - x.count);
  p.unreachableBy.sort((x, y) => y.count - x.count);
  return p;
}

function add(list: ReasonCount[], reason: string, count: number): void {
  const found = list.find((r) => r.reason === reason);
  if (found) found.count += count;
  else list.push({ reason, count });
}
