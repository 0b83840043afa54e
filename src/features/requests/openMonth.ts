// The first payout month a change can still reach: a period in DRAFT has not been sent to the
// payment service, so its payouts may change; SCHEDULED and CLOSED periods are final.
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { addMonths, calendarDate, firstOfMonth, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export async function firstOpenMonth(db: Db, today: CalendarDate): Promise<CalendarDate> {
  const thisMonth = firstOfMonth(today);
  const draft = await db.payoutPeriod.findFirst({
    where: { status: "DRAFT", month: { gte: calendarDate(thisMonth) } },
    orderBy: { month: "asc" },
    select: { month: true },
  });
  if (draft) return fromDbDate(draft.month);
  // No open period yet: the month after the last one sent (or this month, if none is ahead).
  const sent = await db.payoutPeriod.findFirst({
    where: { status: { not: "DRAFT" } },
    orderBy: { month: "desc" },
    select: { month: true },
  });
  const next = sent ? addMonths(fromDbDate(sent.month), 1) : thisMonth;
  return next > thisMonth ? next : thisMonth;
}

/** Payouts of a person in periods not yet sent, from a month on: the ones a decision may change. */
export function openPayoutsFrom(beneficiaryId: string, month: CalendarDate): Prisma.PayoutWhereInput {
  return { beneficiaryId, period: { status: "DRAFT", month: { gte: calendarDate(month) } } };
}
