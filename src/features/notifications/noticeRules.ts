// When each payout notice is due. The database narrows the payouts down (noticeCandidates.ts,
// which also works out the payout day, from the payout row or the commune's schedule); the time of
// day and what was already said are then checked in code (dueNow). All days are Vietnam calendar days.
//   SCHEDULED   the period's lists went to the payment service (period SCHEDULED), the payout is
//               still to be paid and its day is today or later.
//   REMINDER    cash only (a transfer needs no trip): from NOTICE_REMINDER_DAYS_BEFORE days before
//               the day at NOTICE_REMINDER_TIME until the day itself, while still to be paid. When
//               the SCHEDULED notice itself went out inside that window it already said the same:
//               the reminder is then recorded with no messages rather than sent twice.
//   PAID        paid within the last 7 days, so importing an old history does not flood people.
//   FAILED,     a payout of this month or the previous one (the payment service reports back
//   UNCOLLECTED within weeks); older months imported later are history, not news. A payout
//               marked CARRIED_OVER straight away counts as uncollected.
// Only ACTIVE beneficiaries get notices: payments stop with a suspension or a death.
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { vietnamTime } from "../../delivery/quietHours.ts";
import { calendarDate, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import type { PayoutView } from "../payouts/types.ts";

export const NOTICE_ORDER: NoticeKind[] = ["SCHEDULED", "REMINDER", "PAID", "FAILED", "UNCOLLECTED"];
export const PAID_NOTICE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface ReminderSettings {
  daysBefore: number;
  /** "HH:MM", Vietnam time. */
  time: string;
}

/**
 * "send": plan it now; "wait": not yet (or never: the day passed), look again at the next run;
 * "covered": record it without messages, an earlier notice already said it.
 */
export type Due = "send" | "wait" | "covered";

export function dueNow(
  kind: NoticeKind,
  payout: PayoutView,
  planned: { kind: NoticeKind; plannedAt: Date }[],
  now: Date,
  reminder: ReminderSettings,
): Due {
  const today = todayInVietnam(now);
  switch (kind) {
    case "SCHEDULED":
      return payout.date && payout.date >= today ? "send" : "wait";
    case "REMINDER": {
      if (!payout.date || payout.date < today) return "wait";
      const from = vietnamTime(addDays(payout.date, -reminder.daysBefore), reminder.time);
      if (now < from) return "wait";
      const scheduled = planned.find((p) => p.kind === "SCHEDULED");
      return scheduled && scheduled.plannedAt >= from ? "covered" : "send";
    }
    case "PAID":
    case "FAILED":
    case "UNCOLLECTED":
      return "send";
  }
}

export function addDays(day: CalendarDate, days: number): CalendarDate {
  return new Date(calendarDate(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
