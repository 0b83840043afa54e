// Vietnam keeps one time zone, UTC+7, with no daylight saving, so a Vietnam calendar day or clock
// time is a fixed shift of the instant. Every such conversion in the service goes through this
// module: payout days, quiet hours, the hotline's working hours, deadlines told to people, audit
// filters and the times written into Excel files. (A lint rule refuses the offset written by hand
// anywhere else.)
import type { CalendarDate } from "./calendarDate.ts";

const OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** Milliseconds whose UTC reading is the Vietnam wall-clock time of the instant `t`. */
export function toWallClock(t: number): number {
  return t + OFFSET_MS;
}

/** The instant whose Vietnam wall-clock time is the UTC reading of `wall`. */
export function fromWallClock(wall: number): number {
  return wall - OFFSET_MS;
}

/**
 * A Date whose UTC fields read as Vietnam wall-clock time: for places that carry no time zone, such
 * as an Excel cell, where "14:03" must mean 14:03 in Vietnam.
 */
export function asWallClockDate(at: Date): Date {
  return new Date(toWallClock(at.getTime()));
}

/** The Vietnam calendar day of an instant ("2026-12-06"). */
export function vietnamDate(at: Date): CalendarDate {
  return asWallClockDate(at).toISOString().slice(0, 10);
}

/** The Vietnam clock time of an instant ("19:28"). */
export function vietnamClock(at: Date): string {
  return asWallClockDate(at).toISOString().slice(11, 16);
}

/** Minutes since midnight, Vietnam time. */
export function minuteOfVietnamDay(at: Date): number {
  return Math.floor((toWallClock(at.getTime()) % DAY_MS) / 60_000);
}

/** Day of the week in Vietnam (0 = Sunday). */
export function vietnamWeekday(at: Date): number {
  return asWallClockDate(at).getUTCDay();
}

/** A Vietnam calendar day and clock time as an instant: ("2026-12-03", "08:00"). */
export function vietnamTime(day: CalendarDate, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00.000+07:00`);
}

/** Midnight at the start of a Vietnam calendar day, as an instant. */
export function startOfVietnamDay(day: CalendarDate): Date {
  return vietnamTime(day, "00:00");
}

/** "05/12/2026 14:03" in Vietnam time. */
export function formatVietnamDateTime(at: Date): string {
  const v = asWallClockDate(at).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}
