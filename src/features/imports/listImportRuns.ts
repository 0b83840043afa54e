// Recent import runs for the console: an officer sees their own, province staff and admins all.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import type { ImportKind } from "./types.ts";

export interface ImportRunSummary {
  id: string;
  at: Date;
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: number;
}

const KIND = { BENEFICIARIES: "beneficiaries", PAYOUTS: "payouts", AREAS: "areas" } as const;

export async function listImportRuns(
  prisma: PrismaClient,
  staff: StaffContext,
  take = 20,
): Promise<ImportRunSummary[]> {
  const runs = await prisma.importRun.findMany({
    where: staff.communeIds === null ? {} : { staffId: staff.id },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      kind: true,
      fileName: true,
      dryRun: true,
      rows: true,
      created: true,
      updated: true,
      errors: true,
    },
  });
  return runs.map(({ createdAt, kind, ...r }) => ({ ...r, at: createdAt, kind: KIND[kind] }));
}
