// Keeps the dashboard's stored counts fresh: every few minutes the current month (the newest
// period not later than this month) is counted again, and each month of the trend whose count is
// missing or more than a day old. Past months change little (late delivery outcomes, a status
// change), so a daily recount is enough for them.
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { choosePeriod, listPeriods, trendPeriods } from "./periods.ts";
import { standingFigures } from "./communeFigures.ts";
import { recountPeriod } from "./storedFigures.ts";

const DAY_MS = 86_400_000;

export function dashboardRecountJob(deps: {
  prisma: PrismaClient;
  config: Pick<Config, "DASHBOARD_RECOUNT_MINUTES">;
}): Job {
  return {
    name: "dashboard-recount",
    schedule: `*/${deps.config.DASHBOARD_RECOUNT_MINUTES} * * * *`,
    run: (now) => recountDashboard(deps.prisma, now),
  };
}

export async function recountDashboard(prisma: PrismaClient, now: Date): Promise<{ months: string[] }> {
  const periods = await listPeriods(prisma);
  const current = choosePeriod(periods, undefined, todayInVietnam(now));
  if (!current) return { months: [] };
  const [communes, oldest] = await Promise.all([
    prisma.commune.count(),
    prisma.dashboardFigure.groupBy({ by: ["periodId"], _min: { computedAt: true }, _count: { _all: true } }),
  ]);
  const counted = new Map(oldest.map((o) => [o.periodId, o]));
  const due = trendPeriods(periods, current).filter((p) => {
    const c = counted.get(p.id);
    return (
      p.id === current.id ||
      !c ||
      c._count._all < communes ||
      !c._min.computedAt ||
      now.getTime() - c._min.computedAt.getTime() > DAY_MS
    );
  });
  // Today's figures (reach, links, requests, tickets) are the same for every month counted now.
  const standing =
    due.length > 1 ? await standingFigures(prisma, null, { today: todayInVietnam(now), now }) : undefined;
  for (const p of due) await recountPeriod(prisma, p.id, now, { standing });
  return { months: due.map((p) => p.month) };
}
