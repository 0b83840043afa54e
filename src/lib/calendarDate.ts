// Calendar dates ("YYYY-MM-DD") in Asia/Ho_Chi_Minh. The database stores them as DATE, which the
// client hands over as a Date at UTC midnight; these helpers convert at that edge only.
import { vietnamDate } from "./vietnamTime.ts";

export type CalendarDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function calendarDate(value: CalendarDate): Date {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return new Date(`${value}T00:00:00.000Z`);
}

export function fromDbDate(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

/** Today's date in Vietnam. */
export function todayInVietnam(now: Date = new Date()): CalendarDate {
  return vietnamDate(now);
}

export function firstOfMonth(value: CalendarDate): CalendarDate {
  return `${value.slice(0, 7)}-01`;
}

export function addMonths(value: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

/** Parses dd/mm/yyyy (Vietnamese files), yyyy-mm-dd, or a spreadsheet Date. */
export function parseDateInput(raw: string | Date): CalendarDate | null {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  }
  const s = raw.trim();
  if (isCalendarDate(s)) return s;
  // "05/03/1948", "5-3-1948", "05.03.1948", or in words: "ngày 5 tháng 3 năm 1948".
  const m =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ??
    /^(?:ng[àa]y\s+)?(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s*,?\s+n[ăa]m\s+(\d{4})$/i.exec(s.normalize("NFC"));
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isCalendarDate(iso) ? iso : null;
}
