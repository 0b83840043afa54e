// What the lines above a list say about all of its rows: the commune ("UBND XÃ AN PHÚ", "DANH
// SÁCH … XÃ AN PHÚ"), the month of a payout list ("THÁNG 7 NĂM 2026", "Kỳ 07/2026") and the
// programme ("… TRỢ CẤP XÃ HỘI …", "… NGƯỜI CÓ CÔNG …"). Real lists carry these in the title, not
// in a column.
import type { Programme } from "../../generated/prisma/enums.ts";
import type { CommuneRef, Reference } from "./reference.ts";
import { foldKey } from "./vocabulary.ts";

export interface TitleFacts {
  commune: CommuneRef | null;
  /** "YYYY-MM" */
  month: string | null;
  programme: Programme | null;
  /** True when the list says its amounts are in thousands of đồng ("Đơn vị tính: 1.000 đồng"). */
  thousands: boolean;
  /**
   * The one year the title's months or its "NĂM 2026" name: the year of a month column that gives
   * the month only ("T12", "12"). Null when the title names none, or two.
   */
  year: number | null;
}

/** "nghìn đồng", "ngàn đ", "1.000 đồng", "1000 VNĐ" (folded): amounts written in thousands. */
export const THOUSANDS_OF_DONG = /\b(?:nghin|ngan) (?:dong|d|vnd)\b|\b1 ?000 (?:dong|d|vnd)\b/;

export function readTitles(lines: string[], ref: Reference): TitleFacts {
  const facts: TitleFacts = { commune: null, month: null, programme: null, thousands: false, year: null };
  const months = new Set<string>();
  const years = new Set<number>();
  for (const line of lines) {
    for (const part of line.split(" | ")) {
      const text = foldKey(part);
      facts.commune ??= communeIn(text, ref);
      const named = monthsIn(text);
      for (const month of named) months.add(month);
      for (const year of yearsIn(text, named)) years.add(year);
      facts.programme ??= programmeIn(text);
      if (THOUSANDS_OF_DONG.test(text)) facts.thousands = true;
    }
  }
  // A title naming two months ("THÁNG 11 VÀ THÁNG 12 NĂM 2026") is a list of both: never one of them.
  facts.month = months.size === 1 ? [...months][0]! : null;
  facts.year = years.size === 1 ? [...years][0]! : null;
  return facts;
}

function communeIn(text: string, ref: Reference): CommuneRef | null {
  // "Cộng hòa xã hội chủ nghĩa" and "trợ cấp xã hội" name no commune.
  const re = /\b(xa|phuong|dac khu)\s+(?!hoi\b)([a-z0-9 ]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const words = m[2]!.split(" ").slice(0, 6);
    for (let n = words.length; n >= 1; n--) {
      const found = ref.commune(`${m[1]} ${words.slice(0, n).join(" ")}`);
      if (found.ok) return found.value;
    }
  }
  return null;
}

/**
 * The payout months a title line names ("THÁNG 7 NĂM 2026", "Kỳ 07/2026"; "THÁNG 11 VÀ THÁNG 12 NĂM
 * 2026" names two). Not a month: a day's date (the place and date under the motto, "(Kèm theo Quyết
 * định số … ngày 20 tháng 11 năm 2026)") or a span of back pay ("TỪ THÁNG 01/2026 ĐẾN THÁNG 06/2026").
 */
export function monthsIn(text: string): string[] {
  const plain = withoutDatesAndSpans(text);
  const found: string[] = [];
  // "tháng 11 và tháng 12 năm 2026", "tháng 11, 12 năm 2026": each month takes the year written after it.
  const re =
    /\b(?:thang|ky(?:\s+chi\s+tra)?(?:\s+thang)?)\s*(\d{1,2})((?:\s*(?:va|\s)\s*(?:thang\s*)?\d{1,2})*)\s*(?:nam|\s)\s*(\d{4})\b/g;
  for (let m = re.exec(plain); m; m = re.exec(plain)) {
    const numbers = [m[1]!, ...(m[2]!.match(/\d{1,2}/g) ?? [])].map(Number);
    for (const month of numbers) if (month >= 1 && month <= 12) found.push(`${m[3]}-${String(month).padStart(2, "0")}`);
  }
  return found;
}

/**
 * The years a title line names as the list's own: those of its months, and "NĂM 2026" on its own
 * ("DANH SÁCH CHI TRẢ NĂM 2026"); never the year of a day's date or of a span of back pay. `months`:
 * the line's months when the caller has read them already.
 */
export function yearsIn(text: string, months: string[] = monthsIn(text)): number[] {
  const fromMonths = months.map((m) => Number(m.slice(0, 4)));
  const alone = [...withoutDatesAndSpans(text).matchAll(/\bnam\s*(\d{4})\b/g)].map((m) => Number(m[1]));
  return [...new Set([...fromMonths, ...alone])].filter((y) => y >= 2000 && y <= 2100);
}

function withoutDatesAndSpans(text: string): string {
  return text
    .replace(/[/.-]/g, " ")
    .replace(/\bngay\s*\d{1,2}\s+(?:thang\s*)?\d{1,2}\s*(?:nam\s*)?\d{4}\b/g, " ")
    .replace(
      /\btu\s+(?:thang|ky)\s*\d{1,2}\s*(?:nam\s*)?(?:\d{4}\s*)?den\s+(?:thang|ky)?\s*\d{1,2}\s*(?:nam\s*)?\d{4}\b/g,
      " ",
    );
}

function programmeIn(text: string): Programme | null {
  if (/\b(nguoi co cong|uu dai)\b/.test(text)) return "NCC";
  if (/\b(tro cap xa hoi|bao tro xa hoi|tro giup xa hoi|huu tri xa hoi)\b/.test(text)) return "BTXH";
  return null;
}
