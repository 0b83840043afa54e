// The dashboard's counted figures, kept per period and commune (DashboardFigure): a recount
// replaces one period's rows for every commune at once, so a page never mixes two counts of the
// same month. Reading is cheap whatever the size of the province.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { communeFigures, type CommuneFigures, type FigureCounts, type StandingFigures } from "./communeFigures.ts";

export interface StoredCounts extends FigureCounts {
  periodId: string;
  communeId: string;
  computedAt: Date;
}

type Db = Pick<PrismaClient, "$queryRaw" | "$transaction" | "dashboardFigure">;

/**
 * Counts the period afresh for the communes (every commune when null) and stores the counts;
 * returns the communes counted. A staff member's "count again" covers only their own area.
 */
export async function recountPeriod(
  db: Db,
  periodId: string,
  now: Date,
  scope: { standing?: StandingFigures; communeIds?: string[] | null } = {},
): Promise<number> {
  const { standing, communeIds = null } = scope;
  const figures = await communeFigures(db, communeIds, { periodId, today: todayInVietnam(now), now }, standing);
  await db.$transaction([
    db.dashboardFigure.deleteMany({
      where: { periodId, ...(communeIds === null ? {} : { communeId: { in: communeIds } }) },
    }),
    db.dashboardFigure.createMany({ data: figures.map((f) => stored(periodId, f, now)) }),
  ]);
  return figures.length;
}

export async function readStored(
  db: Pick<PrismaClient, "dashboardFigure">,
  periodIds: string[],
  communeIds: string[] | null,
): Promise<StoredCounts[]> {
  if (periodIds.length === 0 || communeIds?.length === 0) return [];
  const rows = await db.dashboardFigure.findMany({
    where: { periodId: { in: periodIds }, ...(communeIds === null ? {} : { communeId: { in: communeIds } }) },
  });
  return rows.map((r) => ({ ...r, uncollectedAmount: Number(r.uncollectedAmount) }));
}

function stored(periodId: string, f: CommuneFigures, computedAt: Date) {
  const { communeCode: _code, communeName: _name, uncollectedAmount, ...counts } = f;
  return { ...counts, periodId, computedAt, uncollectedAmount: BigInt(uncollectedAmount) };
}
