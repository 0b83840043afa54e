// The report of a check or import as stored with its run (JSON), read back for the console page.
import { z } from "zod";
import type { ImportReport } from "./types.ts";
import { IMPORT_KINDS } from "./types.ts";

const params = z.record(z.string(), z.union([z.string(), z.number()]));
const error = z.object({
  sheet: z.string().nullable().optional(),
  row: z.number(),
  column: z.string(),
  letter: z.string().optional(),
  value: z.string().optional(),
  code: z.string(),
  params,
  message: z.string(),
});
const line = z.object({
  sheet: z.string().nullable(),
  rows: z.array(z.number()),
  rowsText: z.string(),
  column: z.string(),
  letter: z.string().optional(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
});
const change = z.object({
  sheet: z.string().nullable().optional(),
  row: z.number(),
  personalIdMasked: z.string(),
  action: z.enum(["create", "update"]),
  fields: z.array(z.string()),
});
const column = z.object({ header: z.string(), letter: z.string() });
const sheet = z.object({
  name: z.string().nullable(),
  status: z.enum(["read", "skipped"]),
  reason: z.enum(["hidden", "empty", "no_header", "missing_columns", "summary"]).optional(),
  rows: z.number(),
  headerRows: z.object({ first: z.number(), last: z.number() }).optional(),
  firstRow: z.number().optional(),
  lastRow: z.number().optional(),
  skippedRows: z
    .object({ numbers: z.number(), section: z.number(), footer: z.number(), header: z.number() })
    .optional(),
  unpaidRows: z.array(z.number()).optional(),
  ignored: z.array(column.extend({ reason: z.enum(["unknown", "duplicate"]) })).optional(),
  hidden: z.array(column).optional(),
  titleCommune: z.string().optional(),
  titleMonth: z.string().optional(),
  idColumn: column.optional(),
});

const stored = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(error),
  lines: z.array(line).default([]),
  changes: z.array(change),
  sheets: z.array(sheet).default([]),
  errorCount: z.number().optional(),
  lineCount: z.number().optional(),
  changeCount: z.number().optional(),
});

export type StoredReport = ImportReport & { errorCount: number; lineCount: number; changeCount: number };

/** The stored report, or null when it cannot be read (written by an older version). */
export function readStoredReport(json: unknown, runId: string): StoredReport | null {
  const r = stored.safeParse(json);
  if (!r.success) return null;
  const d = r.data;
  return {
    ...d,
    runId,
    errorCount: d.errorCount ?? d.errors.length,
    lineCount: d.lineCount ?? d.lines.length,
    changeCount: d.changeCount ?? d.changes.length,
  };
}
