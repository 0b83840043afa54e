// Reads the category cell of a list: codes ("BTXH_OLD_80", "NCC_WAR_INVALID:41"), the policy's own
// names, the usual short forms ("NKT nặng", "Bà mẹ VNAH"), a decree point ("Điểm c khoản 5 Điều 5
// Nghị định 20/2021/NĐ-CP") and officers' own wordings. A wording that fits several categories is
// narrowed by the categories in force and by the person's age where the decree sets age bands;
// otherwise it is reported with its candidates, never guessed. A category the law has ended is
// reported with the law that ended it and the category that replaced it.
import { z } from "zod";
import wordingsFile from "./data/categoryWordings.json" with { type: "json" };
import { fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { formatDate } from "../../lib/format.ts";
import type { Params, Parsed } from "./cellParsers.ts";
import type { CategoryEntry, VocabularyData } from "./categoryVocabulary.ts";
import { foldKey } from "./vocabulary.ts";

export interface CategoryChoice {
  categoryId: string;
  code: string;
  rate: number | null;
}

export interface CategoryReader {
  byCode: Map<string, CategoryEntry>;
  /**
   * `age` in whole years on the reference day, when the birth date is known; `martyrs`, the number
   * of martyrs a relative's list gives in a column of its own; `level`, the disability level a
   * list of people with disabilities gives in a column of its own (*Mức độ khuyết tật*).
   */
  read(
    text: string,
    age: number | null,
    martyrs?: number | null,
    level?: DisabilityLevel | null,
  ): Parsed<CategoryChoice[]>;
}

const DISABILITY_LEVELS = ["SEVERE", "ESPECIALLY_SEVERE"] as const;
export type DisabilityLevel = (typeof DISABILITY_LEVELS)[number];

const band = z.tuple([z.number().int().nullable(), z.number().int().nullable()]);
const wordingsSchema = z.object({
  ageBands: z.record(z.string(), z.array(band)),
  martyrBands: z.record(z.string(), band),
  disabilityLevels: z.record(z.string(), z.enum(DISABILITY_LEVELS)),
  decreePoints: z.array(
    z.object({
      decree: z.string(),
      article: z.number().int(),
      clause: z.number().int(),
      point: z.string().nullable(),
      codes: z.array(z.string()),
    }),
  ),
  wordings: z.array(z.object({ wording: z.string(), codes: z.array(z.string()) })),
});
const builtIn = wordingsSchema.parse(wordingsFile);

// "Điểm c khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP", "đ5 k5 điểm c", "Khoản 5, Điều 5 NĐ 20", and the
// compact forms of a register's column ("Đ5K5a", "K5a Đ5", "k.5a đ.5"): a letter right after the
// clause's number is its point, unless a number follows it ("K5 Đ5" is clause 5 of article 5).
const POINT = /\b(?:diem|d)\s*([a-h])\b/;
const CLAUSE = /\b(?:khoan|k)\s*(\d{1,2})(?:\s*([a-h])\b(?!\s*\d))?/;
const ARTICLE = /\b(?:dieu|d)\s*(\d{1,2})\b/;
const DECREE = /\b(?:nghi dinh|nd)\s*(?:so\s*)?(\d{1,4})(?:\s+(\d{4}))?/;

/** What the row says besides the wording: the person's age, the number of martyrs, the disability level. */
interface Known {
  age: number | null;
  martyrs: number | null;
  level: DisabilityLevel | null;
}

export function categoryReader(data: VocabularyData, today: CalendarDate): CategoryReader {
  const byCode = new Map(data.categories.map((c) => [c.code, c]));
  // A category the law has ended is no candidate for a wording, and no category to give anyone.
  const inForce = (code: string) => {
    const end = byCode.get(code)!.effectiveTo;
    return !end || fromDbDate(end) >= today;
  };
  const known = (codes: string[]) => codes.filter((c) => byCode.has(c));
  const words = new Map<string, string[]>();
  const add = (wording: string, codes: string[], override = false) => {
    const key = wordKey(wording);
    const list = known(codes);
    if (!key || list.length === 0) return;
    if (override || !words.has(key)) words.set(key, list);
    else words.set(key, [...new Set([...words.get(key)!, ...list])]);
  };
  // Official names first (a name is its own category), then name heads shared by several
  // categories ("Người cao tuổi thuộc hộ nghèo…" before the age), then the usual short forms.
  for (const c of data.categories) for (const n of [c.name, c.nameEn]) add(n, [c.code]);
  const heads = new Map<string, string[]>();
  for (const c of data.categories) {
    const head = c.name.split(/[,;]/)[0]!;
    if (head !== c.name) (heads.get(head) ?? heads.set(head, []).get(head)!).push(c.code);
  }
  for (const [head, codes] of heads) if (!words.has(wordKey(head))) add(head, codes);
  for (const w of builtIn.wordings) if (!words.has(wordKey(w.wording))) add(w.wording, w.codes);
  for (const a of data.aliases) add(a.wording, [a.target], true);

  const within = (n: number, [from, to]: z.infer<typeof band>) =>
    (from === null || n >= from) && (to === null || n < to);
  const fits = (code: string, known: Known) => {
    const bands = builtIn.ageBands[code];
    const count = builtIn.martyrBands[code];
    const level = builtIn.disabilityLevels[code];
    return (
      (known.age === null || !bands || bands.some((b) => within(known.age!, b))) &&
      (known.martyrs === null || !count || within(known.martyrs, count)) &&
      (known.level === null || !level || level === known.level)
    );
  };
  const choose = (codes: string[], known: Known, shown: string, rate: number | null): Parsed<CategoryChoice[]> => {
    // Among several, a repealed category stands for the one that replaced it: a wording that fits
    // both "80 or over, poor, no carer" and the repealed "80 or over, no pension" is still two
    // categories in force today, never one of them by elimination.
    const successor = (c: string) => {
      const next = byCode.get(c)!.replacedByCode;
      return inForce(c) || !next || !byCode.has(next) ? c : next;
    };
    const current = codes.length > 1 ? [...new Set(codes.map(successor))] : codes;
    // "NKT nặng" beside a level column that says "Đặc biệt nặng": the row contradicts itself.
    if (known.level !== null && current.every((c) => !fits(c, { age: null, martyrs: null, level: known.level })))
      return fail("disability_level_conflict", { value: shown });
    const narrowed = current.length > 1 ? current.filter((c) => fits(c, known)) : current;
    const list = narrowed.length === 0 ? current : narrowed;
    const only = list.length === 1 ? list[0]! : null;
    // The one left is a repealed category, or stands for one the wording named (its successor).
    const ended =
      only !== null && (!inForce(only) || !codes.includes(only))
        ? (codes.find((c) => c !== only && successor(c) === only) ?? only)
        : null;
    if (ended !== null) {
      const e = byCode.get(ended)!;
      const next = e.replacedByCode ? byCode.get(e.replacedByCode) : undefined;
      const facts = {
        value: shown,
        code: e.code,
        until: formatDate(fromDbDate(e.effectiveTo!)),
        basis: e.repealedBy ?? "",
      };
      return next
        ? fail("category_repealed", { ...facts, replacement: `${next.code} (${next.name})` })
        : fail("category_repealed_plain", facts);
    }
    // "Thân nhân 1 liệt sĩ" beside a column that says 2: the row contradicts itself.
    if (
      list.length === 1 &&
      known.martyrs !== null &&
      !fits(list[0]!, { age: null, martyrs: known.martyrs, level: null })
    )
      return fail("martyrs_conflict", { value: shown, martyrs: known.martyrs });
    if (list.length > 1)
      return fail("category_ambiguous", {
        value: shown,
        candidates: list.map((c) => `${c} (${byCode.get(c)!.name})`).join("; "),
      });
    const c = byCode.get(list[0]!)!;
    return { ok: true, value: [{ categoryId: c.id, code: c.code, rate }] };
  };

  const one = (part: string, known: Known): Parsed<CategoryChoice[]> | null => {
    const shown = part.slice(0, 80);
    const code = /^([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*(\d{1,3}))?$/.exec(part);
    if (code && byCode.has(code[1]!.toUpperCase()))
      return choose([code[1]!.toUpperCase()], known, shown, code[2] ? Number(code[2]) : null);
    // A rate written with the words: "Thương binh 41%", "Đơn thân nuôi 2 con".
    const percent = /(\d{1,3})\s*%/.exec(part);
    const children = /nu[oô]i\s+(\d{1,2})\s+con/i.exec(part);
    const rate = percent ? Number(percent[1]) : children ? Number(children[1]) : null;
    const bare = part
      .replace(/\(?\s*(tỷ lệ|tỉ lệ|ty le)?\s*\d{1,3}\s*%\s*\)?/i, " ")
      .replace(/nu[oô]i\s+\d{1,2}\s+con/i, "nuôi con");
    const listed = words.get(wordKey(bare)) ?? words.get(wordKey(part));
    if (listed) return choose(listed, known, shown, rate);
    const point = decreePoint(part);
    if (point) return point.length === 0 ? null : choose(point, known, shown, rate);
    return null;
  };

  // A list repeats a few wordings thousands of times: each wording (and age) is read once.
  const cache = new Map<string, Parsed<CategoryChoice[]>>();
  const readCached = (
    text: string,
    age: number | null,
    martyrs: number | null = null,
    level: DisabilityLevel | null = null,
  ): Parsed<CategoryChoice[]> => {
    const key = `${age ?? ""}\u0000${martyrs ?? ""}\u0000${level ?? ""}\u0000${text}`;
    let found = cache.get(key);
    if (!found) {
      found = readText(text, { age, martyrs, level });
      if (cache.size < 20_000) cache.set(key, found);
    }
    return found;
  };
  return { byCode, read: readCached };

  function readText(text: string, known: Known): Parsed<CategoryChoice[]> {
    const whole = one(text, known);
    if (whole) return whole;
    const out: CategoryChoice[] = [];
    // "NKT nặng; Đơn thân nuôi 2 con": parts by ";" (or a new line), and by "," only when a part
    // is not itself a known wording (official names have commas in them).
    for (const part of splitParts(text, /[;\n]|\s\+\s/)) {
      // "NCT cô đơn, NKT nặng", "NCT cô đơn và NKT nặng" — unless the whole is one name ("… và miền núi").
      const pieces = one(part, known) ? [part] : splitParts(part, /,|\s+(?:và|va)\s+/i);
      for (const piece of pieces) {
        const r = one(piece, known);
        if (!r) return fail("category_unknown", { value: (pieces.length > 1 ? part : piece).slice(0, 80) });
        if (!r.ok) return r;
        for (const c of r.value) if (!out.some((o) => o.code === c.code)) out.push(c);
      }
    }
    return out.length > 0 ? { ok: true, value: out } : fail("category_unknown", { value: text.slice(0, 80) });
  }

  function decreePoint(text: string): string[] | null {
    const key = foldKey(text)
      .replace(/(\d+) (\d{4}) nd cp/, "$1 $2")
      // "d5k5a" → "d 5 k 5 a": letters and numbers written together are separate words.
      .replace(/(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/g, " ");
    const clause = CLAUSE.exec(key);
    const article = ARTICLE.exec(key.replace(CLAUSE, " ").replace(POINT, " "));
    if (!clause || !article) return null;
    const point = clause[2] ?? POINT.exec(key.replace(CLAUSE, " "))?.[1] ?? null;
    const decree = DECREE.exec(key);
    const entries = builtIn.decreePoints.filter(
      (e) =>
        e.article === Number(article[1]) &&
        e.clause === Number(clause[1]) &&
        (!decree || (e.decree.startsWith(`${decree[1]}/`) && (!decree[2] || e.decree === `${decree[1]}/${decree[2]}`))),
    );
    const pointed = point ? entries.filter((e) => e.point === point) : [];
    const chosen = pointed.length > 0 ? pointed : entries.filter((e) => !point || e.point === null);
    return known([...new Set(chosen.flatMap((e) => e.codes))]);
  }
}

function splitParts(text: string, by: RegExp): string[] {
  return text
    .split(by)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Folded, leading zeros of numbers and the filler "của" dropped: "Thân nhân của 01 liệt sĩ" = "than nhan 1 liet si". */
export function wordKey(text: string): string {
  return foldKey(text.replace(/\([^)]*\)/g, " "))
    .replace(/\bcua\b/g, " ")
    .replace(/\b0+(\d)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function fail<T>(code: string, params: Params): Parsed<T> {
  return { ok: false, code, params };
}
