// When a campaign fires and for whom, as pure date arithmetic (Vietnam calendar days):
//   beforePayout            every day; picks the people whose payout day is N days ahead
//   beforeAuthorisationEnd  every day; picks the people whose approved authorisation has its last
//                           day N days ahead (the beneficiary decides whether to renew)
//   dayOfMonth              on day D of each month (1-28, so every month has it); picks everyone
// A campaign fires at most once per Vietnam day, at its send time or as soon after it as the
// service runs that day; it never fires for a send time before it was activated.
import { z } from "zod";
import { vietnamTime } from "../../delivery/quietHours.ts";
import { calendarDate, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";

export const TRIGGER_KINDS = ["beforePayout", "beforeAuthorisationEnd", "dayOfMonth"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const MAX_DAYS_BEFORE_PAYOUT = 60;
export const MAX_DAYS_BEFORE_END = 365;

export const campaignTriggerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("beforePayout"), days: z.number().int().min(0).max(MAX_DAYS_BEFORE_PAYOUT) }),
  z.object({ kind: z.literal("beforeAuthorisationEnd"), days: z.number().int().min(0).max(MAX_DAYS_BEFORE_END) }),
  z.object({ kind: z.literal("dayOfMonth"), day: z.number().int().min(1).max(28) }),
]);
export type CampaignTrigger = z.infer<typeof campaignTriggerSchema>;

/** "HH:MM", 24-hour, Vietnam time. */
export const sendTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
export const DEFAULT_SEND_TIME = "08:00";

const DAY_MS = 86_400_000;

export function addDays(day: CalendarDate, days: number): CalendarDate {
  return new Date(calendarDate(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether the trigger fires at all on this day (the daily rules fire every day). */
export function firesOn(trigger: CampaignTrigger, day: CalendarDate): boolean {
  return trigger.kind !== "dayOfMonth" || Number(day.slice(8, 10)) === trigger.day;
}

/**
 * The day whose fire is due at `now`, or null: today's send time has come, it was not before the
 * campaign was activated, and the trigger fires today. Whether today already fired is the
 * database's to say (CampaignFire).
 */
export function dueFireDay(
  c: { trigger: CampaignTrigger; sendTime: string; activatedAt: Date },
  now: Date,
): CalendarDate | null {
  const today = todayInVietnam(now);
  const sendAt = vietnamTime(today, c.sendTime);
  if (now < sendAt || sendAt < c.activatedAt) return null;
  return firesOn(c.trigger, today) ? today : null;
}

/**
 * The next day the campaign will fire, counting today when its send time is still to come (or
 * has come but today has not fired yet), for the count shown before saving.
 */
export function nextFireDay(
  c: { trigger: CampaignTrigger; sendTime: string; activatedAt: Date },
  now: Date,
  firedToday = false,
): CalendarDate {
  const today = todayInVietnam(now);
  const sendAt = vietnamTime(today, c.sendTime);
  let day = !firedToday && sendAt >= c.activatedAt ? today : addDays(today, 1);
  // At most a month ahead for a day of the month; the daily rules fire on the first candidate.
  for (let i = 0; i < 31 && !firesOn(c.trigger, day); i++) day = addDays(day, 1);
  return day;
}

/**
 * The day the date rule looks at for a fire on `fireDay`: the payout day or the authorisation's
 * last day N days later; null for the monthly rule, which looks at no date.
 */
export function lookedAtDay(trigger: CampaignTrigger, fireDay: CalendarDate): CalendarDate | null {
  return trigger.kind === "dayOfMonth" ? null : addDays(fireDay, trigger.days);
}
