// Month by month over the last periods, for the whole area: account share, payouts not collected,
// notice messages and officers' messages delivered, added up from the communes' stored counts of
// each month.
import type { DashboardPeriod } from "./periods.ts";
import type { StoredCounts } from "./storedFigures.ts";

export interface TrendPoint {
  period: DashboardPeriod;
  paid: number;
  accountPaid: number;
  uncollected: number;
  uncollectedAmount: number;
  noticesSent: number;
  noticesFailed: number;
  noticesSkipped: number;
  broadcastSent: number;
  broadcastFailed: number;
}

type Summed = Exclude<keyof TrendPoint, "period">;

export function areaTrend(periods: DashboardPeriod[], rows: StoredCounts[]): TrendPoint[] {
  return periods.map((period) => {
    const mine = rows.filter((r) => r.periodId === period.id);
    const sum = (k: Summed) => mine.reduce((n, r) => n + r[k], 0);
    return {
      period,
      paid: sum("paid"),
      accountPaid: sum("accountPaid"),
      uncollected: sum("uncollected"),
      uncollectedAmount: sum("uncollectedAmount"),
      noticesSent: sum("noticesSent"),
      noticesFailed: sum("noticesFailed"),
      noticesSkipped: sum("noticesSkipped"),
      broadcastSent: sum("broadcastSent"),
      broadcastFailed: sum("broadcastFailed"),
    };
  });
}
