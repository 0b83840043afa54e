// Turns spreadsheet cells into domain values. Each parser returns a value or an error code with
// params, so the row validators can report every problem of a row at once.
import { isCalendarDate, parseDateInput, type CalendarDate } from "../../lib/calendarDate.ts";
import { normalisePhone } from "../../lib/phone.ts";
import { cleanText, foldVietnamese } from "../../lib/text.ts";
import type { Cell } from "./table.ts";

export type Params = Record<string, string | number>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; params: Params };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: string, params: Params = {}): Parsed<T> => ({ ok: false, code, params });

/**
 * A date cell as the officer sees it in a Vietnamese Excel: "05/03/1948". Built from its parts: a
 * province's list has a few date cells per person, and formatting each through toISOString took
 * the reading a sixth of its time.
 */
function shownDate(cell: Date): string {
  const year = cell.getUTCFullYear();
  if (Number.isNaN(year)) return "";
  if (year < 0 || year > 9999) return cell.toISOString().slice(0, 10).split("-").reverse().join("/");
  const day = cell.getUTCDate();
  const month = cell.getUTCMonth() + 1;
  return `${day < 10 ? "0" : ""}${day}/${month < 10 ? "0" : ""}${month}/${String(year).padStart(4, "0")}`;
}

const TIDY = /\s\s|^\s|\s$|[\t\n\r\u00a0\u2000-\u200b\u3000]/;
// Excel counts days from 1899-12-30 (keeping Lotus 1-2-3's leap-year bug).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// Payouts are int4 in the database; no monthly allowance comes near this.
const MAX_AMOUNT = 2_000_000_000;

/**
 * Two numbers written without room between them ("0912345678-0987654321", "0912345678 0987654321"):
 * the first mobile number when each side is a number of its own. "0912-345-678" is one number and
 * never gets here.
 */
function firstOfJoined(run: string): string | null {
  const pieces = run.split(/\s*-\s*|\s+/).filter((p) => p !== "");
  if (pieces.length >= 2 && pieces.every((p) => p.replace(/\D/g, "").length >= 9)) {
    for (const piece of pieces) {
      const phone = normalisePhone(piece);
      if (phone) return phone;
    }
  }
  return null;
}

// How lists of older people often write a name: "Bà Lê Thị Cúc", "Cụ Phạm Văn Dũng", "Cụ bà …".
// "Ông" is also a family name (Ông Văn Tùng), so "Ông"/"Bà" go only before a common family name,
// and "Cụ" only with its accent ("Cù" is a family name, and "Cu" could be either).
const TITLE_ALWAYS = /^cụ(?:\s+(?:ông|ong|bà|ba))?\s+/iu;
const TITLE_BEFORE_SURNAME = /^(?:ông|ong|bà|ba)\s+(?=\S)/iu;
const COMMON_SURNAMES = new Set(
  "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao trinh mai truong lam luong ha cao tang kieu thai ta chu quach doan la".split(
    " ",
  ),
);

function withoutTitle(name: string): string {
  const always = TITLE_ALWAYS.exec(name);
  if (always && name.length > always[0].length) return name.slice(always[0].length);
  const title = TITLE_BEFORE_SURNAME.exec(name);
  if (!title) return name;
  const rest = name.slice(title[0].length);
  const surname = foldVietnamese(rest.split(" ")[0] ?? "");
  return COMMON_SURNAMES.has(surname) && rest.split(" ").length >= 2 ? rest : name;
}

export const cellParsers = {
  /**
   * A percentage in a column of its own: 61, "61%", "61 %", or 0.61 (a cell formatted as a
   * percentage holds the fraction). No rated category goes below 1 %, so a number under 1 is a fraction.
   */
  percent(cell: Cell): Parsed<number | null> {
    const text = cellParsers.text(cell);
    if (text === "") return ok(null);
    const n = typeof cell === "number" ? cell : Number(text.replace(/\s*%$/, "").replace(",", "."));
    const value = n > 0 && n < 1 ? Math.round(n * 100) : n;
    return Number.isInteger(value) && value >= 1 && value <= 100
      ? ok(value)
      : fail("rate_invalid", { value: text.slice(0, 20) });
  },

  /** A number of children or of martyrs: 2, "2", "2 con". */
  count(cell: Cell, code = "count_invalid"): Parsed<number | null> {
    const text = cellParsers.text(cell);
    if (text === "") return ok(null);
    const m = /^(\d{1,2})(?:\s*(?:con|liệt sĩ|liet si|ls))?$/i.exec(text);
    const value = m ? Number(m[1]) : NaN;
    return value >= 1 && value <= 20 ? ok(value) : fail(code, { value: text.slice(0, 20) });
  },

  /**
   * The mobile number in a phone cell as officers fill it: "0912 345 678 (con trai)", "SĐT con:
   * 0912345678", two numbers ("0912345678 - 0987654321", a landline then a mobile) give the first
   * mobile number written, also when two are joined by a dash without spaces; a cell that says there is none in words ("Không có", "-") gives null.
   */
  phone(cell: Cell): Parsed<string | null> {
    if (typeof cell === "number") {
      const phone = normalisePhone(cell);
      return phone ? ok(phone) : fail("phone_invalid");
    }
    const text = cellParsers.text(cell);
    if (!/\d/.test(text)) return ok(null);
    const parts = text.replace(/\([^)]*\)/g, " ").split(/\s*[,;/]\s*|\s+-\s+|\s+(?:hoặc|hoac|or)\s+/i);
    for (const part of parts) {
      const digits = /\+?\d[\d\s.-]*\d/.exec(part);
      const phone = digits ? (normalisePhone(digits[0]) ?? firstOfJoined(digits[0])) : null;
      if (phone) return ok(phone);
    }
    return fail("phone_invalid");
  },

  /** Text as the officer sees it, white space collapsed; "" for an empty cell. */
  text(cell: Cell): string {
    if (cell === null) return "";
    // Readers hand over text already in NFC (shared strings are normalised once): here only the
    // white space is tidied, and only when it needs to be.
    if (typeof cell === "string") return TIDY.test(cell) ? cell.replace(/\s+/g, " ").trim() : cell;
    if (cell instanceof Date) return shownDate(cell);
    return cleanText(String(cell));
  },

  /** A calendar date, or null for an empty cell; never later than `today` when given. */
  date(cell: Cell, today?: CalendarDate): Parsed<CalendarDate | null> {
    const shown = cellParsers.text(cell);
    if (shown === "") return ok(null);
    let value: CalendarDate | null = null;
    if (cell instanceof Date) value = parseDateInput(cell);
    // A date column not formatted as a date holds the serial day number.
    else if (typeof cell === "number" && Number.isInteger(cell) && cell > 0 && cell < 80_000) value = fromSerial(cell);
    else value = parseDateInput(shown.replace(/\s*([/.-])\s*/g, "$1"));
    if (!value && /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(shown))
      return fail("date_short_year", { value: shown.slice(0, 40) });
    if (!value || value < "1850-01-01") return fail("date_invalid", { value: shown.slice(0, 40) });
    if (today && value > today) return fail("date_in_future", { value: shown.slice(0, 40) });
    return ok(value);
  },

  /**
   * A birth date, or only the birth year: many older people's papers carry no day and month, and
   * lists write "1948", "00/00/1948" or "…/…/1948", some the month too ("3/1948", "tháng 3 năm 1948").
   * A year alone (or with its month) is kept as 1 January of that year
   * (the usual rule when the day and month are not known), flagged so that comparisons use the
   * year only. 1948 typed as a number is a year, never the Excel day 1948 (1 May 1905).
   */
  birthDate(cell: Cell, today: CalendarDate): Parsed<{ date: CalendarDate; yearOnly: boolean } | null> {
    const shown = cellParsers.text(cell);
    if (shown === "") return ok(null);
    const thisYear = Number(today.slice(0, 4));
    const asYear = (y: number): Parsed<{ date: CalendarDate; yearOnly: boolean }> =>
      y > thisYear ? fail("date_in_future", { value: shown.slice(0, 40) }) : ok({ date: `${y}-01-01`, yearOnly: true });
    if (typeof cell === "number" && Number.isInteger(cell) && cell >= 1850 && cell <= thisYear + 1) return asYear(cell);
    if (cell instanceof Date) {
      // A year typed into a date-formatted cell shows as a day in 1905.
      const serial = Math.round((cell.getTime() - EXCEL_EPOCH_MS) / 86_400_000);
      if (cell.getUTCFullYear() <= 1905 && serial >= 1850 && serial <= thisYear + 1) return asYear(serial);
    }
    const year =
      /^(?:(?:0{1,2}|[.…_x]+)?\s*[/.-]\s*(?:0{1,2}|[.…_x]+)?\s*[/.-]\s*|(?:th[áa]ng\s*)?(?:0?[1-9]|1[0-2])\s*(?:[/.-]|,?\s+n[ăa]m)\s*|n[ăa]m\s+)?(\d{4})$/i.exec(
        shown.normalize("NFC"),
      );
    if (year) return asYear(Number(year[1]));
    const d = cellParsers.date(cell, today);
    if (d.ok) return ok(d.value === null ? null : { date: d.value, yearOnly: false });
    // "khoảng 1940", "1940?": the officer should know a year alone is accepted.
    return d.code === "date_invalid" ? fail("birth_date_invalid", d.params) : d;
  },

  /**
   * A person's name as written, with ALL-CAPS (or all lower-case) lists given the usual capitals:
   * "NGUYỄN VĂN AN" → "Nguyễn Văn An".
   */
  personName(cell: Cell): string {
    const text = withoutTitle(cellParsers.text(cell));
    // Vietnamese has no locale-specific case rules, so the plain mappings are right (and fast).
    const upper = text.toUpperCase();
    const lower = text.toLowerCase();
    if (upper === lower || (text !== upper && text !== lower)) return text;
    return lower.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  },

  /**
   * A payout month as "YYYY-MM": "12/2026", "2026-12", "Tháng 12/2026", or a date cell. A month alone
   * ("T12", "Tháng 12", 12) takes `year`, the one the list's title names; without it the row says
   * the year is missing rather than guess one.
   */
  month(cell: Cell, year: number | null = null): Parsed<string> {
    const shown = cellParsers.text(cell);
    if (cell instanceof Date) {
      const d = parseDateInput(cell);
      if (d) return ok(d.slice(0, 7));
    }
    const s = shown.replace(/^(tháng|thang|month|t(?=\d))\s*/i, "");
    let m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
    if (m) return validMonth(`${m[2]}-${m[1]!.padStart(2, "0")}`, shown);
    m = /^(\d{4})\s*[/.-]\s*(\d{1,2})$/.exec(s);
    if (m) return validMonth(`${m[1]}-${m[2]!.padStart(2, "0")}`, shown);
    m = /^(\d{1,2})$/.exec(s);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
      if (year === null) return fail("month_without_year", { value: shown.slice(0, 40) });
      return ok(`${year}-${m[1]!.padStart(2, "0")}`);
    }
    const d = parseDateInput(s);
    if (d) return ok(d.slice(0, 7));
    return fail("month_invalid", { value: shown.slice(0, 40) });
  },

  /**
   * A positive whole amount of VND. Vietnamese files group thousands with "." ("1.250.000"),
   * English ones with ","; anything with a fractional part is refused, there are no xu. `unit` is
   * 1,000 for a list kept in thousands of đồng ("Đơn vị tính: 1.000 đồng").
   */
  amount(cell: Cell, unit = 1): Parsed<number> {
    const shown = cellParsers.text(cell);
    let value: number | null = null;
    // A formula's result may carry floating-point dust (750000.0000000001).
    if (typeof cell === "number") {
      const scaled = cell * unit;
      value = Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : scaled;
    } else {
      let s = shown.replace(/\s+/g, "").replace(/(vnđ|vnd|đồng|đ|d)$/i, "");
      // Banks' files and Excel's number format add zero cents: "1878000.00", "1.350.000,00".
      const cents = /^(.+)([.,])00$/.exec(s);
      if (cents && !cents[1]!.includes(cents[2]!)) s = cents[1]!;
      if (/^\d+$/.test(s) || /^\d{1,3}(\.\d{3})+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s)) {
        value = Number(s.replace(/[.,]/g, "")) * unit;
      }
    }
    if (value === null || !Number.isSafeInteger(value) || value <= 0 || value > MAX_AMOUNT) {
      return fail("amount_invalid", { value: shown.slice(0, 40) });
    }
    return ok(value);
  },

  /** "07:30-11:00", "7h30 - 11h", "7:30–11:00" → { start: "07:30", end: "11:00" }; null if empty. */
  timeWindow(cell: Cell): Parsed<{ start: string; end: string } | null> {
    const shown = cellParsers.text(cell);
    if (shown === "") return ok(null);
    const m = /^(\d{1,2})\s*[:hg]\s*(\d{2})?\s*[-–—]\s*(\d{1,2})\s*[:hg]\s*(\d{2})?$/i.exec(
      shown.replace(/\s*(đến|to)\s*/i, "-"),
    );
    if (m) {
      const start = clock(m[1]!, m[2]);
      const end = clock(m[3]!, m[4]);
      if (start && end && start < end) return ok({ start, end });
    }
    return fail("time_window_invalid", { value: shown.slice(0, 40) });
  },
};

function fromSerial(serial: number): CalendarDate {
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}

function validMonth(value: string, shown: string): Parsed<string> {
  return isCalendarDate(`${value}-01`) ? ok(value) : fail("month_invalid", { value: shown.slice(0, 40) });
}

function clock(h: string, m: string | undefined): string | null {
  const hh = Number(h);
  const mm = Number(m ?? "0");
  if (hh > 23 || mm > 59) return null;
  return `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}
