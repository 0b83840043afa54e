// Response times are promised in the hotline's working hours (Vietnam time, which has no daylight
// saving: UTC+7 all year), so a question asked on Friday evening is due on Monday morning, not
// at night when nobody is there to answer.
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
import { DAY_MS, fromWallClock, minuteOfVietnamDay, toWallClock, vietnamWeekday } from "../../lib/vietnamTime.ts";

export interface WorkingHours {
  /** Days of the week (0 = Sunday) when the hotline answers. */
  days: Set<number>;
  /** Minutes after midnight, Vietnam time. */
  open: number;
  close: number;
  /** As configured, for messages ("Mon-Fri 07:30-17:00"). */
  label: string;
}

/** Parses "Mon-Fri 07:30-17:00" (the configuration checks the shape); a bad value throws. */
export function workingHours(spec: string): WorkingHours {
  const m = /^(\w{3})-(\w{3}) (\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(spec.trim());
  const from = DAYS.findIndex((d) => d === m?.[1]);
  const to = DAYS.findIndex((d) => d === m?.[2]);
  if (!m || from < 0 || to < 0) throw new Error(`working hours "${spec}" are not like "Mon-Fri 07:30-17:00"`);
  const days = new Set<number>();
  for (let d = from; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === to) break;
  }
  const open = Number(m[3]) * 60 + Number(m[4]);
  const close = Number(m[5]) * 60 + Number(m[6]);
  if (close <= open) throw new Error(`working hours "${spec}" close before they open`);
  return { days, open, close, label: spec.trim() };
}

export function isWorkingTime(hours: WorkingHours, at: Date): boolean {
  const minute = minuteOfVietnamDay(at);
  return hours.days.has(vietnamWeekday(at)) && minute >= hours.open && minute < hours.close;
}

/** The moment `minutes` of working time after `start` have passed. */
export function addWorkingMinutes(hours: WorkingHours, start: Date, minutes: number): Date {
  let left = minutes * 60_000;
  let t = start.getTime();
  // At most a few weeks of days are walked: the configuration caps the minutes at a week.
  for (let i = 0; i < 400; i++) {
    const local = toWallClock(t);
    const dayStart = local - (local % DAY_MS);
    const open = dayStart + hours.open * 60_000;
    const close = dayStart + hours.close * 60_000;
    if (hours.days.has(new Date(local).getUTCDay()) && local < close) {
      const from = Math.max(local, open);
      if (from + left <= close) return new Date(fromWallClock(from + left));
      left -= close - from;
    }
    t = fromWallClock(dayStart + DAY_MS);
  }
  throw new Error("working hours leave no time to answer");
}
