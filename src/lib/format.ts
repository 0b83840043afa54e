// Rendering-layer formatting of money and dates, Vietnamese style (architecture rule 9).
import type { CalendarDate } from "./calendarDate.ts";

/** 1250000 → "1.250.000 đ" (vi) or "1,250,000 VND" (en). */
export function formatVnd(amount: number, locale: string = "vi"): string {
  const grouped = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, locale === "en" ? "," : ".");
  const sign = amount < 0 ? "-" : "";
  return locale === "en" ? `${sign}${grouped} VND` : `${sign}${grouped} đ`;
}

/** "2026-12-05" → "05/12/2026". */
export function formatDate(date: CalendarDate): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}
