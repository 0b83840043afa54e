// Imports an officer's file: read, map headers, check every row, compare with the database,
// and (unless it is a dry run) write everything in one transaction. A file with any error is
// refused whole, so a list with a few broken rows never half-changes the database.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { I18n } from "../../core/i18n.ts";
import type { StaffContext } from "../../http/context.ts";
import type { Clock } from "../../lib/clock.ts";
import { toJsonValue } from "../../lib/json.ts";
import type { Logger } from "../../lib/logger.ts";
import { recordAudit } from "../audit/service.ts";
import { areaPlan } from "./areaPlan.ts";
import { beneficiaryPlan } from "./beneficiaryPlan.ts";
import { beneficiaryRows } from "./beneficiaryRows.ts";
import { columns, type Columns } from "./columns.ts";
import { payoutPlan } from "./payoutPlan.ts";
import { payoutRows } from "./payoutRows.ts";
import { readTable } from "./readTable.ts";
import { loadReference, type Db } from "./reference.ts";
import type { ImportKind, ImportPlan, ImportReport, RowError } from "./types.ts";

export type { ImportError, ImportKind, ImportReport } from "./types.ts";

export interface ImportDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
}

export interface ImportInput {
  kind: ImportKind;
  fileName: string;
  data: Buffer;
  dryRun: boolean;
  staff: StaffContext | null;
  locale?: string;
}

// 100,000 rows on a small server take minutes; officers would rather wait than retry.
const TRANSACTION = { timeout: 30 * 60_000, maxWait: 60_000 };
// The stored report keeps the beginning of long lists; the counts are always complete.
const STORED_ITEMS = 1000;

const RUN_KIND = { beneficiaries: "BENEFICIARIES", payouts: "PAYOUTS", areas: "AREAS" } as const;

export async function runImport(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const started = Date.now();
  const fileHash = createHash("sha256").update(input.data).digest("hex");
  const locale = input.locale ?? "vi";
  const t = deps.i18n.t(locale);
  const other = deps.i18n.t(locale === "en" ? "vi" : "en");
  const label = (field: string) => [t(`imports:fields.${field}`), other(`imports:fields.${field}`)];

  const { plan, applied } = await evaluate(deps, input, label);
  const changes = "changes" in plan ? plan.changes : [];
  const report: ImportReport = {
    kind: input.kind,
    fileName: input.fileName,
    dryRun: input.dryRun,
    applied,
    rows: plan.rows,
    created: changes.filter((c) => c.action === "create").length,
    updated: changes.filter((c) => c.action === "update").length,
    unchanged: "unchanged" in plan ? plan.unchanged : 0,
    errors: plan.errors.map((e) => ({ ...e, message: t(`imports:errors.${e.code}`, e.params) })),
    changes,
  };
  await recordRun(deps, input, report, fileHash);
  deps.log.info(
    { kind: input.kind, dryRun: input.dryRun, applied, rows: report.rows, created: report.created, updated: report.updated, errors: report.errors.length, ms: Date.now() - started },
    "import finished",
  );
  return report;
}

type Outcome = { plan: ImportPlan | { rows: number; errors: RowError[] }; applied: boolean };

async function evaluate(deps: ImportDeps, input: ImportInput, label: (field: string) => string[]): Promise<Outcome> {
  const refused = (error: RowError): Outcome => ({ plan: { rows: 0, errors: [error] }, applied: false });
  const table = await readTable(input.fileName, input.data);
  if (!table.ok) return refused({ row: 0, column: "", code: table.code, params: {} });
  const mapped = columns(input.kind, table.rows, label);
  if (!mapped.ok) return { plan: { rows: 0, errors: mapped.errors }, applied: false };
  const cols = mapped.columns;
  if (input.kind === "areas" && input.staff && input.staff.communeIds !== null) {
    return refused({ row: 0, column: "", code: "areas_admin_only", params: {} });
  }
  if (cols.dataRows.length === 0) return refused({ row: cols.headerRow, column: "", code: "no_rows", params: {} });
  const lineLabel = deps.i18n.t("vi")("imports:monthlyLine");
  if (input.dryRun) return { plan: await buildPlan(deps.prisma, deps, input, cols, lineLabel), applied: false };
  return deps.prisma.$transaction(async (tx) => {
    const plan = await buildPlan(tx, deps, input, cols, lineLabel);
    if (plan.errors.length > 0) return { plan, applied: false };
    await plan.apply();
    return { plan, applied: true };
  }, TRANSACTION);
}

async function buildPlan(db: Db, deps: ImportDeps, input: ImportInput, cols: Columns, lineLabel: string): Promise<ImportPlan> {
  const total = cols.dataRows.length;
  if (input.kind === "areas") return areaPlan(db, cols);
  const ref = await loadReference(db, deps.clock, input.staff);
  const personalIdColumn = cols.name("personalId");
  if (input.kind === "beneficiaries") {
    return beneficiaryPlan(db, ref, { ...beneficiaryRows(cols, ref), personalIdColumn, total });
  }
  return payoutPlan(db, ref, { ...payoutRows(cols), personalIdColumn, total, lineLabel });
}

async function recordRun(deps: ImportDeps, input: ImportInput, report: ImportReport, fileHash: string): Promise<void> {
  const stored = {
    ...report,
    errors: report.errors.slice(0, STORED_ITEMS),
    changes: report.changes.slice(0, STORED_ITEMS),
    errorCount: report.errors.length,
    changeCount: report.changes.length,
  };
  const run = await deps.prisma.importRun.create({
    data: {
      kind: RUN_KIND[input.kind],
      fileName: input.fileName.slice(0, 255),
      fileHash,
      dryRun: input.dryRun,
      staffId: input.staff?.id ?? null,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      errors: report.errors.length,
      report: toJsonValue(stored),
    },
  });
  await recordAudit(deps.prisma, {
    staffId: input.staff?.id ?? null,
    actor: input.staff?.username ?? "system",
    action: input.dryRun ? "import.dry_run" : "import.apply",
    entity: "ImportRun",
    entityId: run.id,
    detail: {
      kind: input.kind, fileName: input.fileName, fileHash, applied: report.applied, rows: report.rows,
      created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors.length,
    },
  });
}
