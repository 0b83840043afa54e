// Finds the list in a sheet the way a person reading it would: above it the letterhead, titles and
// the month (kept as the sheet's title lines), then a header of one or two rows, maybe a row of
// column numbers, then people, sections, totals and signatures. The header is the block of one or
// two rows whose titles name the most fields.
import { cellParsers } from "./cellParsers.ts";
import { mapHeader, type ColumnMap, type HeaderColumn } from "./headerMap.ts";
import { hasIdLike, rowKind, type RowContext, type RowKind } from "./rowKinds.ts";
import { isBlank, type SheetSource, type TableRow } from "./table.ts";
import type { ImportKind } from "./types.ts";
import { foldKey } from "./vocabulary.ts";

export interface SheetTable {
  name: string | null;
  headerRows: { first: number; last: number };
  columns: ColumnMap;
  /** The text of each row above the header (letterhead, title, month), merged cells once. */
  titles: string[];
  /** People's rows, in order; the other rows are counted in `skipped`. */
  rows: AsyncGenerator<TableRow>;
  skipped: Record<Exclude<RowKind, "data">, number>;
}

export type SheetOutcome =
  | { ok: true; table: SheetTable }
  | { ok: false; reason: "hidden" | "empty" | "no_header"; best: ColumnMap | null; bestRow: number | null };

/** How far down a header may start: letterheads and titles take ten rows at most in practice. */
const SEARCH_ROWS = 50;
const MIN_SCORE = 3;

export async function findTable(
  kind: ImportKind,
  sheet: SheetSource,
  labels: (field: string) => string[],
): Promise<SheetOutcome> {
  if (sheet.hidden) return { ok: false, reason: "hidden", best: null, bestRow: null };
  const iterator = sheet.rows[Symbol.asyncIterator]();
  const top: TableRow[] = [];
  while (top.length < SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    top.push(next.value);
  }
  if (top.length === 0) return { ok: false, reason: "empty", best: null, bestRow: null };

  let best: { at: number; depth: number; map: ColumnMap } | null = null;
  for (let at = 0; at < top.length; at++) {
    for (const depth of [1, 2]) {
      const columns = headerColumns(sheet, top, at, depth);
      if (!columns) continue;
      const map = mapHeader(kind, columns, labels);
      // A group title merged over sub-titles ("Truy lĩnh …" over "Số tháng | Số tiền") is a two-row
      // header even when its one-row reading names as many fields.
      const grouped = depth === 2 && columns.some((c) => c.continued && c.sub !== "");
      if (!best || map.score > best.map.score || (map.score === best.map.score && grouped && best.at === at))
        best = { at, depth, map };
    }
  }
  if (!best || best.map.score < MIN_SCORE || best.map.fields.size < 2) {
    return { ok: false, reason: "no_header", best: best?.map ?? null, bestRow: best ? top[best.at]!.row : null };
  }
  const { at, depth, map } = best;
  const headerKeys = new Map<number, string>();
  for (const r of top.slice(at, at + depth))
    r.cells.forEach((c, i) => !isBlank(c) && headerKeys.set(i, foldKey(cellParsers.text(c))));
  const ctx: RowContext = {
    idCol: map.fields.get("personalId")?.col ?? null,
    serialCol: map.fields.get("serial")?.col ?? null,
    nameCol: map.fields.get("fullName")?.col ?? null,
    headerKeys,
  };
  const skipped = { numbers: 0, section: 0, footer: 0, header: 0 };
  return {
    ok: true,
    table: {
      name: sheet.name,
      headerRows: { first: top[at]!.row, last: top[at + depth - 1]!.row },
      columns: map,
      titles: top
        .slice(0, at)
        .map(titleText)
        .filter((t) => t !== ""),
      rows: dataRows(top.slice(at + depth), iterator, ctx, skipped),
      skipped,
    },
  };
}

/** The titles of rows `at`…`at+depth-1` per column, or null when those rows cannot be a header. */
function headerColumns(sheet: SheetSource, rows: TableRow[], at: number, depth: number): HeaderColumn[] | null {
  const first = rows[at]!;
  const second = depth === 2 ? rows[at + 1] : undefined;
  if (depth === 2 && (!second || second.row !== first.row + 1 || looksLikeData(second) || isOneTitle(first)))
    return null;
  const width = Math.max(first.cells.length, second?.cells.length ?? 0);
  const text = (r: TableRow | undefined, c: number) => (r ? cellParsers.text(r.cells[c] ?? null) : "");
  const out: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    let topText = text(first, c);
    let continued = first.continued?.has(c) ?? false;
    const sub = text(second, c);
    // Without merge information (CSV), a blank group cell belongs to the group on its left.
    if (second && topText === "" && sub !== "" && c > 0 && out[c - 1]!.sub !== "" && out[c - 1]!.top !== "") {
      topText = out[c - 1]!.top;
      continued = true;
    }
    out.push({ col: c, top: topText, sub, hidden: sheet.hiddenColumns.has(c), continued });
  }
  return out;
}

/** A line merged across the table ("Kỳ chi trả: Tháng 12 năm 2026") is a title, not a group of columns. */
function isOneTitle(row: TableRow): boolean {
  const texts = new Set<string>();
  let filled = 0;
  for (const c of row.cells) {
    if (isBlank(c)) continue;
    filled++;
    texts.add(cellParsers.text(c));
  }
  return texts.size === 1 && filled >= 3;
}

function looksLikeData(row: TableRow): boolean {
  return row.cells.some(
    (c) =>
      c instanceof Date ||
      (typeof c === "number" && c > 10_000) ||
      /^\d{9,12}$/.test(cellParsers.text(c).replace(/\s/g, "")),
  );
}

function titleText(row: TableRow): string {
  const seen: string[] = [];
  for (const c of row.cells) {
    const t = cellParsers.text(c);
    if (t !== "" && !seen.includes(t)) seen.push(t);
  }
  return seen.join(" | ");
}

async function* dataRows(
  buffered: TableRow[],
  rest: AsyncIterator<TableRow>,
  ctx: RowContext,
  skipped: SheetTable["skipped"],
): AsyncGenerator<TableRow> {
  let inFooter = false;
  const one = (row: TableRow): TableRow | null => {
    const kind = rowKind(row, ctx);
    if (kind === "footer") inFooter = true;
    // After the total, the amount in words and the signatures come the signers' names.
    else if (inFooter && !hasIdLike(row, ctx)) {
      skipped.footer++;
      return null;
    } else if (kind === "data") {
      inFooter = false;
      return row;
    }
    skipped[kind]++;
    return null;
  };
  for (const row of buffered) {
    const r = one(row);
    if (r) yield r;
  }
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const r = one(next.value);
    if (r) yield r;
  }
}
