// Everything the results dashboard shows for an area and a month: the figures per commune with
// the area's totals, and the trend over the last twelve periods, read from the stored counts.
// The trend leaves out a month not yet counted for every commune of the area.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { figureTotals, type CommuneFigures, type FigureCounts } from "./communeFigures.ts";
import { choosePeriod, listPeriods, trendPeriods, type DashboardPeriod } from "./periods.ts";
import { readStored, recountPeriod, type StoredCounts } from "./storedFigures.ts";
import { areaTrend, type TrendPoint } from "./trend.ts";

export interface Dashboard {
  periods: DashboardPeriod[];
  period: DashboardPeriod | null;
  communes: CommuneFigures[];
  totals: FigureCounts;
  trend: TrendPoint[];
  /** When the shown month was counted (the oldest count among the area's communes). */
  countedAt: Date | null;
}

type Db = Pick<PrismaClient, "$queryRaw" | "$transaction" | "dashboardFigure" | "payoutPeriod" | "commune">;

export async function loadDashboard(
  db: Db,
  communeIds: string[] | null,
  at: { month?: string; today: CalendarDate; now: Date },
): Promise<Dashboard> {
  const [periods, communes] = await Promise.all([
    listPeriods(db),
    db.commune.findMany({
      where: communeIds === null ? {} : { id: { in: communeIds } },
      select: { id: true, code: true, name: true },
      orderBy: [{ name: "asc" }, { code: "asc" }],
    }),
  ]);
  const period = choosePeriod(periods, at.month, at.today) ?? null;
  const months = period ? trendPeriods(periods, period) : [];
  let rows = await readStored(
    db,
    months.map((p) => p.id),
    communeIds,
  );
  const complete = (p: DashboardPeriod) => rows.filter((r) => r.periodId === p.id).length >= communes.length;
  // The shown month is counted now if it must be; other months of the trend are left to the
  // recount job (counting twelve months of a province would keep the page waiting too long).
  if (period && !complete(period)) {
    await recountPeriod(db, period.id, at.now);
    rows = await readStored(
      db,
      months.map((p) => p.id),
      communeIds,
    );
  }
  const shown = new Map(rows.filter((r) => r.periodId === period?.id).map((r) => [r.communeId, r]));
  const figures = communes.map((c) => ({
    communeId: c.id,
    communeCode: c.code,
    communeName: c.name,
    ...counts(shown.get(c.id)),
  }));
  const countedAt = [...shown.values()].reduce<Date | null>(
    (oldest, r) => (oldest === null || r.computedAt < oldest ? r.computedAt : oldest),
    null,
  );
  return {
    periods,
    period,
    communes: figures,
    totals: figureTotals(figures),
    trend: areaTrend(months.filter(complete), rows),
    countedAt,
  };
}

function counts(r: StoredCounts | undefined): FigureCounts {
  const zero = figureTotals([]);
  if (!r) return zero;
  const { periodId: _p, communeId: _c, computedAt: _at, ...figures } = r;
  return figures;
}
