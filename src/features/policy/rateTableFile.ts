// A rate table typed or copied from a decree's appendix (XLSX, or CSV as Excel saves it): one row
// per rate with its monthly amount, the way officers copy it — "21%", "21" or 0.21 (a cell formatted
// as a percentage); "1.878.000", "1,878,000 đ" or 1878000 — under headers like "Tỷ lệ tổn thương
// cơ thể" and "Mức trợ cấp", or none. The whole table is checked: every rate once, no rate missing
// between the first and the last, each wrong row reported by its row number and field.
import { readWorkbook } from "../imports/readWorkbook.ts";
import { isBlank, type Cell, type TableRow } from "../imports/table.ts";
import { foldVietnamese } from "../../lib/text.ts";

export interface RateFileProblem {
  row: number | null;
  field: "rate" | "amount" | "file";
  code:
    | "unreadable"
    | "empty"
    | "no_columns"
    | "bad_rate"
    | "bad_amount"
    | "duplicate_rate"
    | "missing_rates"
    | "not_ascending_amounts";
  value?: string;
}

export type RateFileResult =
  { ok: true; rows: { rate: number; amount: number }[] } | { ok: false; problems: RateFileProblem[] };

const RATE_HEADER = /ty le|rate|%/;
const AMOUNT_HEADER = /muc|so tien|tien|tro cap|amount|dong|vnd/;

export async function readRateTableFile(fileName: string, data: Buffer): Promise<RateFileResult> {
  const table = await readFirstSheet(fileName, data);
  if (!table.ok)
    return {
      ok: false,
      problems: [{ row: null, field: "file", code: table.code === "file_empty" ? "empty" : "unreadable" }],
    };
  // The header row, if any: the first row naming a rate column and an amount column.
  let rateCol = 0;
  let amountCol = 1;
  let start = 0;
  const headerAt = table.rows
    .slice(0, 15)
    .findIndex(
      (r) =>
        r.cells.some((c) => isHeader(c, RATE_HEADER)) &&
        r.cells.some((c, i) => i !== rateIndex(r.cells) && isHeader(c, AMOUNT_HEADER)),
    );
  if (headerAt >= 0) {
    const cells = table.rows[headerAt]!.cells;
    rateCol = rateIndex(cells);
    amountCol = cells.findIndex((c, i) => i !== rateCol && isHeader(c, AMOUNT_HEADER));
    start = headerAt + 1;
  } else if (
    !table.rows.some(
      (r) =>
        (rateOf(r.cells[0] ?? null) ?? rateOf(r.cells[0] ?? null, true)) !== null &&
        parseAmount(r.cells[1] ?? null) !== null,
    )
  ) {
    return { ok: false, problems: [{ row: null, field: "file", code: "no_columns" }] };
  }
  const problems: RateFileProblem[] = [];
  const rows: { rate: number; amount: number; line: number }[] = [];
  // Cells formatted as percentages hold 0.21 for 21% and 1 for 100%.
  const percentCells = table.rows.slice(start).some((r) => {
    const c = r.cells[rateCol];
    return typeof c === "number" && c > 0 && c < 1;
  });
  const parseRate = (c: Cell) => rateOf(c, percentCells);
  for (const r of table.rows.slice(start)) {
    const rawRate = r.cells[rateCol] ?? null;
    const rawAmount = r.cells[amountCol] ?? null;
    // Title lines and notes above or below the table have neither a rate nor an amount.
    if (parseRate(rawRate) === null && parseAmount(rawAmount) === null && !looksNumeric(rawRate)) continue;
    const rate = parseRate(rawRate);
    const amount = parseAmount(rawAmount);
    if (rate === null) problems.push({ row: r.row, field: "rate", code: "bad_rate", value: show(rawRate) });
    if (amount === null) problems.push({ row: r.row, field: "amount", code: "bad_amount", value: show(rawAmount) });
    if (rate === null || amount === null) continue;
    if (rows.some((x) => x.rate === rate))
      problems.push({ row: r.row, field: "rate", code: "duplicate_rate", value: `${rate}%` });
    else rows.push({ rate, amount, line: r.row });
  }
  if (rows.length === 0 && problems.length === 0)
    return { ok: false, problems: [{ row: null, field: "file", code: "empty" }] };
  rows.sort((a, b) => a.rate - b.rate);
  const missing: number[] = [];
  for (let i = 1; i < rows.length; i++) for (let m = rows[i - 1]!.rate + 1; m < rows[i]!.rate; m++) missing.push(m);
  if (missing.length) problems.push({ row: null, field: "rate", code: "missing_rates", value: ranges(missing) });
  // A higher rate never pays less: a row that does is a typing mistake.
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.amount < rows[i - 1]!.amount)
      problems.push({ row: rows[i]!.line, field: "amount", code: "not_ascending_amounts", value: `${rows[i]!.rate}%` });
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, rows: rows.map(({ rate, amount }) => ({ rate, amount })) };
}

function rateIndex(cells: Cell[]): number {
  return Math.max(
    0,
    cells.findIndex((c) => isHeader(c, RATE_HEADER)),
  );
}

function isHeader(c: Cell, pattern: RegExp): boolean {
  return typeof c === "string" && !/^\s*[\d.,]+\s*%?\s*$/.test(c) && pattern.test(foldVietnamese(c));
}

/** 21, "21", "21%", "21 %", or 0.21 (and 1 for 100%) from a percentage-formatted column. */
export function rateOf(c: Cell, percentCells = false): number | null {
  let n: number | null = null;
  if (typeof c === "number") n = percentCells ? Math.round(c * 100) : c;
  if (typeof c === "string") {
    const m = /^\s*(\d{1,3})(?:[.,]0+)?\s*%?\s*$/.exec(c);
    n = m ? Number(m[1]) : null;
  }
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}

/** 1878000, "1.878.000", "1,878,000", "1 878 000 đ", "1.878.000đ". */
export function parseAmount(c: Cell): number | null {
  if (typeof c === "number") return Number.isInteger(c) && c > 0 ? c : null;
  if (typeof c !== "string") return null;
  const s = c.replace(/\s*(đ|đồng|vnd|VND|dong)\s*$/i, "").trim();
  if (!/^\d{1,3}([.,\s]\d{3})*$|^\d+$/.test(s)) return null;
  const n = Number(s.replace(/[.,\s]/g, ""));
  return n > 0 ? n : null;
}

function looksNumeric(c: Cell): boolean {
  return typeof c === "number" || (typeof c === "string" && /\d/.test(c));
}

function show(c: Cell): string {
  if (c === null) return "";
  return c instanceof Date ? c.toISOString().slice(0, 10) : String(c).slice(0, 40);
}

/** [22, 23, 24, 30] → "22%–24%, 30%". */
function ranges(rates: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rates.length;) {
    let j = i;
    while (j + 1 < rates.length && rates[j + 1] === rates[j]! + 1) j++;
    out.push(i === j ? `${rates[i]}%` : `${rates[i]}%–${rates[j]}%`);
    i = j + 1;
  }
  return out.join(", ");
}

/** An appendix is one small table: the first visible sheet's non-blank rows, read by the officers' file reader. */
async function readFirstSheet(
  fileName: string,
  data: Buffer,
): Promise<{ ok: true; rows: TableRow[] } | { ok: false; code: "file_empty" | "file_unreadable" }> {
  const book = await readWorkbook(fileName, data, { maxPartBytes: 20 * 1024 * 1024 });
  if (!book.ok) return { ok: false, code: book.code === "file_empty" ? "file_empty" : "file_unreadable" };
  try {
    for await (const sheet of book.sheets()) {
      if (sheet.hidden) continue;
      const rows: TableRow[] = [];
      for await (const row of sheet.rows) if (row.cells.some((c) => !isBlank(c))) rows.push(row);
      return rows.length === 0 ? { ok: false, code: "file_empty" } : { ok: true, rows };
    }
  } catch {
    return { ok: false, code: "file_unreadable" };
  }
  return { ok: false, code: "file_empty" };
}
