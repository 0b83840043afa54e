// What every kind of officer's file does with one row: collect its errors by column, read text
// cells (bounded), and read the personal ID the way spreadsheets mangle it.
import { normalisePersonalId } from "../../lib/personalId.ts";
import { cellParsers, type Params } from "./cellParsers.ts";
import type { Columns } from "./columns.ts";
import type { TableRow } from "./readTable.ts";
import type { RowError } from "./types.ts";

export interface RowReader {
  errors: RowError[];
  err(field: string, code: string, params?: Params): void;
  text(field: string): string;
  /** A column that must be filled. */
  required(field: string): string;
  /** undefined when the file has no such column (keep what is stored); null when the cell is empty. */
  optional(field: string): string | null | undefined;
  /** The 12-digit ID with the leading zeros a number cell dropped restored; "" (and an error) when empty. */
  personalId(): string;
}

export function rowReader(cols: Columns, r: TableRow, maxText: number): RowReader {
  const errors: RowError[] = [];
  const err = (field: string, code: string, params: Params = {}) => {
    errors.push({ row: r.row, column: cols.name(field), code, params });
  };
  const text = (field: string) => cellParsers.text(cols.cell(r, field));
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
    personalId() {
      const raw = cols.cell(r, "personalId");
      const id = raw === null ? "" : normalisePersonalId(typeof raw === "number" ? raw : cellParsers.text(raw));
      if (id === "") err("personalId", "required");
      return id;
    },
  };
}
