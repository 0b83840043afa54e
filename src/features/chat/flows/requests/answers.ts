// Reads the answers of the request walkthroughs forgivingly (spaces, dots, "tháng 8/2026", names
// typed without accents), and says precisely what is wrong when an answer cannot be used.
import { addMonths, firstOfMonth, type CalendarDate } from "../../../../lib/calendarDate.ts";
import { normalisePhone } from "../../../../lib/phone.ts";
import { cleanText, foldVietnamese } from "../../../../lib/text.ts";
import { monthFromText } from "../../../../nlu/entities/months.ts";

export type Answer<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

/** A person's full name: at least two words of letters. */
export function fullNameAnswer(text: string): Answer<string, "name"> {
  const name = cleanText(text);
  const words = name.split(" ");
  if (name.length < 4 || name.length > 100 || words.length < 2 || !/^[\p{L} ]+$/u.test(name))
    return { ok: false, problem: "name" };
  // "nguyễn thị hoa" → "Nguyễn Thị Hoa", as names are written on papers.
  return {
    ok: true,
    value: words.map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1).toLocaleLowerCase("vi")).join(" "),
  };
}

/** A mobile number (10 digits starting 03, 05, 07, 08, 09, or +84). */
export function phoneAnswer(text: string): Answer<string, "phone"> {
  const phone = normalisePhone(text);
  return phone ? { ok: true, value: phone } : { ok: false, problem: "phone" };
}

/** How far ahead an authorisation or a change may start. */
const MAX_MONTHS_AHEAD = 12;

/**
 * A month as people write it ("8/2026", "tháng 8 năm 2026", "tháng 1", "tháng sau", "next month");
 * not before this month, and at most a year ahead.
 */
export function monthAnswer(text: string, today: CalendarDate): Answer<CalendarDate, "month" | "past" | "tooFar"> {
  const read = monthFromText(text, today);
  if (!read.ok) return read;
  const thisMonth = firstOfMonth(today);
  if (read.value < thisMonth) return { ok: false, problem: "past" };
  if (read.value > addMonths(thisMonth, MAX_MONTHS_AHEAD)) return { ok: false, problem: "tooFar" };
  return read;
}

/** A number of months, 1 to 60 ("6", "6 tháng", "1 năm", "6 months", "1 year"). */
export function monthsAnswer(text: string): Answer<number, "months"> {
  const folded = foldVietnamese(text)
    .replace(/[.!]+$/, "")
    .trim();
  const years = /^(\d{1,2})\s*(?:nam|years?)$/.exec(folded);
  const months = /^(\d{1,2})\s*(thang|months?)?$/.exec(folded);
  const n = years ? Number(years[1]) * 12 : months ? Number(months[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 60 ? { ok: true, value: n } : { ok: false, problem: "months" };
}

/**
 * An account number: bank accounts have 8 to 19 digits; an e-wallet or Mobile Money account is
 * the phone number it was opened with.
 */
export function accountNumberAnswer(
  text: string,
  byPhone: boolean,
): Answer<string, "accountLength" | "accountDigits" | "accountPhone"> {
  if (byPhone) {
    const phone = normalisePhone(text);
    return phone ? { ok: true, value: phone } : { ok: false, problem: "accountPhone" };
  }
  const digits = text.replace(/[\s.-]/g, "");
  if (!/^\d+$/.test(digits)) return { ok: false, problem: "accountDigits" };
  if (digits.length < 8 || digits.length > 19) return { ok: false, problem: "accountLength" };
  return { ok: true, value: digits };
}

/** Banks print the holder's name in capitals without accents: compare the letters only. */
export function sameName(a: string, b: string): boolean {
  return foldVietnamese(a).replace(/[^a-z ]/g, "") === foldVietnamese(b).replace(/[^a-z ]/g, "");
}

/** An address or a place: free text of a sensible length. */
export function placeAnswer(text: string): Answer<string, "place"> {
  const place = cleanText(text);
  return place.length >= 5 && place.length <= 200 ? { ok: true, value: place } : { ok: false, problem: "place" };
}
