// Brings stored personal IDs and account numbers up to the current keys, a chunk at a time:
// - "clear": values stored before encryption existed (or without their hash) are sealed and
//   hashed; run at every start, it finds nothing to do once done;
// - "all": also values sealed under an older encryption key, and hashes made with an older hash
//   key (`npm run keys -- rotate` / `rehash`).
// Each chunk is committed on its own and leaves the set it was picked from, so a run that stops
// halfway is finished by the next one, and two instances running it at once do no harm.
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Logger } from "../lib/logger.ts";
import { bulkWrite } from "./bulkWrite.ts";
import type { FieldCipher } from "./fieldCipher.ts";
import { queryRowsUnsafe, sqlInt } from "./queryRows.ts";
import { sealRequestJson } from "./sensitiveFields.ts";

export type SealMode = "clear" | "all";
export type SealCounts = Record<"beneficiaries" | "relatives" | "accounts" | "requests", number>;

const CHUNK = 1000;

interface Target {
  name: Exclude<keyof SealCounts, "requests">;
  table: string;
  column: string;
  hashColumn: string;
}

const TARGETS: Target[] = [
  { name: "beneficiaries", table: "Beneficiary", column: "personalId", hashColumn: "personalIdHash" },
  { name: "relatives", table: "Relative", column: "personalId", hashColumn: "personalIdHash" },
  { name: "accounts", table: "PayoutAccount", column: "accountNumber", hashColumn: "accountNumberHash" },
];
const REQUEST_KEYS = ["relativePersonalId", "accountNumber"];
const countRow = z.object({ n: sqlInt });
const idRow = z.object({ id: z.string() });

/** How many stored values are not yet under the current keys (clear, older key, older hash). */
export async function countStaleValues(prisma: PrismaClient, cipher: FieldCipher): Promise<SealCounts> {
  const counts: SealCounts = { beneficiaries: 0, relatives: 0, accounts: 0, requests: 0 };
  for (const t of TARGETS) {
    const rows = await queryRowsUnsafe(
      prisma,
      countRow,
      `SELECT count(*)::int AS n FROM "${t.table}" WHERE ${staleCondition(t)}`,
      `${cipher.hashKeyId}:`,
      `enc:v1:${cipher.currentKeyId}:`,
    );
    counts[t.name] = rows[0]?.n ?? 0;
  }
  const rows = await queryRowsUnsafe(
    prisma,
    countRow,
    `SELECT count(*)::int AS n FROM "ChangeRequest" WHERE ${staleRequest()}`,
    `enc:v1:${cipher.currentKeyId}:`,
  );
  counts.requests = rows[0]?.n ?? 0;
  return counts;
}

export async function sealStoredValues(
  prisma: PrismaClient,
  cipher: FieldCipher,
  options: { mode: SealMode; log?: Logger; chunk?: number },
): Promise<SealCounts> {
  const chunk = options.chunk ?? CHUNK;
  // Every sealed value starts "enc:"; a current one with the current key's prefix.
  const sealedPrefix = options.mode === "all" ? `enc:v1:${cipher.currentKeyId}:` : "enc:";
  const hashPrefix = options.mode === "all" ? `${cipher.hashKeyId}:` : "";
  const counts: SealCounts = { beneficiaries: 0, relatives: 0, accounts: 0, requests: 0 };

  for (const t of TARGETS) {
    const sql = `SELECT id, "${t.column}" FROM "${t.table}" WHERE ${staleCondition(t)} ORDER BY id LIMIT ${chunk}`;
    // The column keeps its name in SQL, as by it the client knows to open the value. (Both are
    // checked strings; String() only tells the compiler, which cannot follow a computed key.)
    const staleRow = z
      .object({ id: z.string(), [t.column]: z.string() })
      .transform((r) => ({ id: String(r.id), value: String(r[t.column]) }));
    for (;;) {
      // The client opens sealed values in raw results too: `rows` holds plain values.
      const rows = await queryRowsUnsafe(prisma, staleRow, sql, hashPrefix, sealedPrefix);
      if (rows.length === 0) break;
      // bulkWrite seals the column and sets its hash.
      await bulkWrite.updateById(
        prisma,
        t.table,
        { [t.column]: "text" },
        rows.map((r) => ({ id: r.id, [t.column]: r.value })),
      );
      counts[t.name] += rows.length;
      if (rows.length < chunk) break;
    }
  }

  const requestSql = `SELECT id FROM "ChangeRequest" WHERE ${staleRequest()} ORDER BY id LIMIT ${chunk}`;
  for (;;) {
    const ids = (await queryRowsUnsafe(prisma, idRow, requestSql, sealedPrefix)).map((r) => r.id);
    if (ids.length === 0) break;
    const rows = await prisma.changeRequest.findMany({ where: { id: { in: ids } }, select: { id: true, data: true } });
    for (const row of rows) {
      sealRequestJson(cipher, row.data);
      // In SQL, so that the request does not look changed (updatedAt) to the officers' queue.
      await prisma.$executeRawUnsafe(
        `UPDATE "ChangeRequest" SET data = $1::jsonb WHERE id = $2`,
        JSON.stringify(row.data),
        row.id,
      );
    }
    counts.requests += ids.length;
    if (ids.length < chunk) break;
  }

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > 0)
    options.log?.info({ ...counts, keyId: cipher.currentKeyId }, "personal data encrypted with the current keys");
  return counts;
}

/** $1: the hash prefix rows must have, $2: the prefix sealed values must have. */
function staleCondition(t: Target): string {
  const value = `"${t.column}"`;
  const hash = `"${t.hashColumn}"`;
  return `${value} IS NOT NULL AND (${hash} IS NULL OR NOT starts_with(${hash}, $1) OR NOT starts_with(${value}, $2))`;
}

/** $1: the prefix sealed values must have. */
function staleRequest(): string {
  return REQUEST_KEYS.map((k) => `NOT starts_with(data->'private'->>'${k}', $1)`).join(" OR ");
}
