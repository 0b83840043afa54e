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
}

export function readTitles(lines: string[], ref: Reference): TitleFacts {
  const facts: TitleFacts = { commune: null, month: null, programme: null };
  for (const line of lines) {
    for (const part of line.split(" | ")) {
      const text = foldKey(part);
      facts.commune ??= communeIn(text, ref);
      facts.month ??= monthIn(text);
      facts.programme ??= programmeIn(text);
    }
  }
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

export function monthIn(text: string): string | null {
  const m = /\b(?:thang|ky)\s*(\d{1,2})\s*(?:nam|\s)\s*(\d{4})\b/.exec(text.replace(/[/.-]/g, " "));
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? `${m[2]}-${String(month).padStart(2, "0")}` : null;
}

function programmeIn(text: string): Programme | null {
  if (/\b(nguoi co cong|uu dai)\b/.test(text)) return "NCC";
  if (/\b(tro cap xa hoi|bao tro xa hoi|tro giup xa hoi|huu tri xa hoi)\b/.test(text)) return "BTXH";
  return null;
}
