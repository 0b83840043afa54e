// Reads and checks a whole file without the database: every sheet that holds a list, each person's
// row against the reference data. Checked rows are handed on in batches as they are read, so a
// province file never sits in memory as one table. Runs in a worker thread or in-process.
import { areaChecker, type AreaInput } from "./areaRows.ts";
import { beneficiaryChecker, type BeneficiaryInput, type RowCheck } from "./beneficiaryRows.ts";
import { PAYOUT_PARTS, REQUIRED } from "./fieldSpecs.ts";
import type { ColumnMap } from "./headerMap.ts";
import { payoutChecker, type PayoutInput } from "./payoutRows.ts";
import { readWorkbook, type ReadLimits } from "./readWorkbook.ts";
import { buildReference, type ReferenceData } from "./reference.ts";
import { sheetColumns } from "./rowReader.ts";
import { duplicateKey, SheetDuplicates } from "./sheetDuplicates.ts";
import type { FileProblem } from "./table.ts";
import { findTable, type SheetTable } from "./tableFinder.ts";
import { readTitles, type TitleFacts } from "./titleFacts.ts";
import type { ImportKind, RowError, SheetSummary } from "./types.ts";
import { ArchiveError } from "./xlsx/zipArchive.ts";

export type CheckedInput = BeneficiaryInput | PayoutInput | AreaInput;

export interface CheckOptions {
  kind: ImportKind;
  fileName: string;
  data: Buffer;
  reference: ReferenceData;
  /** Field → its console labels (Vietnamese and English), which always match as titles. */
  labels: Record<string, string[]>;
  limits: ReadLimits;
  /** Checked rows, a batch at a time. */
  onBatch(inputs: CheckedInput[]): void | Promise<void>;
  onProgress?(rowsRead: number): void;
}

export interface CheckSummary {
  problem: FileProblem | null;
  rows: number;
  errors: RowError[];
  sheets: SheetSummary[];
  /** Sheets dropped after reading because they repeat the others (a summary sheet). */
  droppedSheets: string[];
}

// Small enough that handing a batch to the main thread never holds it up for long.
const BATCH = 500;

export async function checkFile(o: CheckOptions): Promise<CheckSummary> {
  const summary: CheckSummary = { problem: null, rows: 0, errors: [], sheets: [], droppedSheets: [] };
  const workbook = await readWorkbook(o.fileName, o.data, o.limits);
  if (!workbook.ok) return { ...summary, problem: workbook.code };
  const ref = buildReference(o.reference);
  const label = (field: string) => o.labels[field] ?? [field];
  const dups = new SheetDuplicates(o.kind);
  let firstTitles: TitleFacts | null = null;
  const missing: { sheet: string | null; row: number; map: ColumnMap; fields: string[] }[] = [];
  try {
    for await (const sheet of workbook.sheets()) {
      const found = await findTable(o.kind, sheet, label);
      if (!found.ok) {
        summary.sheets.push({ name: sheet.name, status: "skipped", reason: found.reason, rows: 0 });
        if (found.best && found.bestRow)
          missing.push({ sheet: sheet.name, row: found.bestRow, map: found.best, fields: absent(o.kind, found.best) });
        continue;
      }
      const table = found.table;
      const lacking = absent(o.kind, table.columns);
      if (lacking.length > 0) {
        missing.push({ sheet: sheet.name, row: table.headerRows.first, map: table.columns, fields: lacking });
        summary.sheets.push({
          name: sheet.name,
          status: "skipped",
          reason: "missing_columns",
          rows: 0,
          headerRows: table.headerRows,
        });
        continue;
      }
      // Hamlet sheets often carry no letterhead of their own: the first sheet's title speaks for them.
      const own = readTitles(table.titles, ref);
      firstTitles ??= own;
      const titles: TitleFacts = {
        commune: own.commune ?? firstTitles.commune,
        month: own.month ?? firstTitles.month,
        programme: own.programme ?? firstTitles.programme,
        thousands: own.thousands || firstTitles.thousands,
        year: own.year ?? firstTitles.year,
      };
      const read = await readSheet(o, table, checker(o.kind, ref, table, titles, label), dups, summary);
      summary.sheets.push({
        name: sheet.name,
        status: "read",
        rows: read.rows,
        headerRows: table.headerRows,
        firstRow: read.first,
        lastRow: read.last,
        skippedRows: table.skipped,
        unpaidRows: read.unpaid.length > 0 ? read.unpaid : undefined,
        ignored: table.columns.ignored.map((c) => ({ header: c.header, letter: c.letter, reason: c.reason })),
        hidden: table.columns.hidden.map((c) => ({ header: c.header, letter: c.letter })),
        idColumn: table.columns.fields.get("personalId"),
        titleCommune: titles.commune?.name,
        titleMonth: titles.month ?? undefined,
      });
    }
  } catch (err) {
    if (err instanceof ArchiveError) return { ...summary, problem: err.code };
    throw err;
  }
  if (!summary.sheets.some((s) => s.status === "read")) {
    summary.errors.push(...missingErrors(missing, label));
    if (summary.errors.length === 0) summary.problem = summary.sheets.length === 0 ? "file_empty" : "file_no_list";
    return summary;
  }
  const dupResult = dups.finish();
  summary.droppedSheets = dupResult.dropped;
  for (const s of summary.sheets)
    if (s.name !== null && dupResult.dropped.includes(s.name))
      Object.assign(s, { status: "skipped", reason: "summary" });
  summary.errors.push(...dupResult.errors);
  summary.rows = summary.sheets.filter((s) => s.status === "read").reduce((n, s) => n + s.rows, 0);
  return summary;
}

function checker(
  kind: ImportKind,
  ref: ReturnType<typeof buildReference>,
  table: SheetTable,
  titles: TitleFacts,
  label: (f: string) => string[],
): RowCheck<CheckedInput> {
  const cols = sheetColumns(table.name, table.columns, (f) => label(f)[0] ?? f);
  if (kind === "beneficiaries") return beneficiaryChecker(ref, cols, titles);
  if (kind === "payouts") return payoutChecker(cols, titles);
  return areaChecker(cols);
}

async function readSheet(
  o: CheckOptions,
  table: SheetTable,
  check: RowCheck<CheckedInput>,
  dups: SheetDuplicates,
  summary: CheckSummary,
) {
  let rows = 0;
  let first: number | undefined;
  let last: number | undefined;
  let batch: CheckedInput[] = [];
  const unpaid: number[] = [];
  const idColumn = table.columns.fields.get("personalId");
  for await (const row of table.rows) {
    rows++;
    first ??= row.row;
    last = row.row;
    const { input, errors, unpaid: nothing } = check(row);
    summary.errors.push(...errors);
    if (nothing) unpaid.push(row.row);
    if (input) {
      const key = duplicateKey(o.kind, input);
      if (key)
        dups.see(key, { sheet: table.name, row: row.row, column: idColumn?.header ?? "", letter: idColumn?.letter });
      batch.push(input);
      if (batch.length >= BATCH) {
        await o.onBatch(batch);
        batch = [];
      }
    }
    if (rows % 1000 === 0) o.onProgress?.(summary.rows + rows);
  }
  if (batch.length > 0) await o.onBatch(batch);
  summary.rows += rows;
  o.onProgress?.(summary.rows);
  return { rows, first, last, unpaid };
}

function absent(kind: ImportKind, map: ColumnMap): string[] {
  const has = (f: string) =>
    map.fields.has(f) ||
    (f === "dateOfBirth" && ["dobMale", "dobFemale", "dobYear"].some((x) => map.fields.has(x))) ||
    // A payout list that gives only the parts of the amount (the amount is their sum).
    (f === "amount" && kind === "payouts" && Object.keys(PAYOUT_PARTS).some((x) => map.fields.has(x)));
  return REQUIRED[kind].filter((f) => !has(f));
}

/** No sheet holds a whole list: say what is missing, and what was found, where the list came closest. */
function missingErrors(
  missing: { sheet: string | null; row: number; map: ColumnMap; fields: string[] }[],
  label: (f: string) => string[],
): RowError[] {
  const best = [...missing].sort((a, b) => b.map.score - a.map.score)[0];
  if (!best) return [];
  const found = [...best.map.fields.values(), ...best.map.ignored]
    .sort((a, b) => a.col - b.col)
    .map((c) => c.header)
    .join(", ");
  return best.fields.map((f): RowError => {
    const hidden = best.map.hidden.find((h) => h.field === f);
    const column = label(f)[0] ?? f;
    return hidden
      ? {
          sheet: best.sheet,
          row: best.row,
          column: hidden.header,
          letter: hidden.letter,
          code: "missing_header_hidden",
          params: { column: hidden.header, letter: hidden.letter },
        }
      : { sheet: best.sheet, row: best.row, column, code: "missing_header", params: { column, found } };
  });
}
