// Maps the titles of a header block (one row, or a group title over sub-titles) to fields. A
// column is taken for a field by its best-matching title; a second column with the same meaning,
// an unknown title, or a hidden column is not imported and is said so once in the summary.
import { FIELD_SPECS, OTHER_PERSON, type FieldSpec } from "./fieldSpecs.ts";
import type { ImportKind } from "./types.ts";
import { foldKey } from "./vocabulary.ts";
import { columnLetter } from "./xlsx/xmlText.ts";

export interface HeaderColumn {
  col: number;
  /** Group title (the upper row of a two-row header, merged cells filled), or the only title. */
  top: string;
  /** Sub-title of a two-row header; "" for a one-row header. */
  sub: string;
  hidden: boolean;
  /** The title is a merged cell's, carried in from a column to the left. */
  continued: boolean;
}

export interface MappedColumn {
  col: number;
  letter: string;
  /** The title as the officer wrote it. */
  header: string;
}

export interface ColumnMap {
  fields: Map<string, MappedColumn>;
  /** Visible titled columns the import does not store, with why. */
  ignored: (MappedColumn & { reason: "unknown" | "duplicate" })[];
  /** Hidden columns, never read; `field` is what the title would have meant. */
  hidden: (MappedColumn & { field: string | null })[];
  /** How many fields were recognised (the header finder's score). */
  score: number;
}

// Pseudo-fields of split columns: "Ngày sinh" over "Nam | Nữ" (the column holding the date tells
// the sex), "Giới tính" over "Nam | Nữ" (a mark in one of them), "Ngày sinh" over "Ngày | Tháng | Năm".
export const SPLIT_FIELDS = ["dobMale", "dobFemale", "sexMale", "sexFemale", "dobDay", "dobMonth", "dobYear"] as const;

interface Match {
  field: string;
  strength: number;
  via: "combined" | "sub" | "top";
}

export function mapHeader(kind: ImportKind, columns: HeaderColumn[], labels: (field: string) => string[]): ColumnMap {
  const lookup = buildLookup(FIELD_SPECS[kind], labels);
  const groups = new Map<string, string[]>();
  for (const c of columns) {
    const top = clean(c.top);
    if (c.sub) (groups.get(top) ?? groups.set(top, []).get(top)!).push(clean(c.sub));
  }
  const matches = columns.map((c) =>
    c.continued && !c.sub ? null : matchColumn(kind, c, lookup, groups.get(clean(c.top)) ?? []),
  );
  if (kind === "beneficiaries") birthDateParts(columns, matches);

  const best = new Map<string, { c: HeaderColumn; m: Match }>();
  columns.forEach((c, i) => {
    const m = matches[i];
    if (!m || c.hidden) return;
    const seen = best.get(m.field);
    if (!seen || m.strength > seen.m.strength) best.set(m.field, { c, m });
  });
  const fields = new Map<string, MappedColumn>();
  for (const [field, { c, m }] of best)
    fields.set(field, { col: c.col, letter: columnLetter(c.col), header: shown(c, m.via) });

  const ignored: ColumnMap["ignored"] = [];
  const hidden: ColumnMap["hidden"] = [];
  columns.forEach((c, i) => {
    const title = shown(c, "combined");
    if (title === "") return;
    const m = matches[i];
    const column = { col: c.col, letter: columnLetter(c.col), header: title };
    if (c.hidden) hidden.push({ ...column, field: m?.field ?? null });
    else if (c.continued && !c.sub) return;
    else if (!m) ignored.push({ ...column, reason: "unknown" });
    else if (fields.get(m.field)?.col !== c.col) ignored.push({ ...column, reason: "duplicate" });
  });
  const score =
    [...fields.keys()].filter((f) => f !== "serial").length +
    (fields.has("personalId") ? 2 : 0) +
    (fields.has("fullName") ? 1 : 0);
  return { fields, ignored, hidden, score };
}

type Lookup = { exact: Map<string, string>; prefixes: [string, string][]; weak: Map<string, string> };

function buildLookup(specs: FieldSpec[], labels: (field: string) => string[]): Lookup {
  const exact = new Map<string, string>();
  const weak = new Map<string, string>();
  const prefixes: [string, string][] = [];
  for (const spec of specs) {
    for (const alias of [...spec.aliases, ...labels(spec.field)]) {
      const key = foldKey(alias);
      if (key && !exact.has(key)) exact.set(key, spec.field);
    }
    for (const w of spec.weak ?? []) weak.set(foldKey(w), spec.field);
    for (const p of spec.prefixes ?? []) prefixes.push([foldKey(p), spec.field]);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return { exact, prefixes, weak };
}

function matchColumn(kind: ImportKind, c: HeaderColumn, lookup: Lookup, siblings: string[]): Match | null {
  const top = clean(c.top);
  const sub = clean(c.sub);
  // "Ký" (sign here) and "Kỳ" (the period) differ only by their accent.
  if (isSignature(c.top) || isSignature(c.sub)) return null;
  const combined = sub && sub !== top ? `${top} ${sub}` : top;
  const plain = (text: string): { field: string; strength: number } | null => {
    if (!text) return null;
    const e = lookup.exact.get(text);
    if (e) return { field: e, strength: 3 };
    if (!OTHER_PERSON.test(text)) {
      const p = lookup.prefixes.find(([prefix]) => text.startsWith(`${prefix} `));
      if (p) return { field: p[1], strength: 2 };
    }
    const w = lookup.weak.get(text);
    return w ? { field: w, strength: 1 } : null;
  };
  if (kind === "beneficiaries") {
    const split = splitField(top, sub, siblings, plain);
    if (split) return { field: split, strength: 3, via: "combined" };
  }
  if (sub && sub !== top) {
    // "Truy lĩnh từ 01/2026 đến 06/2026" over "Số tháng | Số tiền": the months are a count, and the
    // money under a part's title is that part.
    if (/^so thang\b/.test(sub)) return null;
    const group = plain(top);
    if (group?.field.startsWith("part") && /^(so tien|thanh tien|tien)( dong)?$/.test(sub))
      return { field: group.field, strength: 3, via: "combined" };
  }
  const viaCombined = plain(combined);
  const viaSub = sub ? plain(sub) : null;
  // "Số tiền" over "Truy lĩnh": the sub-title names the column exactly, the group only by its start.
  if (viaSub && viaSub.strength > (viaCombined?.strength ?? 0)) return { ...viaSub, via: "sub" };
  if (viaCombined) return { ...viaCombined, via: "combined" };
  // A group title over sub-titles names the group, not each column — unless the cell spans both rows.
  const viaTop = sub && sub !== top ? null : plain(top);
  return viaTop ? { ...viaTop, via: "top" } : null;
}

/**
 * "Ngày | Tháng | Năm" side by side with no "Ngày sinh" over them (each merged down, or a one-row
 * header) is the birth date in three columns: on a list of people no other date is kept that way.
 * Read together, so that "Năm" there is the year and not "Nam" (male).
 */
function birthDateParts(columns: HeaderColumn[], matches: (Match | null)[]): void {
  const own = (c: HeaderColumn | undefined): string | null => {
    if (!c) return null;
    const top = clean(c.top);
    const sub = clean(c.sub);
    return !sub || sub === top ? top : top === "" ? sub : null;
  };
  for (let i = 0; i + 2 < columns.length; i++) {
    const [d, m, y] = [columns[i], columns[i + 1], columns[i + 2]];
    if (own(d) !== "ngay" || own(m) !== "thang" || own(y) !== "nam") continue;
    if (d!.col + 1 !== m!.col || m!.col + 1 !== y!.col) continue;
    matches[i] = { field: "dobDay", strength: 3, via: "combined" };
    matches[i + 1] = { field: "dobMonth", strength: 3, via: "combined" };
    matches[i + 2] = { field: "dobYear", strength: 3, via: "combined" };
  }
}

function splitField(
  top: string,
  sub: string,
  siblings: string[],
  plain: (t: string) => { field: string } | null,
): string | null {
  const isDob = (t: string) => plain(t)?.field === "dateOfBirth";
  // One-row variants: "Ngày sinh Nam", "Năm sinh (Nữ)".
  const one = /^(.*) (nam|nu)$/.exec(sub ? "" : top);
  if (one && isDob(one[1]!)) return one[2] === "nam" ? "dobMale" : "dobFemale";
  // "Nam" and "Nữ" alone, or each merged down beside a two-row group ("Ngày sinh" over "Ngày | Tháng | Năm").
  if ((!sub || sub === top) && (top === "nam" || top === "nu")) return top === "nam" ? "sexMale" : "sexFemale";
  if (!sub || sub === top) return null;
  if (isDob(top)) {
    if (siblings.includes("thang"))
      return sub === "ngay" ? "dobDay" : sub === "thang" ? "dobMonth" : sub === "nam" ? "dobYear" : null;
    if (sub === "nam") return "dobMale";
    if (sub === "nu") return "dobFemale";
    return null;
  }
  if ((sub === "nam" || sub === "nu") && (plain(top)?.field === "sex" || plain(top) === null))
    return sub === "nam" ? "sexMale" : "sexFemale";
  return null;
}

function isSignature(title: string): boolean {
  return title.normalize("NFC").trim().toLowerCase() === "ký";
}

/** Folded title without hints in brackets ("Ngày sinh (dd/mm/yyyy)") or required-field stars. */
export function clean(title: string): string {
  return foldKey(title.replace(/\([^)]*\)|\[[^\]]*\]|\*/g, " "));
}

function shown(c: HeaderColumn, via: Match["via"]): string {
  const top = c.top.replace(/\s+/g, " ").trim();
  const sub = c.sub.replace(/\s+/g, " ").trim();
  if (!sub || sub === top) return top;
  if (via === "sub") return sub;
  return top ? `${top} / ${sub}` : sub;
}
