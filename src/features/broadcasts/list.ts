// The broadcasts an officer may see (their area covers every commune targeted), newest first, and
// one broadcast in full. A broadcast outside the area is reported as unknown.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BroadcastStatus, StaffRole } from "../../generated/prisma/enums.ts";
import { canSeeBroadcast, targetCommunes } from "./access.ts";
import { audienceSchema, type Audience } from "./audience.ts";
import { templateSchema, type Template } from "./template.ts";

export interface Viewer {
  id: string;
  role: StaffRole;
  communeIds: string[] | null;
}

export interface BroadcastRow {
  id: string;
  title: string;
  status: BroadcastStatus;
  recipients: number;
  scheduledAt: Date | null;
  createdAt: Date;
  createdBy: string;
  campaign: boolean;
}

export interface BroadcastDetail extends BroadcastRow {
  template: Template;
  audience: Audience;
  createdById: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  cancelledAt: Date | null;
  finishedAt: Date | null;
  communes: { id: string; name: string }[];
}

// Enough for the page; older ones stay in the database and the audit log.
const LIST_LIMIT = 200;

export async function listBroadcasts(db: PrismaClient, viewer: Viewer): Promise<BroadcastRow[]> {
  const rows = await db.broadcast.findMany({
    orderBy: { createdAt: "desc" },
    take: viewer.communeIds === null ? LIST_LIMIT : LIST_LIMIT * 5,
    select: {
      id: true,
      title: true,
      status: true,
      recipients: true,
      scheduledAt: true,
      createdAt: true,
      audience: true,
      campaignId: true,
      createdBy: { select: { fullName: true } },
    },
  });
  return rows
    .filter((r) => canSeeBroadcast(viewer, r.audience))
    .slice(0, LIST_LIMIT)
    .map(rowOf);
}

type RowSource = Pick<BroadcastRow, "id" | "title" | "status" | "recipients" | "scheduledAt" | "createdAt"> & {
  campaignId: string | null;
  createdBy: { fullName: string };
};

function rowOf(r: RowSource): BroadcastRow {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    recipients: r.recipients,
    scheduledAt: r.scheduledAt,
    createdAt: r.createdAt,
    createdBy: r.createdBy.fullName,
    campaign: r.campaignId !== null,
  };
}

export async function loadBroadcast(db: PrismaClient, viewer: Viewer, id: string): Promise<BroadcastDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await db.broadcast.findUnique({
    where: { id },
    include: { createdBy: { select: { fullName: true } }, approvedBy: { select: { fullName: true } } },
  });
  if (!r || !canSeeBroadcast(viewer, r.audience)) return null;
  const communes = await db.commune.findMany({
    where: { id: { in: targetCommunes(r.audience) } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
    ...rowOf(r),
    createdById: r.createdById,
    template: templateSchema.parse(r.template),
    audience: audienceSchema.parse(r.audience),
    approvedBy: r.approvedBy?.fullName ?? null,
    approvedAt: r.approvedAt,
    cancelledAt: r.cancelledAt,
    finishedAt: r.finishedAt,
    communes,
  };
}
