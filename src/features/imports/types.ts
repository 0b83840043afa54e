// Shapes shared by the import steps and by whoever shows an import report.
import type { Params } from "./cellParsers.ts";

export type ImportKind = "beneficiaries" | "payouts" | "areas";

export const IMPORT_KINDS: readonly ImportKind[] = ["beneficiaries", "payouts", "areas"];

/** A problem found in the file; `row` is the Excel row (0 when the file cannot be read at all). */
export interface RowError {
  row: number;
  column: string;
  code: string;
  params: Params;
}

export interface ImportError extends RowError {
  /** The problem in words, in the requested locale. */
  message: string;
}

export interface ImportChange {
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
  changes: ImportChange[];
}

/** What validating and comparing a file found, before anything is written. */
export interface ImportPlan {
  rows: number;
  errors: RowError[];
  changes: ImportChange[];
  unchanged: number;
  /** Writes the changes; called only when there are no errors and this is not a dry run. */
  apply(): Promise<void>;
}
