// Keeps a record of every check and import (the report, its counts, who and which file), and the
// audit entry for it.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import type { ImportKind, ImportReport } from "./types.ts";

// The stored report keeps the beginning of long lists; the counts are always complete.
const STORED_ITEMS = 1000;
const RUN_KIND = { beneficiaries: "BENEFICIARIES", payouts: "PAYOUTS", areas: "AREAS" } as const;

export async function recordRun(
  prisma: PrismaClient,
  input: { kind: ImportKind; fileName: string; dryRun: boolean; staff: StaffContext | null },
  report: ImportReport,
  fileHash: string,
): Promise<string> {
  const stored = {
    ...report,
    errors: report.errors.slice(0, STORED_ITEMS),
    lines: report.lines.slice(0, STORED_ITEMS),
    changes: report.changes.slice(0, STORED_ITEMS),
    errorCount: report.errors.length,
    lineCount: report.lines.length,
    changeCount: report.changes.length,
  };
  const run = await prisma.importRun.create({
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
  report.runId = run.id;
  await recordAudit(prisma, {
    staffId: input.staff?.id ?? null,
    actor: input.staff?.username ?? "system",
    action: input.dryRun ? "import.dry_run" : "import.apply",
    entity: "ImportRun",
    entityId: run.id,
    detail: {
      kind: input.kind,
      fileName: input.fileName,
      fileHash,
      applied: report.applied,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      errors: report.errors.length,
    },
  });
  return run.id;
}
