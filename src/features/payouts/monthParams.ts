// "tháng 8/2026": the month of a payout as numbers, so each language lays it out its own way.
import type { CalendarDate } from "../../lib/calendarDate.ts";

export function monthParams(month: CalendarDate): { month: number; year: number } {
  return { month: Number(month.slice(5, 7)), year: Number(month.slice(0, 4)) };
}
