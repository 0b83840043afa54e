// The campaigns job: every minute, each active (and, where needed, approved) campaign whose send
// time today has come and that has not fired today fires: its date rule picks today's people and
// one broadcast goes to those of them its audience rules keep, approved with the campaign. The
// broadcasts job then sends it. Each fire runs once, however many instances run and however
// often the job fires: the broadcast is unique per (campaign, Vietnam day) and a CampaignFire row
// records the day, also when nobody was picked. A day missed while the service was down is fired
// as soon as it runs again that day; a day that is over is not caught up.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import type { Logger } from "../../lib/logger.ts";
import { audienceMemberIds } from "./audience.ts";
import { parseStoredCampaign, type StoredCampaign } from "./campaignModel.ts";
import { pickedOn } from "./campaignPeople.ts";
import { dueFireDay } from "./campaignTrigger.ts";
import { createBroadcast } from "./lifecycle.ts";

export interface CampaignFireDeps {
  prisma: PrismaClient;
  log?: Logger;
}

export interface CampaignFireSummary {
  fired: number;
  broadcasts: number;
  /** Campaigns that could not fire (e.g. their officer left the area), for the job's log line. */
  failed: { campaignId: string; error: string }[];
}

export async function fireCampaigns(deps: CampaignFireDeps, now: Date): Promise<CampaignFireSummary> {
  const summary: CampaignFireSummary = { fired: 0, broadcasts: 0, failed: [] };
  const rows = await deps.prisma.campaign.findMany({
    where: {
      active: true,
      activatedAt: { lte: now },
      OR: [{ approvalRequired: false }, { approvedAt: { not: null } }],
      fires: { none: { fireKey: todayInVietnam(now) } },
    },
    orderBy: { createdAt: "asc" },
  });
  for (const row of rows) {
    const campaign = parseStoredCampaign(row);
    if (!campaign?.activatedAt) continue;
    const day = dueFireDay({ ...campaign, activatedAt: campaign.activatedAt }, now);
    if (!day) continue;
    try {
      const outcome = await fireOnce(deps.prisma, campaign, day, now);
      if (outcome) {
        summary.fired += 1;
        if (outcome.broadcastId) summary.broadcasts += 1;
      }
    } catch (err) {
      // One campaign that cannot fire (its officer left the area) does not hold up the others.
      summary.failed.push({ campaignId: campaign.id, error: err instanceof Error ? err.message : String(err) });
      deps.log?.warn({ err, campaignId: campaign.id, day }, "campaign fire failed");
    }
  }
  return summary;
}

/** Fires one campaign for one day unless that day already fired; null when it had. */
export async function fireOnce(
  db: PrismaClient,
  c: StoredCampaign,
  day: string,
  now: Date,
): Promise<{ broadcastId: string | null; recipients: number } | null> {
  const done = await db.campaignFire.findUnique({ where: { campaignId_fireKey: { campaignId: c.id, fireKey: day } } });
  if (done) return null;
  const picked = await pickedOn(db, c.trigger, c.audience.communeIds, day);
  const onlyIds = picked === "everyone" ? undefined : picked;
  const members =
    onlyIds?.length === 0
      ? []
      : await audienceMemberIds(db, c.audience, { today: day, ...(onlyIds ? { onlyIds } : {}) });
  let broadcast: { id: string; recipients: number } | null = null;
  if (members.length > 0) {
    // createBroadcast gives back the day's broadcast when an earlier attempt made it already.
    broadcast = await createBroadcast(db, {
      title: `${c.name} · ${day.split("-").reverse().join("/")}`,
      template: c.template,
      audience: c.audience,
      createdById: c.activatedById ?? c.createdById,
      scheduledAt: null,
      campaignId: c.id,
      fireKey: day,
      ...(onlyIds ? { onlyBeneficiaryIds: onlyIds } : {}),
      approved: true,
      now,
    });
  }
  const recorded = await db.campaignFire.createMany({
    data: [
      {
        campaignId: c.id,
        fireKey: day,
        picked: picked === "everyone" ? members.length : picked.length,
        recipients: broadcast?.recipients ?? 0,
        firedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  if (recorded.count === 0) return null;
  return { broadcastId: broadcast?.id ?? null, recipients: broadcast?.recipients ?? 0 };
}

/** Every minute, so a campaign fires at its minute; each run catches up on what is due today. */
export function campaignsJob(deps: CampaignFireDeps): Job {
  return { name: "campaigns", schedule: "* * * * *", run: (now) => fireCampaigns(deps, now) };
}
