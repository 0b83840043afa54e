// Reads what people type in answer to a question, forgivingly: spaces and dots inside numbers,
// dates written the way Vietnamese people write them ("12/3/1945", "12 3 1945",
// "ngày 12 tháng 3 năm 1945"), a whole phone number where four digits were asked.
import { isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { personalIdProblems } from "../../lib/personalId.ts";
import { normalisePhone } from "../../lib/phone.ts";
import { foldVietnamese } from "../../lib/text.ts";

export type PersonalIdAnswer = { ok: true; personalId: string } | { ok: false; problem: "format" | "structure" };

/** A 12-digit personal ID (số định danh), checked for its shape only. */
export function personalIdAnswer(text: string): PersonalIdAnswer {
  const digits = text.replace(/[\s.\-_]/g, "");
  const problems = personalIdProblems(digits);
  if (problems.includes("format")) return { ok: false, problem: "format" };
  if (problems.length > 0) return { ok: false, problem: "structure" };
  return { ok: true, personalId: digits };
}

/** Day, month, four-digit year, in that order; null when it is not a real past date. */
export function dateOfBirthAnswer(text: string, today: CalendarDate): CalendarDate | null {
  const words = foldVietnamese(text).replace(/\b(ngay|thang|nam)\b/g, " ");
  const m = /^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})\s*$/.exec(words);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}`;
  if (!isCalendarDate(iso) || iso > today || iso < "1900-01-01") return null;
  return iso;
}

/** The last four digits of a phone number, or the whole number typed out. */
export function phoneLast4Answer(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, "");
  if (/^\d{4}$/.test(digits)) return digits;
  const phone = normalisePhone(text);
  return phone ? phone.slice(-4) : null;
}

/** "đồng ý", "có", "ok", "yes" / "không", "no"; null when neither. */
export function yesNoAnswer(text: string): boolean | null {
  const folded = foldVietnamese(text)
    .replace(/[.!?…]+$/, "")
    .trim();
  if (["dong y", "co", "co a", "vang", "da", "ok", "yes", "y", "agree", "i agree"].includes(folded)) return true;
  if (["khong", "khong dong y", "khong a", "no", "n", "disagree"].includes(folded)) return false;
  return null;
}
