// Creating a broadcast: the audience is checked against the creator's area (a commune outside it
// is refused, whatever the page showed), counted, and the broadcast is SCHEDULED for its time, or
// AWAITING_APPROVAL when it reaches more people than the approval threshold. The broadcasts job
// (send.ts) turns it into messages when its time comes. A campaign fire creates one broadcast at
// most: (campaignId, fireKey) is unique and a repeated fire gets the first one back.
import { AppError } from "../../core/errors.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { BroadcastStatus } from "../../generated/prisma/enums.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { audienceMemberIds, audienceSchema, type Audience } from "./audience.ts";
import { staffArea, coversAll } from "./access.ts";
import { templateSchema, type Template } from "./template.ts";

/** BROADCAST_APPROVAL_THRESHOLD's default, for callers without the configuration at hand. */
export const DEFAULT_APPROVAL_THRESHOLD = 200;

export interface CreateBroadcastInput {
  title: string;
  template: Template;
  audience: Audience;
  createdById: string;
  /** null: send now. */
  scheduledAt: Date | null;
  campaignId?: string;
  fireKey?: string;
  /** Narrows the audience to these people (a campaign's date rule). */
  onlyBeneficiaryIds?: string[];
  /** Approved as a whole already (a campaign): no second officer needed. */
  approved?: boolean;
  /** More recipients than this need a second officer's approval (BROADCAST_APPROVAL_THRESHOLD). */
  approvalThreshold?: number;
  now?: Date;
  ip?: string | null;
}

export interface CreatedBroadcast {
  id: string;
  status: BroadcastStatus;
  recipients: number;
}

export async function createBroadcast(db: PrismaClient, input: CreateBroadcastInput): Promise<CreatedBroadcast> {
  const now = input.now ?? new Date();
  const title = input.title.trim();
  if (title.length < 1 || title.length > 200)
    throw new AppError("bad_request", "A broadcast needs a title of 1-200 characters");
  const template = templateSchema.safeParse(input.template);
  if (!template.success) throw new AppError("bad_request", "Invalid broadcast text", template.error.issues);
  const audience = audienceSchema.safeParse(input.audience);
  if (!audience.success) throw new AppError("bad_request", "Invalid audience", audience.error.issues);

  if (input.campaignId && input.fireKey) {
    const existing = await findFire(db, input.campaignId, input.fireKey);
    if (existing) return existing;
  }
  const creator = await staffArea(db, input.createdById);
  if (!creator || !creator.officer) throw new AppError("forbidden", "Only officers send broadcasts");
  if (!coversAll(creator.communeIds, audience.data.communeIds))
    throw new AppError("forbidden", "A commune is outside the officer's area");

  const recipients = (
    await audienceMemberIds(db, audience.data, {
      today: todayInVietnam(now),
      ...(input.onlyBeneficiaryIds ? { onlyIds: input.onlyBeneficiaryIds } : {}),
    })
  ).length;
  const needsApproval = !input.approved && recipients > (input.approvalThreshold ?? DEFAULT_APPROVAL_THRESHOLD);
  const status: BroadcastStatus = needsApproval ? "AWAITING_APPROVAL" : "SCHEDULED";
  let created: { id: string; status: BroadcastStatus; recipients: number };
  try {
    created = await db.broadcast.create({
      data: {
        title,
        template: toJsonValue(template.data),
        audience: toJsonValue(audience.data),
        status,
        scheduledAt: input.scheduledAt ?? now,
        createdById: input.createdById,
        recipients,
        createdAt: now,
        campaignId: input.campaignId ?? null,
        fireKey: input.fireKey ?? null,
        onlyBeneficiaryIds: input.onlyBeneficiaryIds
          ? toJsonValue([...new Set(input.onlyBeneficiaryIds)])
          : Prisma.DbNull,
        ...(input.approved ? { approvedAt: now } : {}),
      },
      select: { id: true, status: true, recipients: true },
    });
  } catch (err) {
    // Two fires of one campaign at once: the second one gets the first one's broadcast.
    if (
      input.campaignId &&
      input.fireKey &&
      err instanceof Prisma.PrismaClientKnownRequestError &&
      err.code === "P2002"
    ) {
      const existing = await findFire(db, input.campaignId, input.fireKey);
      if (existing) return existing;
    }
    throw err;
  }
  await recordAudit(db, {
    staffId: input.createdById,
    actor: creator.username,
    action: "broadcast.create",
    entity: "Broadcast",
    entityId: created.id,
    detail: {
      title,
      recipients,
      status,
      scheduledAt: (input.scheduledAt ?? now).toISOString(),
      communes: audience.data.communeIds.length,
      ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    },
    ip: input.ip ?? null,
  });
  return created;
}

async function findFire(db: PrismaClient, campaignId: string, fireKey: string): Promise<CreatedBroadcast | null> {
  return db.broadcast.findUnique({
    where: { campaignId_fireKey: { campaignId, fireKey } },
    select: { id: true, status: true, recipients: true },
  });
}
