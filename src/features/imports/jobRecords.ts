// The stored side of an import job as the console reads it: the job without its file, the file
// when the checked job is imported, and the run (with its report) the job produced.
import type { PrismaClient } from "../../generated/prisma/client.ts";

export async function findImportJob(db: Pick<PrismaClient, "importJob">, id: string) {
  return db.importJob.findUnique({ where: { id }, omit: { data: true } });
}

export async function importJobFile(db: Pick<PrismaClient, "importJob">, id: string): Promise<Uint8Array | null> {
  const row = await db.importJob.findUnique({ where: { id }, select: { data: true } });
  return row?.data ?? null;
}

export async function findImportRun(db: Pick<PrismaClient, "importRun">, id: string) {
  return db.importRun.findUnique({ where: { id } });
}
