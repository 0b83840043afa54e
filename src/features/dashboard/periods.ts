// The payout periods a dashboard can show: the period picker's choices, the one shown when none is
// picked (the newest month not later than this one), and the twelve periods of the trend.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { PeriodStatus } from "../../generated/prisma/enums.ts";
import { firstOfMonth, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";

export interface DashboardPeriod {
  id: string;
  /** First day of the month. */
  month: CalendarDate;
  status: PeriodStatus;
}

export const TREND_PERIODS = 12;

/** Every period, newest first. */
export async function listPeriods(db: Pick<PrismaClient, "payoutPeriod">): Promise<DashboardPeriod[]> {
  const rows = await db.payoutPeriod.findMany({
    orderBy: { month: "desc" },
    select: { id: true, month: true, status: true },
  });
  return rows.map((r) => ({ id: r.id, month: fromDbDate(r.month), status: r.status }));
}

/** The picked month ("YYYY-MM"), else the newest period not later than today's month, else the oldest. */
export function choosePeriod(
  periods: DashboardPeriod[],
  picked: string | undefined,
  today: CalendarDate,
): DashboardPeriod | undefined {
  if (picked) return periods.find((p) => p.month.startsWith(picked));
  const thisMonth = firstOfMonth(today);
  return periods.find((p) => p.month <= thisMonth) ?? periods.at(-1);
}

/** The period and up to eleven before it, oldest first. */
export function trendPeriods(periods: DashboardPeriod[], period: DashboardPeriod): DashboardPeriod[] {
  return periods
    .filter((p) => p.month <= period.month)
    .slice(0, TREND_PERIODS)
    .reverse();
}
