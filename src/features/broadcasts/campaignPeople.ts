// Who a campaign's date rule picks on a fire day, among the ACTIVE people of its communes:
// - N days before payout day: the payout is still to be paid (SCHEDULED) and its day — the
//   payout's own day or else the commune's schedule for that month, as the chat and the payout
//   notices read it (payouts/repository.ts) — is the fire day plus N. Month ends need no special
//   case: the day N days later may fall in the next month's period.
// - N days before an authorisation ends: an APPROVED authorisation whose last day is the fire day
//   plus N, as the expiry reminders read it (requests/expiry.ts), unless the same relative already
//   has a later authorisation approved or waiting for approval (it was renewed).
// - the monthly rule picks everyone: the audience rules alone decide.
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { calendarDate, firstOfMonth, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { PAYOUT_VIEW_INCLUDE, payoutView, SCHEDULE_VIEW_INCLUDE } from "../payouts/repository.ts";
import { addDays, firesOn, type CampaignTrigger } from "./campaignTrigger.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** Everyone (the monthly rule on its day), or exactly these ids, sorted. */
export type Picked = "everyone" | string[];

export async function pickedOn(
  db: Db,
  trigger: CampaignTrigger,
  communeIds: string[],
  fireDay: CalendarDate,
): Promise<Picked> {
  if (!firesOn(trigger, fireDay)) return [];
  if (trigger.kind === "dayOfMonth") return "everyone";
  const day = addDays(fireDay, trigger.days);
  const byDay =
    trigger.kind === "beforePayout"
      ? await peopleByPayoutDay(db, communeIds, day, day)
      : await peopleByAuthorisationEnd(db, communeIds, day, day);
  return [...(byDay.get(day) ?? [])].sort();
}

/** People of the communes by their payout day, for payout days from `first` to `last`. */
export async function peopleByPayoutDay(
  db: Db,
  communeIds: string[],
  first: CalendarDate,
  last: CalendarDate,
): Promise<Map<CalendarDate, Set<string>>> {
  const out = new Map<CalendarDate, Set<string>>();
  if (communeIds.length === 0) return out;
  const rows = await db.payout.findMany({
    where: {
      status: "SCHEDULED",
      beneficiary: { status: "ACTIVE", communeId: { in: communeIds } },
      OR: [
        { scheduledDate: { gte: calendarDate(first), lte: calendarDate(last) } },
        {
          scheduledDate: null,
          period: { month: { gte: calendarDate(firstOfMonth(first)), lte: calendarDate(firstOfMonth(last)) } },
        },
      ],
    },
    include: { ...PAYOUT_VIEW_INCLUDE, beneficiary: { select: { communeId: true } } },
  });
  const schedules = await db.payoutSchedule.findMany({
    where: {
      periodId: { in: [...new Set(rows.map((r) => r.periodId))] },
      communeId: { in: [...new Set(rows.map((r) => r.beneficiary.communeId))] },
    },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    include: SCHEDULE_VIEW_INCLUDE,
  });
  for (const r of rows) {
    const day = payoutView(
      r,
      schedules.filter((s) => s.periodId === r.periodId && s.communeId === r.beneficiary.communeId),
    ).date;
    if (day && day >= first && day <= last) add(out, day, r.beneficiaryId);
  }
  return out;
}

/** People of the communes by the last day of their approved authorisation, from `first` to `last`. */
export async function peopleByAuthorisationEnd(
  db: Db,
  communeIds: string[],
  first: CalendarDate,
  last: CalendarDate,
): Promise<Map<CalendarDate, Set<string>>> {
  const out = new Map<CalendarDate, Set<string>>();
  if (communeIds.length === 0) return out;
  const ending = await db.authorisation.findMany({
    where: {
      status: "APPROVED",
      validUntil: { gte: calendarDate(first), lte: calendarDate(last) },
      beneficiary: { status: "ACTIVE", communeId: { in: communeIds } },
    },
    select: { beneficiaryId: true, relativeId: true, validUntil: true },
  });
  const later = await db.authorisation.findMany({
    where: {
      beneficiaryId: { in: [...new Set(ending.map((a) => a.beneficiaryId))] },
      status: { in: ["APPROVED", "PENDING"] },
      validUntil: { gt: calendarDate(first) },
    },
    select: { beneficiaryId: true, relativeId: true, validUntil: true },
  });
  for (const a of ending) {
    const renewed = later.some(
      (b) => b.beneficiaryId === a.beneficiaryId && b.relativeId === a.relativeId && b.validUntil > a.validUntil,
    );
    if (!renewed) add(out, fromDbDate(a.validUntil), a.beneficiaryId);
  }
  return out;
}

function add(map: Map<CalendarDate, Set<string>>, day: CalendarDate, id: string): void {
  const set = map.get(day) ?? new Set<string>();
  set.add(id);
  map.set(day, set);
}
