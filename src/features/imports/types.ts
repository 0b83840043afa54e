// Shapes shared by the import steps and by whoever shows an import report.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Params } from "./cellParsers.ts";

export type ImportKind = "beneficiaries" | "payouts" | "areas";

export const IMPORT_KINDS: readonly ImportKind[] = ["beneficiaries", "payouts", "areas"];

/** A problem found in the file; `row` is the Excel row (0 when the file cannot be read at all). */
export interface RowError {
  /** The sheet's tab name (null for a CSV file or a problem of the whole file). */
  sheet?: string | null;
  row: number;
  /** The column's title as the officer wrote it. */
  column: string;
  /** The column's letter in Excel ("F"). */
  letter?: string;
  /** What the cell holds, as the officer sees it (shortened). */
  value?: string;
  code: string;
  params: Params;
}

export interface ImportError extends RowError {
  /** The problem in words, in the requested locale. */
  message: string;
}

/** One line of the report: a problem, or one cause shared by many rows. */
export interface ReportLine {
  sheet: string | null;
  /** Excel rows, ascending; [0] for a problem of the whole file. */
  rows: number[];
  /** "5–9, 12" */
  rowsText: string;
  column: string;
  letter?: string;
  value: string;
  code: string;
  message: string;
}

/** What was done with one sheet of the file. */
export interface SheetSummary {
  name: string | null;
  status: "read" | "skipped";
  reason?: "hidden" | "empty" | "no_header" | "missing_columns" | "summary";
  /** People's rows read. */
  rows: number;
  headerRows?: { first: number; last: number };
  firstRow?: number;
  lastRow?: number;
  skippedRows?: { numbers: number; section: number; footer: number; header: number };
  /** Excel rows of a payout list naming a person with nothing paid this month (0 or "-"): left out. */
  unpaidRows?: number[];
  /** Visible titled columns not imported (unknown titles, or a second column of one meaning). */
  ignored?: { header: string; letter: string; reason: "unknown" | "duplicate" }[];
  /** Hidden columns, never read. */
  hidden?: { header: string; letter: string }[];
  /** The commune and month the sheet's title names, when the rows do not say. */
  titleCommune?: string;
  titleMonth?: string;
  /** The personal ID column, for problems found when comparing with the database. */
  idColumn?: { header: string; letter: string };
}

export interface ImportChange {
  sheet?: string | null;
  row: number;
  /** The masked personal ID (beneficiaries, payouts) or the commune code (areas). */
  personalIdMasked: string;
  action: "create" | "update";
  fields: string[];
}

export interface ImportReport {
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  /** The errors as the officer reads them: grouped by cause, in file order. */
  lines: ReportLine[];
  changes: ImportChange[];
  /** What was done with each sheet (read, or skipped and why); empty when the file could not be opened. */
  sheets: SheetSummary[];
  /** The stored record of this check or import. */
  runId?: string;
}

/** What validating and comparing a file found, before anything is written. */
export interface ImportPlan {
  rows: number;
  errors: RowError[];
  changes: ImportChange[];
  unchanged: number;
  /** Writes the changes (inside the import's transaction); called only when there are no errors and this is not a dry run. */
  apply(db: Prisma.TransactionClient): Promise<void>;
}
