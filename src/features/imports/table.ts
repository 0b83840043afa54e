// What the readers of officers' files hand on: sheets of rows of cells, with Excel's row numbers
// and the layout facts (hidden columns, merged ranges) that decide how a header is read.
import type { Merge } from "./xlsx/sheetRows.ts";

export type Cell = string | number | Date | boolean | null;

export interface TableRow {
  /** Row number as Excel shows it (first line = 1). */
  row: number;
  cells: Cell[];
  /** Columns whose value was carried in from a merged cell to their left. */
  continued?: Set<number>;
}

export interface SheetSource {
  /** The sheet's tab name; null for a CSV file. */
  name: string | null;
  hidden: boolean;
  hiddenColumns: Set<number>;
  merges: Merge[];
  rows: AsyncIterable<TableRow>;
}

/** Why a file cannot be read at all; each has a message in imports:errors. */
export type FileProblem =
  "file_unreadable" | "file_empty" | "file_too_complex" | "file_xls" | "file_not_spreadsheet" | "file_no_list";

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}
