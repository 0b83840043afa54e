// Which payouts may need a notice of a kind now (the rules are in noticeRules.ts), as SQL over
// payout `p`, its period `per`, its beneficiary `b` and its schedule `s` (see noticePage.ts),
// and how the planner walks them without reading the whole payout table every minute: the job runs
// every minute on every instance's schedule, and a country has millions of payouts.
// - SCHEDULED, FAILED, UNCOLLECTED: lanes of one payout status in one period (the SCHEDULED
//   periods; this month's and last month's for failures), each walked by beneficiary through the
//   (status, period, beneficiary) index;
// - REMINDER: only payouts whose day can fall in the reminder window are walked: in each SCHEDULED
//   period, those with a day of their own in the window (through the (period, day) index), and
//   those of the communes with a schedule in the window (through the commune's beneficiaries).
//   Most of a month no commune is in the window, and then the walk reads nothing;
// - PAID: the payouts paid in the last 7 days, walked by payment time through its index.
// Each page of a walk holds only payouts without a notice of the kind; the payout day, which may
// come from the commune's schedule, is then worked out for the page in SQL, so a payout whose day
// is not near (a reminder due next week) is read no further.
import { Prisma } from "../../generated/prisma/client.ts";
import type { NoticeKind, PayoutStatus } from "../../generated/prisma/enums.ts";
import { addMonths, firstOfMonth, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { addDays, PAID_NOTICE_DAYS, type ReminderSettings } from "./noticeRules.ts";

const DAY_MS = 86_400_000;

export interface Candidates {
  /**
   * When a payout of a page is due now, on p, per, b and the schedule s (PAYOUT_DAY): the walk has
   * already left out the payouts with a notice of the kind.
   */
  where: Prisma.Sql;
  /** The lanes walked: a status within the periods chosen by `periods`, or the payment-time walk. */
  walk:
    | { statuses: PayoutStatus[]; periods: Prisma.Sql }
    | { paidSince: Date; paidUntil: Date }
    | { reminderDays: { from: CalendarDate; until: CalendarDate }; periods: Prisma.Sql };
}

/** The payout's day: its own, else its schedule's (`s`, picked as payoutView does). */
export const PAYOUT_DAY = Prisma.sql`COALESCE(p."scheduledDate", s.date)`;

/** No notice of this kind yet: also part of every page, so a walk skips what is done. */
export function noNotice(kind: NoticeKind): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "PayoutNotice" n WHERE n."payoutId" = p.id AND n.kind = ${kind}::"NoticeKind")`;
}

export function noticeCandidates(kind: NoticeKind, now: Date, reminder: ReminderSettings): Candidates {
  const today = todayInVietnam(now);
  const base = Prisma.sql`b.status = 'ACTIVE'`;
  const scheduledPeriods = Prisma.sql`per.status = 'SCHEDULED'`;
  const recentPeriods = Prisma.sql`per.month >= ${addMonths(firstOfMonth(today), -1)}::date`;
  switch (kind) {
    case "SCHEDULED":
      return {
        walk: { statuses: ["SCHEDULED"], periods: scheduledPeriods },
        where: Prisma.sql`${base} AND p.status = 'SCHEDULED' AND ${scheduledPeriods} AND ${PAYOUT_DAY} >= ${today}::date`,
      };
    case "REMINDER":
      return {
        walk: { reminderDays: { from: today, until: addDays(today, reminder.daysBefore) }, periods: scheduledPeriods },
        where: Prisma.sql`${base} AND p.status = 'SCHEDULED' AND ${scheduledPeriods} AND p.method IN ('CASH_POINT', 'CASH_HOME')
  AND ${PAYOUT_DAY} BETWEEN ${today}::date AND ${addDays(today, reminder.daysBefore)}::date`,
      };
    case "PAID": {
      const paidSince = new Date(now.getTime() - PAID_NOTICE_DAYS * DAY_MS);
      return {
        walk: { paidSince, paidUntil: now },
        where: Prisma.sql`${base} AND p.status = 'PAID' AND p."paidAt" > ${paidSince} AND p."paidAt" <= ${now}`,
      };
    }
    case "FAILED":
      return {
        walk: { statuses: ["FAILED"], periods: recentPeriods },
        where: Prisma.sql`${base} AND p.status = 'FAILED' AND ${recentPeriods}`,
      };
    case "UNCOLLECTED":
      return {
        walk: { statuses: ["UNCOLLECTED", "CARRIED_OVER"], periods: recentPeriods },
        where: Prisma.sql`${base} AND p.status IN ('UNCOLLECTED', 'CARRIED_OVER') AND ${recentPeriods}`,
      };
  }
}
