// Reads an officer's spreadsheet (XLSX, or CSV as saved by Excel) into plain rows of cells,
// keeping the row numbers Excel shows so error reports point at the right line.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { withoutNul } from "../../lib/text.ts";

export type Cell = string | number | Date | boolean | null;

export interface TableRow {
  /** Row number as Excel shows it (first line = 1). */
  row: number;
  cells: Cell[];
}

export type ReadResult = { ok: true; rows: TableRow[] } | { ok: false; code: "file_unreadable" | "file_empty" };

export async function readTable(fileName: string, data: Buffer): Promise<ReadResult> {
  let rows: TableRow[];
  try {
    rows = isXlsx(fileName, data) ? await readXlsx(data) : readCsv(data);
  } catch {
    return { ok: false, code: "file_unreadable" };
  }
  const nonEmpty = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  return nonEmpty.length === 0 ? { ok: false, code: "file_empty" } : { ok: true, rows: nonEmpty };
}

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

function isXlsx(fileName: string, data: Buffer): boolean {
  // XLSX is a zip archive: "PK\x03\x04".
  return data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || /\.xlsx$/i.test(fileName);
}

/**
 * CSV bytes as text. Excel's "Unicode text" export is UTF-16 (little-endian, with a byte-order
 * mark); everything else is read as UTF-8. NUL characters never belong in a cell and the database
 * refuses them, so they are dropped.
 */
export function decodeText(data: Buffer): string {
  let text: string;
  if (data[0] === 0xff && data[1] === 0xfe) text = data.subarray(2).toString("utf16le");
  else if (data[0] === 0xfe && data[1] === 0xff) text = Buffer.from(data.subarray(2)).swap16().toString("utf16le");
  else if (looksLikeUtf16le(data)) text = data.toString("utf16le");
  else text = data.toString("utf8");
  return withoutNul(text.replace(/^\uFEFF/, ""));
}

/** UTF-16 text without a mark: mostly ASCII, so every second byte is zero. */
function looksLikeUtf16le(data: Buffer): boolean {
  const sample = data.subarray(0, Math.min(data.length, 512) & ~1);
  if (sample.length < 4) return false;
  let zeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) zeros++;
  return zeros >= (sample.length / 2) * 0.6;
}

function readCsv(data: Buffer): TableRow[] {
  const text = decodeText(data);
  // Excel in Vietnamese (and other comma-decimal) locales saves CSV with ";" between fields.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [";", "\t", ","].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ",");
  const records = z.array(z.array(z.string())).parse(
    parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }),
  );
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c.trim() === "" ? null : c)) }));
}

async function readXlsx(data: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(data).buffer);
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let col = 1; col <= row.cellCount; col++) cells.push(toCell(row.getCell(col).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

const richText = z.object({ richText: z.array(z.object({ text: z.string() })) });
const withResult = z.object({ result: z.unknown() });
const hyperlink = z.object({ text: z.unknown() });

/** exceljs cell values come in several shapes (rich text, formulas, links); keep what the officer sees. */
function toCell(value: unknown, depth = 0): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return withoutNul(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (depth > 2) return null;
  const rich = richText.safeParse(value);
  if (rich.success) return rich.data.richText.map((r) => r.text).join("");
  const formula = withResult.safeParse(value);
  if (formula.success) return toCell(formula.data.result, depth + 1);
  const link = hyperlink.safeParse(value);
  if (link.success) return toCell(link.data.text, depth + 1);
  return null; // error values (#N/A …)
}
