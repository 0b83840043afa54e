// Everything the database holds about people, as the raw text of their rows: what someone who
// copied the data folder or a backup would read, without the service's keys.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

const TABLES = [
  "Beneficiary",
  "Relative",
  "PayoutAccount",
  "Authorisation",
  "ChangeRequest",
  "Conversation",
  "AuditLog",
  "ImportRun",
];

export async function storedText(prisma: PrismaClient): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    // One text column named `row`: the client opens sealed values only under their own names.
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "${table}" t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

/** The given numbers that can be read in the stored rows. */
export async function numbersInClear(prisma: PrismaClient, numbers: string[]): Promise<string[]> {
  const text = await storedText(prisma);
  return numbers.filter((n) => text.includes(n));
}
