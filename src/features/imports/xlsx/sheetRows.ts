// Reads one worksheet of an .xlsx file row by row as it inflates, turning each cell into what the
// officer sees (text, number, date, true/false). Merged cells are filled with their top-left
// value, as a reader of the printed list understands them; which columns are hidden is kept.
import type { Cell } from "../table.ts";
import { ArchiveError, type ZipArchive } from "./zipArchive.ts";
import { MAX_ELEMENT_CHARS } from "./workbookParts.ts";
import { attributes, cellRef, decodeXml, elements, stringItemText } from "./xmlText.ts";

export interface SheetRow {
  /** Row number as Excel shows it. */
  row: number;
  cells: Cell[];
  /** Columns whose value comes from a merged cell to the left (not typed in this column). */
  continued?: Set<number>;
}

export interface SheetLayout {
  hiddenColumns: Set<number>;
  merges: Merge[];
}

export interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Excel's cell limit (ECMA-376 allows more, Excel never writes more). */
export const MAX_CELL_CHARS = 32_767;

export interface CellContext {
  shared: string[];
  /** A text as Unicode (NFC), legacy-coded text converted. */
  text: (raw: string) => string;
  dateStyles: boolean[];
  date1904: boolean;
}

/** First pass: the hidden columns (before the rows) and the merged ranges (after them). */
export async function sheetLayout(zip: ZipArchive, path: string): Promise<SheetLayout> {
  let head = "";
  let tail = "";
  let phase: "head" | "rows" | "tail" = "head";
  for await (const chunk of zip.stream(path)) {
    if (phase === "head") {
      head += chunk;
      const at = head.search(/<(?:[\w.-]+:)?sheetData\b/);
      if (at < 0) {
        if (head.length > MAX_ELEMENT_CHARS) throw new ArchiveError("file_too_complex");
        continue;
      }
      tail = head.slice(at);
      head = head.slice(0, at);
      phase = "rows";
    } else tail += chunk;
    if (phase === "rows") {
      const end = tail.search(/<\/(?:[\w.-]+:)?sheetData>|<(?:[\w.-]+:)?sheetData\b[^>]*\/>/);
      if (end < 0) {
        tail = tail.slice(-64);
        continue;
      }
      tail = tail.slice(end);
      phase = "tail";
    }
    if (tail.length > 50 * MAX_ELEMENT_CHARS) throw new ArchiveError("file_too_complex");
  }
  const hiddenColumns = new Set<number>();
  for (const el of elements(head, "col")) {
    const a = attributes(el.attrs);
    const hidden =
      a.get("hidden") === "1" ||
      a.get("hidden") === "true" ||
      (a.get("customWidth") === "1" && Number(a.get("width")) === 0);
    if (!hidden) continue;
    const min = Number(a.get("min"));
    const max = Math.min(Number(a.get("max")), min + 1000);
    for (let c = min; c <= max; c++) hiddenColumns.add(c - 1);
  }
  const merges: Merge[] = [];
  for (const el of elements(tail, "mergeCell")) {
    const [from, to] = (attributes(el.attrs).get("ref") ?? "").split(":");
    const a = cellRef(from ?? "");
    const b = cellRef(to ?? from ?? "");
    if (a && b)
      merges.push({
        r1: Math.min(a.row, b.row),
        c1: Math.min(a.col, b.col),
        r2: Math.max(a.row, b.row),
        c2: Math.min(Math.max(a.col, b.col), a.col + 200),
      });
  }
  return { hiddenColumns, merges };
}

/** Second pass: the rows, with merged ranges filled in. */
export async function* sheetRows(
  zip: ZipArchive,
  path: string,
  ctx: CellContext,
  layout: SheetLayout,
): AsyncGenerator<SheetRow> {
  const rowRe = /<(?:[\w.-]+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?row>)/g;
  const merged = new MergeFill(layout.merges);
  let pending = "";
  let lastRow = 0;
  for await (const chunk of zip.stream(path)) {
    pending += chunk;
    rowRe.lastIndex = 0;
    let consumed = 0;
    for (let m = rowRe.exec(pending); m; m = rowRe.exec(pending)) {
      consumed = rowRe.lastIndex;
      const r = Number(/(?:^|\s)r\s*=\s*"(\d+)"/.exec(m[1] ?? "")?.[1]);
      const row = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
      lastRow = row;
      const cells = m[2] ? readCells(m[2], ctx) : [];
      const out = merged.apply(row, cells);
      if (out.cells.some((c) => c !== null)) yield out;
    }
    pending = pending.slice(consumed);
    if (pending.length > MAX_ELEMENT_CHARS) throw new ArchiveError("file_too_complex");
  }
}

const CELL = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const VALUE = /<(?:[\w.-]+:)?v\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const INLINE = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
// Excel counts days from 1899-12-30 (keeping Lotus 1-2-3's leap-year bug); Mac files may count from 1904.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function readCells(xml: string, ctx: CellContext): Cell[] {
  const cells: Cell[] = [];
  let next = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(xml); m; m = CELL.exec(xml)) {
    const a = cellAttributes(m[1] ?? "");
    const col = cellRef(a.get("r") ?? "")?.col ?? next;
    next = col + 1;
    if (col > 16_383) continue; // beyond Excel's last column XFD
    while (cells.length < col) cells.push(null);
    cells[col] = cellValue(a, m[2] ?? "", ctx);
  }
  return cells;
}

/** The three attributes a cell has (r, s, t): read without the general attribute parser, a cell at a time. */
function cellAttributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  CELL_ATTR.lastIndex = 0;
  for (let m = CELL_ATTR.exec(tag); m; m = CELL_ATTR.exec(tag)) out.set(m[1]!, m[2]!);
  return out;
}
const CELL_ATTR = /(?:^|\s)(r|s|t)\s*=\s*"([^"]*)"/g;

function cellValue(a: Map<string, string>, inner: string, ctx: CellContext): Cell {
  const type = a.get("t") ?? "n";
  let value: Cell;
  if (type === "inlineStr") value = ctx.text(stringItemText(INLINE.exec(inner)?.[1] ?? ""));
  else {
    const raw = VALUE.exec(inner)?.[1];
    if (raw === undefined) return null;
    if (type === "s") value = ctx.shared[Number(raw)] ?? null;
    else if (type === "str") value = ctx.text(decodeXml(raw));
    else if (type === "b") value = raw.trim() === "1";
    else if (type === "e")
      value = null; // #N/A, #REF! …
    else if (type === "d") {
      const d = new Date(decodeXml(raw));
      value = Number.isNaN(d.getTime()) ? decodeXml(raw) : d;
    } else {
      const n = Number(raw);
      if (!Number.isFinite(n)) value = decodeXml(raw);
      else if (ctx.dateStyles[Number(a.get("s") ?? "0")]) {
        value = new Date((ctx.date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(n * 86_400_000));
      } else value = n;
    }
  }
  if (typeof value === "string" && value.length > MAX_CELL_CHARS) throw new ArchiveError("file_too_complex");
  return value;
}

/** Carries a merged range's top-left value into every cell of the range. */
class MergeFill {
  private readonly byRow = new Map<number, Merge[]>();
  private readonly values = new Map<Merge, Cell>();

  constructor(merges: Merge[]) {
    // Tall merges (a signature column over the whole list) are filled only where rows exist.
    for (const m of merges) (this.byRow.get(m.r1) ?? this.byRow.set(m.r1, []).get(m.r1)!).push(m);
  }

  apply(row: number, cells: Cell[]): SheetRow {
    if (this.values.size === 0 && !this.byRow.has(row)) return { row, cells };
    for (const m of this.byRow.get(row) ?? []) this.values.set(m, cells[m.c1] ?? null);
    let continued: Set<number> | undefined;
    for (const [m, value] of this.values) {
      if (row > m.r2) {
        this.values.delete(m);
        continue;
      }
      if (row < m.r1 || value === null) continue;
      while (cells.length <= m.c2) cells.push(null);
      for (let c = m.c1; c <= m.c2; c++) {
        if (c === m.c1 && row === m.r1) continue;
        cells[c] = value;
        if (c > m.c1) (continued ??= new Set()).add(c);
      }
    }
    return continued ? { row, cells, continued } : { row, cells };
  }
}
