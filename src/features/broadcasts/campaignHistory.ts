// A campaign's past fires as its page lists them: the days it reached someone, each with the
// broadcast it made, and the latest check even when it picked nobody.
import type { PrismaClient } from "../../generated/prisma/client.ts";

export interface PastFire {
  fireKey: string;
  firedAt: Date;
  picked: number;
  recipients: number;
  broadcastId: string | null;
}

export interface CampaignHistory {
  /** Newest first; days on which the rule picked nobody are not listed one by one. */
  fires: PastFire[];
  /** The latest check, whatever it reached. */
  lastCheck: { fireKey: string; recipients: number } | null;
}

export async function campaignHistory(
  db: Pick<PrismaClient, "campaignFire" | "broadcast">,
  campaignId: string,
  take: number,
): Promise<CampaignHistory> {
  const [fires, lastCheck] = await Promise.all([
    db.campaignFire.findMany({
      where: { campaignId, recipients: { gt: 0 } },
      orderBy: { fireKey: "desc" },
      take,
    }),
    db.campaignFire.findFirst({ where: { campaignId }, orderBy: { fireKey: "desc" } }),
  ]);
  const broadcasts = await db.broadcast.findMany({
    where: { campaignId, fireKey: { in: fires.map((f) => f.fireKey) } },
    select: { id: true, fireKey: true },
  });
  return {
    fires: fires.map((f) => ({
      fireKey: f.fireKey,
      firedAt: f.firedAt,
      picked: f.picked,
      recipients: f.recipients,
      broadcastId: broadcasts.find((b) => b.fireKey === f.fireKey)?.id ?? null,
    })),
    lastCheck: lastCheck ? { fireKey: lastCheck.fireKey, recipients: lastCheck.recipients } : null,
  };
}

/** Whether the campaign already fired on this Vietnam day (a day fires once). */
export async function firedOn(
  db: Pick<PrismaClient, "campaignFire">,
  campaignId: string,
  day: string,
): Promise<boolean> {
  return (await db.campaignFire.count({ where: { campaignId, fireKey: day } })) > 0;
}
