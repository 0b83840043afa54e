// Which payouts may need a notice of a kind now (the rules are in noticeRules.ts), as SQL over
// payout `p`, its period `per`, its beneficiary `b` and its schedule `s` (see loadNoticeBatch.ts),
// and how the planner walks them without reading the whole payout table every minute:
// - SCHEDULED and REMINDER: the payouts of each SCHEDULED period, in the order of the unique
//   (period, beneficiary) index, so each chunk continues an index range;
// - PAID: payouts paid in the last 7 days, found through the index on the payment time;
// - FAILED and UNCOLLECTED: the few payouts with that status, through the status index.
// The payout day, which may come from the commune's schedule, is worked out in SQL, so a payout
// whose day is not near (a reminder due next week) is not read at all.
import { Prisma } from "../../generated/prisma/client.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { addMonths, firstOfMonth, todayInVietnam } from "../../lib/calendarDate.ts";
import { addDays, PAID_NOTICE_DAYS, type ReminderSettings } from "./noticeRules.ts";

const DAY_MS = 86_400_000;

export interface Candidates {
  /** The whole condition, on p, per, b and the schedule s (PAYOUT_DAY). */
  where: Prisma.Sql;
  /** "period": walk each SCHEDULED period by beneficiary; "id": walk the (small) set by payout id. */
  walk: "period" | "id";
  /** For the "id" walk: the part of the condition on p and per alone, which an index answers. */
  narrow: Prisma.Sql;
}

/** The payout's day: its own, else its schedule's (`s`, picked as payoutView does). */
export const PAYOUT_DAY = Prisma.sql`COALESCE(p."scheduledDate", s.date)`;

export function noticeCandidates(kind: NoticeKind, now: Date, reminder: ReminderSettings): Candidates {
  const today = todayInVietnam(now);
  const prevMonth = addMonths(firstOfMonth(today), -1);
  const base = Prisma.sql`b.status = 'ACTIVE'
  AND NOT EXISTS (SELECT 1 FROM "PayoutNotice" n WHERE n."payoutId" = p.id AND n.kind = ${kind}::"NoticeKind")`;
  switch (kind) {
    case "SCHEDULED":
      return { walk: "period", narrow: Prisma.sql`TRUE`, where: Prisma.sql`${base} AND p.status = 'SCHEDULED' AND ${PAYOUT_DAY} >= ${today}::date` };
    case "REMINDER":
      return {
        walk: "period",
        narrow: Prisma.sql`TRUE`,
        where: Prisma.sql`${base} AND p.status = 'SCHEDULED' AND p.method IN ('CASH_POINT', 'CASH_HOME')
  AND ${PAYOUT_DAY} BETWEEN ${today}::date AND ${addDays(today, reminder.daysBefore)}::date`,
      };
    case "PAID": {
      const narrow = Prisma.sql`p.status = 'PAID' AND p."paidAt" > ${new Date(now.getTime() - PAID_NOTICE_DAYS * DAY_MS)} AND p."paidAt" <= ${now}`;
      return { walk: "id", narrow, where: Prisma.sql`${base} AND ${narrow}` };
    }
    case "FAILED": {
      const narrow = Prisma.sql`p.status = 'FAILED' AND per.month >= ${prevMonth}::date`;
      return { walk: "id", narrow, where: Prisma.sql`${base} AND ${narrow}` };
    }
    case "UNCOLLECTED": {
      const narrow = Prisma.sql`p.status IN ('UNCOLLECTED', 'CARRIED_OVER') AND per.month >= ${prevMonth}::date`;
      return { walk: "id", narrow, where: Prisma.sql`${base} AND ${narrow}` };
    }
  }
}
