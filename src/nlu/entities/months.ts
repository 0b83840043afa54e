// A month the way people write it: "8/2026", "08-2026", "tháng 8 năm 2026", "2026-08", "thang 8"
// (the coming one), "tháng sau", "tháng tới", "tháng này", "August 2026", "next month". Months
// are calendar months; "tháng 1" in November means the coming January.
import { addMonths, firstOfMonth, isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { foldVietnamese } from "../../lib/text.ts";

export type MonthAnswer = { ok: true; value: CalendarDate } | { ok: false; problem: "month" };

const EN_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const RELATIVE: readonly [RegExp, number][] = [
  [/^(?:thang|t)? ?(?:nay|hien tai)$|^this month$/, 0],
  [/^(?:thang|t)? ?(?:sau|toi|ke tiep|ke|moi)$|^next month$|^the next month$/, 1],
  [/^(?:thang|t)? ?(?:truoc|roi|vua roi)$|^last month$|^previous month$/, -1],
  [/^(?:2|hai) thang nua$|^in (?:2|two) months$/, 2],
];

export function monthFromText(text: string, today: CalendarDate): MonthAnswer {
  const thisMonth = firstOfMonth(today);
  const words = foldVietnamese(text)
    .replace(/[.,!?]+$/g, "")
    .replace(/\b(?:tu|bat dau|bat dau tu|from|starting|start|in|ke tu)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [pattern, offset] of RELATIVE)
    if (pattern.test(words)) return { ok: true, value: addMonths(thisMonth, offset) };
  const numeric = words
    .replace(/\b(?:thang|nam|t)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const monthFirst = /^(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(numeric);
  if (monthFirst) return iso(monthFirst[2], monthFirst[1]);
  const yearFirst = /^(\d{4})\s*[/-]\s*(\d{1,2})$/.exec(numeric);
  if (yearFirst) return iso(yearFirst[1], yearFirst[2]);
  const twoDigitYear = /^(\d{1,2})\s*[/.-]\s*(\d{2})$/.exec(numeric);
  if (twoDigitYear) return iso(`20${twoDigitYear[2]}`, twoDigitYear[1]);
  const named = new RegExp(
    `^(${EN_MONTHS.join("|")}|${EN_MONTHS.map((m) => m.slice(0, 3)).join("|")})(?: (\\d{4}))?$`,
  ).exec(words);
  if (named) {
    const index = EN_MONTHS.findIndex((m) => m.startsWith(named[1] ?? "-"));
    return named[2] ? iso(named[2], String(index + 1)) : coming(index + 1, thisMonth);
  }
  // "tháng 8", "thang 12": the next such month from now (this month counts).
  const bare = /^(?:thang |t)?(\d{1,2})$/.exec(words);
  if (bare && /\bthang\b|^t\d/.test(words)) return coming(Number(bare[1]), thisMonth);
  return { ok: false, problem: "month" };
}

function iso(year: string | undefined, month: string | undefined): MonthAnswer {
  const value = `${year}-${(month ?? "").padStart(2, "0")}-01`;
  return isCalendarDate(value) ? { ok: true, value } : { ok: false, problem: "month" };
}

function coming(month: number, thisMonth: CalendarDate): MonthAnswer {
  if (!Number.isInteger(month) || month < 1 || month > 12) return { ok: false, problem: "month" };
  const year = Number(thisMonth.slice(0, 4));
  const candidate = `${year}-${String(month).padStart(2, "0")}-01`;
  return { ok: true, value: candidate >= thisMonth ? candidate : `${year + 1}-${String(month).padStart(2, "0")}-01` };
}
