// Opens an officer's file (XLSX, or CSV as Excel saves it) as a list of sheets whose rows are
// read only when asked for, so a province file is never held as one big table in memory.
import { parse } from "csv-parse";
import { z } from "zod";
import { withoutNul } from "../../lib/text.ts";
import { legacyCodedBytes, textReader } from "./legacyText.ts";
import type { FileProblem, SheetSource, TableRow } from "./table.ts";
import { sheetLayout, sheetRows } from "./xlsx/sheetRows.ts";
import { dateStyles, readSharedStrings, workbookSheets } from "./xlsx/workbookParts.ts";
import { ArchiveError, ZipArchive } from "./xlsx/zipArchive.ts";

export interface ReadLimits {
  /** Largest inflated size of one part of an .xlsx file, in bytes. */
  maxPartBytes: number;
}

export type Workbook = { ok: true; sheets: () => AsyncGenerator<SheetSource> } | { ok: false; code: FileProblem };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Excel 97-2003 (.xls) files are OLE2 compound documents.
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readWorkbook(fileName: string, data: Buffer, limits: ReadLimits): Promise<Workbook> {
  if (data.length === 0) return { ok: false, code: "file_empty" };
  if (data.subarray(0, 8).equals(OLE2)) return { ok: false, code: "file_xls" };
  if (data.subarray(0, 4).equals(ZIP) || /\.xlsx$/i.test(fileName)) return openXlsx(data, limits);
  return { ok: true, sheets: () => csvSheet(data) };
}

async function openXlsx(data: Buffer, limits: ReadLimits): Promise<Workbook> {
  try {
    const zip = new ZipArchive(data, limits.maxPartBytes);
    if (!zip.has("xl/workbook.xml") && !zip.has("_rels/.rels")) return { ok: false, code: "file_not_spreadsheet" };
    const sheets = workbookSheets(zip);
    const date1904 = /date1904\s*=\s*["'](1|true)["']/.test(zip.read("xl/workbook.xml") ?? "");
    const raw = await readSharedStrings(zip);
    // Old lists typed in the TCVN3 code (".VnTime" fonts) are read as the Vietnamese they show.
    const text = textReader(raw);
    const ctx = { shared: raw.map(text), text, dateStyles: dateStyles(zip), date1904 };
    return {
      ok: true,
      async *sheets() {
        for (const info of sheets) {
          const layout = await sheetLayout(zip, info.path);
          yield { name: info.name, hidden: info.hidden, ...layout, rows: sheetRows(zip, info.path, ctx, layout) };
        }
      },
    };
  } catch (err) {
    if (err instanceof ArchiveError) return { ok: false, code: err.code };
    return { ok: false, code: "file_unreadable" };
  }
}

/** The largest field csv-parse accepts: Excel's own cell limit, in UTF-16 units, with room to spare. */
const MAX_CSV_RECORD = 1_000_000;

async function* csvSheet(data: Buffer): AsyncGenerator<SheetSource> {
  const text = decodeText(data);
  // Excel in Vietnamese (and other comma-decimal) locales saves CSV with ";" between fields.
  const firstLine = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [";", "\t", ","].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ",");
  const read = textReader(text.slice(0, 256 * 1024).split(/[\r\n;,\t]+/));
  yield { name: null, hidden: false, hiddenColumns: new Set(), merges: [], rows: csvRows(text, delimiter, read) };
}

const record = z.array(z.string());

async function* csvRows(text: string, delimiter: string, read: (raw: string) => string): AsyncGenerator<TableRow> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    relax_quotes: true,
    max_record_size: MAX_CSV_RECORD,
    info: true,
  });
  // Fed in slices so the parser's records are taken as they come, not all at once.
  const feed = async () => {
    for (let i = 0; i < text.length; i += 256 * 1024) {
      if (!parser.write(text.slice(i, i + 256 * 1024))) await new Promise((r) => parser.once("drain", r));
    }
    parser.end();
  };
  const fed = feed().catch((err: unknown) => parser.destroy(err instanceof Error ? err : new Error(String(err))));
  try {
    for await (const item of parser) {
      const parsed = z.object({ record, info: z.object({ lines: z.number() }) }).parse(item);
      const cells = parsed.record.map((c) => (c.trim() === "" ? null : read(c)));
      if (cells.some((c) => c !== null)) yield { row: parsed.info.lines, cells };
    }
  } catch (err) {
    throw err instanceof ArchiveError
      ? err
      : new ArchiveError(String(err).includes("max_record_size") ? "file_too_complex" : "file_unreadable");
  }
  await fed;
}

/**
 * CSV bytes as text. Excel's "Unicode text" export is UTF-16 (little-endian, with a byte-order
 * mark); Excel on a Vietnamese Windows saves "CSV" in the ANSI code page, Windows-1258; anything
 * that is valid UTF-8 is read as UTF-8. A list typed in TCVN3 (".VnTime" fonts) or VNI
 * ("VNI-Times") and saved as CSV holds that code's bytes, which Windows-1258 would turn into other
 * letters: such bytes are kept as Windows-1252 gives them, for the cells to be converted. NUL
 * characters never belong in a cell and are dropped.
 */
export function decodeText(data: Buffer): string {
  let text: string;
  if (data[0] === 0xff && data[1] === 0xfe) text = data.subarray(2).toString("utf16le");
  else if (data[0] === 0xfe && data[1] === 0xff) text = Buffer.from(data.subarray(2)).swap16().toString("utf16le");
  else if (looksLikeUtf16le(data)) text = data.toString("utf16le");
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(data);
    } catch {
      text = new TextDecoder(legacyCodedBytes(data) ? "windows-1252" : "windows-1258").decode(data);
    }
  }
  return withoutNul(text.replace(/^\uFEFF/, "")).normalize("NFC");
}

/** UTF-16 text without a mark: mostly ASCII, so every second byte is zero. */
function looksLikeUtf16le(data: Buffer): boolean {
  const sample = data.subarray(0, Math.min(data.length, 512) & ~1);
  if (sample.length < 4) return false;
  let zeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) zeros++;
  return zeros >= (sample.length / 2) * 0.6;
}
