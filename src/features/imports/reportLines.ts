// Turns the problems of a file into lines an officer can act on: one per problem, and one for many
// rows sharing a cause ("32 dòng: Số định danh — ô này không được để trống"), with the sheet, the
// Excel rows, the column as written, the value and the reason.
import type { TFunction } from "i18next";
import type { ImportError, ReportLine } from "./types.ts";

/** From this many rows with one cause on, they are told as one line. */
const GROUP_FROM = 3;

export function reportLines(errors: ImportError[]): ReportLine[] {
  const groups = new Map<string, ImportError[]>();
  for (const e of errors) {
    const key = JSON.stringify([e.sheet ?? null, e.column, e.letter ?? "", e.code, e.value ?? "", e.params]);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(e);
  }
  const lines: ReportLine[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const rows = [...new Set(list.map((e) => e.row))].sort((a, b) => a - b);
    const line = {
      sheet: first.sheet ?? null,
      column: first.column,
      letter: first.letter,
      value: first.value ?? "",
      code: first.code,
      message: first.message,
    };
    if (rows.length >= GROUP_FROM) lines.push({ ...line, rows, rowsText: rowRanges(rows) });
    else for (const row of rows) lines.push({ ...line, rows: [row], rowsText: row > 0 ? String(row) : "" });
  }
  // In the order of the file: sheet by sheet (as they came), row by row.
  const sheetOrder = [...new Set(errors.map((e) => e.sheet ?? null))];
  return lines.sort((a, b) => sheetOrder.indexOf(a.sheet) - sheetOrder.indexOf(b.sheet) || a.rows[0]! - b.rows[0]!);
}

/** [5, 6, 7, 9, 12, 13] → "5–7, 9, 12–13". */
export function rowRanges(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j + 1;
  }
  return parts.join(", ");
}

/** The people a payout list names with nothing paid this month, so that none seems lost. */
export function unpaidLine(t: TFunction, rows: number[]): string {
  return t("imports:sheets.unpaid", { count: rows.length, rows: rowRanges(rows) });
}
