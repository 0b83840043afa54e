// Imports an officer's file: read and check every sheet (in a worker thread when run as a job),
// compare with the database, and (unless it is a dry run) write everything in one transaction. A
// file with any error is refused whole, so a list with a few broken rows never half-changes the
// database.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BulkRunner } from "../../db/bulkWrite.ts";
import { hasOneConnection } from "../../db/database.ts";
import { bulkTransaction } from "../../db/hotRows.ts";
import type { I18n } from "../../core/i18n.ts";
import type { StaffContext } from "../../http/context.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import { checkFile, type CheckOptions, type CheckSummary, type CheckedInput } from "./checkFile.ts";
import { FIELD_SPECS } from "./fieldSpecs.ts";
import { SPLIT_FIELDS } from "./headerMap.ts";
import {
  beneficiaryComparer,
  buildBeneficiaryWrites,
  writeBeneficiaries,
  type BeneficiaryWrites,
  type OutsideAnswer,
} from "./beneficiaryPlan.ts";
import type { BeneficiaryInput } from "./beneficiaryRows.ts";
import { buildPlan, idColumnOf, isBeneficiary } from "./importPlan.ts";
import {
  outsideAreaAllowance,
  recordOutsideAnswers,
  recordOutsideRefusal,
  type OutsideAreaPolicy,
} from "./outsideArea.ts";
import { buildReference, loadReferenceData, type ReferenceData } from "./reference.ts";
import { recordRun } from "./recordRun.ts";
import { reportLines } from "./reportLines.ts";
import type { ImportKind, ImportPlan, ImportReport, RowError, SheetSummary } from "./types.ts";
import { formatVietnamDateTime, vietnamClock } from "../../lib/vietnamTime.ts";

export type { ImportError, ImportKind, ImportReport } from "./types.ts";

export type FileChecker = (o: CheckOptions) => Promise<CheckSummary>;

export interface ImportSettings {
  /** Largest inflated size of one part of an .xlsx file, in bytes. */
  maxPartBytes: number;
  outsideArea: OutsideAreaPolicy;
}

export const DEFAULT_SETTINGS: ImportSettings = {
  maxPartBytes: 300 * 1024 * 1024,
  outsideArea: { limit: 20, windowHours: 24 },
};

export interface ImportDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
  settings?: ImportSettings;
  /** Reads and checks the file; in-process unless the job runner hands in its worker thread. */
  checker?: FileChecker;
}

export interface ImportInput {
  kind: ImportKind;
  fileName: string;
  data: Buffer;
  dryRun: boolean;
  staff: StaffContext | null;
  locale?: string;
  /** Import the valid rows and leave out the ones with problems (the officer chose to). */
  skipInvalid?: boolean;
  onProgress?(phase: "reading" | "comparing" | "writing", rows: number): void;
}

// 100,000 rows on a small server take a minute; officers would rather wait than retry.
const TRANSACTION = { timeout: 30 * 60_000, maxWait: 60_000 };

export async function runImport(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const started = Date.now();
  const fileHash = createHash("sha256").update(input.data).digest("hex");
  const locale = input.locale ?? "vi";
  const t = deps.i18n.t(locale);
  const outcome = await evaluate(deps, input);
  const errors = outcome.errors.map((e) => ({ ...e, message: t(`imports:errors.${e.code}`, e.params) }));
  const changes = outcome.plan?.changes ?? [];
  const report: ImportReport = {
    kind: input.kind,
    fileName: input.fileName,
    dryRun: input.dryRun,
    applied: outcome.applied,
    rows: outcome.rows,
    created: changes.filter((c) => c.action === "create").length,
    updated: changes.filter((c) => c.action === "update").length,
    unchanged: outcome.plan?.unchanged ?? 0,
    errors,
    lines: reportLines(errors),
    changes,
    sheets: outcome.sheets,
  };
  await recordRun(
    deps.prisma,
    { kind: input.kind, fileName: input.fileName, dryRun: input.dryRun, staff: input.staff },
    report,
    fileHash,
  );
  if (report.applied && report.created + report.updated >= ANALYSE_AFTER_ROWS)
    await analyse(deps.prisma, WRITTEN_TABLES[input.kind]);
  deps.log.info(
    {
      kind: input.kind,
      dryRun: input.dryRun,
      applied: report.applied,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      errors: errors.length,
      ms: Date.now() - started,
    },
    "import finished",
  );
  return report;
}

// A list of thousands of new or changed rows leaves the tables' statistics far from what the
// planner last saw, and autovacuum analyses them minutes later (or never, where it is off). Planned
// from the old ones, looking up 1,000 people of a province just imported took 175 ms instead of
// 16: PostgreSQL took every person for hundreds of category rows and compiled the query with JIT.
// The written tables are analysed at once (a fraction of a second for a province).
const ANALYSE_AFTER_ROWS = 1000;
const WRITTEN_TABLES: Record<ImportKind, string[]> = {
  beneficiaries: ["Beneficiary", "BeneficiaryCategory"],
  payouts: ["Payout", "PayoutLine", "PayoutAccount"],
  areas: [],
};

async function analyse(prisma: PrismaClient, tables: string[]): Promise<void> {
  // Table names come from the list above, never from input.
  if (tables.length > 0) await prisma.$executeRawUnsafe(`ANALYZE ${tables.map((t) => `"${t}"`).join(", ")}`);
}

interface Outcome {
  rows: number;
  errors: RowError[];
  sheets: SheetSummary[];
  plan: ImportPlan | null;
  applied: boolean;
}

async function evaluate(deps: ImportDeps, input: ImportInput): Promise<Outcome> {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  if (input.kind === "areas" && input.staff && input.staff.communeIds !== null) return refused("areas_admin_only");
  const staff = input.staff;
  const gated = input.kind === "beneficiaries" && staff !== null && staff.communeIds !== null;
  const allowance = gated
    ? await outsideAreaAllowance(deps.prisma, staff, deps.clock.now(), settings.outsideArea)
    : null;
  if (allowance && allowance.remaining === 0) {
    return refused("outside_area_closed", { until: allowance.until ? formatVietnamTime(allowance.until) : "" });
  }
  const reference = await loadReferenceData(deps.prisma, deps.clock, staff);
  const run: Run = { deps, input, settings, reference, allowance };

  // A beneficiary list is compared with the database while it is read. On PostgreSQL a real import
  // also writes each part as soon as it is compared, inside the transaction that commits only once
  // the whole file proved sound (and is rolled back otherwise): the database works while the file
  // is still being read. The embedded database has one connection, which a transaction open that
  // long would take from the chats: there the writes wait for the end of the file, as one short
  // transaction.
  const along = input.kind === "beneficiaries" && !input.dryRun && !hasOneConnection(deps.prisma);
  if (!along) return settle(run, await readThenDecide(run, null));
  try {
    return await bulkTransaction(
      deps.prisma,
      async (tx) => {
        const outcome = await readThenDecide(run, tx);
        if (!outcome.applied) throw new Undo(outcome);
        return outcome;
      },
      TRANSACTION,
    );
  } catch (err) {
    if (!(err instanceof Undo)) {
      if (isUniqueViolation(err)) return refused("data_changed");
      throw err;
    }
    return settle(run, err.outcome);
  }
}

/**
 * People were compared from a sheet that turned out to be the others' summary (rare: only when it
 * comes before the sheets it repeats): read the file again, keeping its rows, compare the list from
 * the sheets kept, and write it as one transaction after the reading.
 */
function settle(run: Run, decided: Decided): Promise<Outcome> | Outcome {
  return decided.redo ? readThenDecide(run, null, false) : decided;
}

interface Run {
  deps: ImportDeps;
  input: ImportInput;
  settings: ImportSettings;
  reference: ReferenceData;
  allowance: { remaining: number } | null;
}

/** What the reading found, and the rows kept when they were not compared while read. */
interface Read {
  summary: CheckSummary;
  inputs: CheckedInput[];
}

type Decided = Outcome & { redo?: true };

class Undo extends Error {
  constructor(readonly outcome: Decided) {
    super("import rolled back");
  }
}

function refused(
  code: string,
  params: Record<string, string | number> = {},
  sheets: SheetSummary[] = [],
  rows = 0,
): Outcome {
  return { rows, sheets, plan: null, applied: false, errors: [{ sheet: null, row: 0, column: "", code, params }] };
}

/**
 * Reads and checks the file; a beneficiary list's rows are compared with the database a part at a
 * time meanwhile (each person once: a later row with the same ID is a duplicate or part of a
 * summary sheet, settled when the whole file is known), and with `tx` written at once. Rows
 * compared while read are not kept: a province's list never sits in memory whole.
 */
async function readThenDecide(run: Run, tx: BulkRunner | null, stream = true): Promise<Decided> {
  const { deps, input, reference } = run;
  const inputs: CheckedInput[] = [];
  const streamed = stream && input.kind === "beneficiaries" ? streamingComparer(run, tx) : null;
  const summary = await (deps.checker ?? checkFile)({
    kind: input.kind,
    fileName: input.fileName,
    data: input.data,
    reference,
    labels: fieldLabels(deps.i18n),
    limits: { maxPartBytes: run.settings.maxPartBytes },
    onBatch: async (batch) => {
      if (streamed) await streamed.add(batch.filter(isBeneficiary));
      else inputs.push(...batch);
    },
    onProgress: (rows) => input.onProgress?.("reading", rows),
  });
  const read: Read = { summary, inputs };
  if (!streamed) return decide(run, read, null, false);
  await streamed.flush();
  if (summary.problem || summary.rows === 0) return decide(run, read, null, false);
  if (summary.droppedSheets.some((s) => streamed.sheets.has(s))) return { ...refused("data_changed"), redo: true };
  return decide(run, read, streamed.plan(summary), tx !== null);
}

/** Compares (and with `tx`, writes) a beneficiary list's people a part at a time as they are read. */
function streamingComparer(run: Run, tx: BulkRunner | null) {
  const ref = buildReference(run.reference);
  // Lookups go through the pool, not the import's transaction: the next part is compared on
  // another connection while the last one is written (parts never share a person, so the people
  // the transaction has added are never looked for).
  const comparer = beneficiaryComparer(run.deps.prisma, ref, {
    idColumn: () => ({ header: "" }),
    dryRun: run.input.dryRun,
  });
  const seen = new Set<string>();
  const sheets = new Set<string | null>();
  const later: BeneficiaryWrites = { creates: [], updates: [] };
  let part: BeneficiaryInput[] = [];
  // One part written at a time, in order, on the transaction's connection.
  let writing: Promise<unknown> = Promise.resolve();
  let failed: { error: unknown } | null = null;
  const written = async () => {
    await writing;
    if (failed) throw failed.error;
  };
  const compare = async () => {
    const rows = part;
    part = [];
    const writes = await comparer.compare(rows);
    if (!tx) {
      later.creates.push(...writes.creates);
      later.updates.push(...writes.updates);
      return;
    }
    // Sealed and serialised while the part before is still being written: only the database's
    // share of the work waits its turn.
    const write = buildBeneficiaryWrites(run.deps.prisma, ref, writes);
    await written();
    writing = write(tx).catch((error: unknown) => {
      failed = { error };
    });
  };
  return {
    sheets,
    async add(rows: BeneficiaryInput[]) {
      for (const row of rows) {
        if (seen.has(row.personalId)) continue;
        seen.add(row.personalId);
        sheets.add(row.sheet);
        part.push(row);
      }
      if (part.length >= PART) await compare();
    },
    async flush() {
      if (part.length > 0) await compare();
      await written();
    },
    plan(summary: CheckSummary): ImportPlan & { outside: OutsideAnswer[] } {
      const findings = comparer.findings(summary.rows);
      // The ID column is known once the sheets are read; the rows were compared before that.
      const errors = findings.errors.map((e) => {
        if (e.column !== "") return e;
        const col = idColumnOf(summary, e.sheet ?? null, run.deps.i18n);
        return { ...e, column: col.header, letter: col.letter };
      });
      return {
        ...findings,
        errors,
        // Written already when compared inside the import's transaction.
        apply: (db) => (tx ? Promise.resolve() : writeBeneficiaries(db, ref, later)),
      };
    },
  };
}

/** Rows compared with the database at a time: one bulk lookup and one bulk write each. */
const PART = 5000;

/**
 * Settles the file once it is read: its errors in sheet order, people outside the officer's area,
 * and whether it is written: here, unless it was `written` while read (then the caller's
 * transaction commits it, or rolls it back when it is not applied).
 */
async function decide(
  run: Run,
  { summary, inputs }: Read,
  compared: (ImportPlan & { outside: OutsideAnswer[] }) | null,
  written: boolean,
): Promise<Decided> {
  const { deps, input, reference, allowance } = run;
  const staff = input.staff;
  if (summary.problem) return refused(summary.problem, {}, summary.sheets);
  const read = summary.sheets.filter((s) => s.status === "read");
  if (read.length === 0) return { rows: 0, errors: summary.errors, sheets: summary.sheets, plan: null, applied: false };
  if (summary.rows === 0) return refused("no_rows", {}, summary.sheets);

  let plan = compared;
  if (!plan) {
    // Rows with a problem found after reading (a person twice) and sheets set aside stay out.
    const wrong = new Set(summary.errors.map((e) => `${e.sheet}|${e.row}`));
    const kept = inputs.filter(
      (r) => !wrong.has(`${r.sheet}|${r.row}`) && (r.sheet === null || !summary.droppedSheets.includes(r.sheet)),
    );
    input.onProgress?.("comparing", summary.rows);
    plan = await buildPlan(deps, input, reference, kept, summary);
  }
  const sheetOrder = summary.sheets.map((s) => s.name);
  const errors = [...summary.errors, ...plan.errors].sort(
    (a, b) => sheetOrder.indexOf(a.sheet ?? null) - sheetOrder.indexOf(b.sheet ?? null) || a.row - b.row,
  );
  if (staff && plan.outside.length > 0) {
    const remaining = allowance?.remaining ?? Infinity;
    if (plan.outside.length > remaining) {
      await recordOutsideRefusal(deps.prisma, staff, {
        fileName: input.fileName,
        asked: plan.outside.length,
        remaining,
      });
      return refused("outside_area_limit", {}, summary.sheets, summary.rows);
    }
    await recordOutsideAnswers(deps.prisma, staff, plan.outside, input);
  }
  const outcome = { rows: summary.rows, errors, sheets: summary.sheets, plan, applied: false };
  if (input.dryRun || (errors.length > 0 && !input.skipInvalid) || (plan.changes.length === 0 && errors.length > 0))
    return outcome;
  input.onProgress?.("writing", summary.rows);
  if (written) return { ...outcome, applied: true };
  const apply = plan.apply;
  try {
    await deps.prisma.$transaction((tx) => apply(tx), TRANSACTION);
  } catch (err) {
    // Someone else changed the same people between the check and the write.
    if (isUniqueViolation(err)) return { ...refused("data_changed", {}, summary.sheets, summary.rows), plan };
    throw err;
  }
  return { ...outcome, applied: true };
}

/** Every field's console labels in both languages: they are always accepted as column titles. */
function fieldLabels(i18n: I18n): Record<string, string[]> {
  const fields = new Set([
    ...Object.values(FIELD_SPECS)
      .flat()
      .map((s) => s.field),
    ...SPLIT_FIELDS,
  ]);
  const vi = i18n.t("vi");
  const en = i18n.t("en");
  return Object.fromEntries([...fields].map((f) => [f, [vi(`imports:fields.${f}`), en(`imports:fields.${f}`)]]));
}

function isUniqueViolation(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    (("code" in err && err.code === "P2002") || /unique|23505/i.test(String(err)))
  );
}

function formatVietnamTime(d: Date): string {
  return `${vietnamClock(d)} ${formatVietnamDateTime(d).slice(0, 10)}`;
}
