// The dashboard's counted figures, kept per period and commune (DashboardFigure): a recount
// replaces one period's rows for every commune at once, so a page never mixes two counts of the
// same month. Reading is cheap whatever the size of the province.
import { bulkWrite, type Columns } from "../../db/bulkWrite.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import {
  communeFigures,
  FIGURE_KEYS,
  type CommuneFigures,
  type FigureCounts,
  type StandingFigures,
} from "./communeFigures.ts";

export interface StoredCounts extends FigureCounts {
  periodId: string;
  communeId: string;
  computedAt: Date;
}

type Db = Pick<PrismaClient, "$queryRaw" | "$transaction" | "dashboardFigure">;

// Every count is stored: a count added to FigureCounts but not to FIGURE_KEYS fails to compile here.
const _everyCountStored: [Exclude<keyof FigureCounts, (typeof FIGURE_KEYS)[number]>] extends [never] ? true : never =
  true;

// Every count is an integer column; the uncollected amount a bigint (a country's month of VND).
const COLUMNS = {
  periodId: "text",
  communeId: "text",
  computedAt: "timestamp(3)",
  ...(Object.fromEntries(FIGURE_KEYS.map((k) => [k, k === "uncollectedAmount" ? "bigint" : "integer"])) as Record<
    keyof FigureCounts,
    "integer" | "bigint"
  >),
} satisfies Columns;

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
  // Written as one JSON document, not with createMany: building a createMany of a country's 3,321
  // communes took the client about 140 MB of memory, for a write the database does in milliseconds.
  await db.$transaction(async (tx) => {
    await tx.dashboardFigure.deleteMany({
      where: { periodId, ...(communeIds === null ? {} : { communeId: { in: communeIds } }) },
    });
    await bulkWrite.insert(
      tx,
      "DashboardFigure",
      COLUMNS,
      figures.map((f) => stored(periodId, f, now)),
    );
  });
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

function stored(periodId: string, f: CommuneFigures, computedAt: Date): Record<keyof typeof COLUMNS, string | number> {
  const { communeCode: _code, communeName: _name, ...counts } = f;
  // Instants as ISO strings in UTC: timestamp columns hold UTC.
  return { ...counts, periodId, computedAt: computedAt.toISOString() };
}
