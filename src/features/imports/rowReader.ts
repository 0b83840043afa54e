// What every kind of officer's file does with one row: find a field's cell, collect the row's
// problems by column (with the sheet, the column's title and letter as the officer sees them, and
// the value), and read bounded text.
import { cellParsers, type Params } from "./cellParsers.ts";
import type { ColumnMap } from "./headerMap.ts";
import type { Cell, TableRow } from "./table.ts";
import type { RowError } from "./types.ts";

export interface SheetColumns {
  sheet: string | null;
  has(field: string): boolean;
  cell(row: TableRow, field: string): Cell;
  /** The title as written in the file, or the field's label when the column is absent. */
  name(field: string): string;
  letter(field: string): string | undefined;
}

export function sheetColumns(sheet: string | null, map: ColumnMap, label: (field: string) => string): SheetColumns {
  return {
    sheet,
    has: (field) => map.fields.has(field),
    cell: (row, field) => {
      const at = map.fields.get(field);
      return at ? (row.cells[at.col] ?? null) : null;
    },
    name: (field) => map.fields.get(field)?.header ?? label(field),
    letter: (field) => map.fields.get(field)?.letter,
  };
}

export interface RowReader {
  errors: RowError[];
  err(field: string, code: string, params?: Params): void;
  text(field: string): string;
  /** A column that must be filled. */
  required(field: string): string;
  /** undefined when the file has no such column (keep what is stored); null when the cell is empty. */
  optional(field: string): string | null | undefined;
}

export function rowReader(cols: SheetColumns, r: TableRow, maxText: number): RowReader {
  const errors: RowError[] = [];
  const text = (field: string) => cellParsers.text(cols.cell(r, field));
  const err = (field: string, code: string, params: Params = {}) => {
    const value = cols.has(field) ? text(field).slice(0, 80) : "";
    errors.push({
      sheet: cols.sheet,
      row: r.row,
      column: cols.name(field),
      letter: cols.letter(field),
      value,
      code,
      params,
    });
  };
  return {
    errors,
    err,
    text,
    required(field) {
      const v = text(field);
      if (v === "") err(field, "required");
      else if (v.length > maxText) err(field, "text_too_long", { max: maxText });
      return v;
    },
    optional(field) {
      if (!cols.has(field)) return undefined;
      const v = text(field);
      if (v.length > maxText) err(field, "text_too_long", { max: maxText });
      return v === "" ? null : v;
    },
  };
}
