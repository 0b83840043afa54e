// Reads one person's payouts for the chat. Payout days are local practice, so the day comes from
// the payout row or, when the list has not set one, from the commune's schedule for that month —
// never from a constant.
import type { Prisma } from "../../generated/prisma/client.ts";
import { firstOfMonth, fromDbDate, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";

type Db = Prisma.TransactionClient;

/** How many earlier payouts the chat lists by default. */
export const HISTORY_MONTHS = 3;

export async function loadPayoutOverview(
  db: Db,
  beneficiaryId: string,
  today: CalendarDate,
  historyMonths: number = HISTORY_MONTHS,
): Promise<PayoutOverview | null> {
  const person = await db.beneficiary.findUnique({
    where: { id: beneficiaryId },
    select: { id: true, fullName: true, sex: true, programme: true, status: true, communeId: true },
  });
  if (!person) return null;
  const rows = await db.payout.findMany({
    where: { beneficiaryId },
    orderBy: { period: { month: "desc" } },
    // A few more than shown: future months scheduled in advance are not history.
    take: historyMonths + 4,
    include: PAYOUT_VIEW_INCLUDE,
  });
  const schedules = await db.payoutSchedule.findMany({
    where: { communeId: person.communeId, periodId: { in: rows.map((r) => r.periodId) } },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    include: SCHEDULE_VIEW_INCLUDE,
  });

  const views = rows.map((r) =>
    payoutView(
      r,
      schedules.filter((s) => s.periodId === r.periodId),
    ),
  );

  const next = [...views].reverse().find((v) => isUpcoming(v, today)) ?? null;
  const history = views.filter((v) => v !== next && !isUpcoming(v, today)).slice(0, historyMonths);
  return {
    beneficiaryId: person.id,
    fullName: person.fullName,
    sex: person.sex,
    programme: person.programme,
    status: person.status,
    next,
    history,
  };
}

/** What a payout row needs loaded to become a PayoutView. */
export const PAYOUT_VIEW_INCLUDE = {
  period: { select: { id: true, month: true } },
  point: { select: { id: true, name: true, address: true } },
  account: { select: { provider: true, accountLast4: true } },
  lines: { where: { kind: "CARRIED_OVER" }, select: { amount: true } },
} satisfies Prisma.PayoutInclude;
export const SCHEDULE_VIEW_INCLUDE = {
  point: { select: { id: true, name: true, address: true } },
} satisfies Prisma.PayoutScheduleInclude;

export type PayoutViewRow = Prisma.PayoutGetPayload<{ include: typeof PAYOUT_VIEW_INCLUDE }>;
export type ScheduleViewRow = Prisma.PayoutScheduleGetPayload<{ include: typeof SCHEDULE_VIEW_INCLUDE }>;

/** What payoutView reads of a payout (a PayoutViewRow has it all). */
export type PayoutViewInput = Pick<
  PayoutViewRow,
  | "amount"
  | "status"
  | "method"
  | "pointId"
  | "scheduledDate"
  | "windowStart"
  | "windowEnd"
  | "paidAt"
  | "receivedBy"
  | "statusNote"
  | "period"
  | "point"
  | "account"
  | "lines"
>;

/** One payout as plain values; `inPeriod` is its commune's schedule for the payout's period, earliest first. */
export function payoutView(r: PayoutViewInput, inPeriod: ScheduleViewRow[]): PayoutView {
  // A cash payout follows its point's schedule; a transfer goes out on the commune's first day.
  const schedule =
    (r.pointId ? inPeriod.find((s) => s.pointId === r.pointId) : undefined) ??
    (r.method === "CASH_HOME" ? undefined : inPeriod[0]);
  const cash = r.method === "CASH_POINT";
  const place = r.point ?? (cash ? (schedule?.point ?? null) : null);
  return {
    month: fromDbDate(r.period.month),
    amount: r.amount,
    status: r.status,
    method: r.method,
    date: r.scheduledDate ? fromDbDate(r.scheduledDate) : schedule ? fromDbDate(schedule.date) : null,
    windowStart: r.windowStart ?? (cash ? (schedule?.startTime ?? null) : null),
    windowEnd: r.windowEnd ?? (cash ? (schedule?.endTime ?? null) : null),
    place: place ? { name: place.name, address: place.address } : null,
    account: r.account ? { provider: r.account.provider, maskedNumber: `••••${r.account.accountLast4}` } : null,
    paidOn: r.paidAt ? todayInVietnam(r.paidAt) : null,
    receivedBy: r.receivedBy,
    note: r.statusNote,
    carriedOver: r.lines.reduce((sum, l) => sum + l.amount, 0),
  };
}

/** Still to come: scheduled, and its day (or, without a day, its month) not yet past. */
function isUpcoming(v: PayoutView, today: CalendarDate): boolean {
  if (v.status !== "SCHEDULED") return false;
  return v.date ? v.date >= today : v.month >= firstOfMonth(today);
}
