// Bulk database work for large lists: lookups and writes in chunks, never one query per row.
import type { Db } from "./reference.ts";

/** Rows per createMany / IN (...) list: well under PostgreSQL's 65,535 bind parameters. */
export const CHUNK = 2000;

export function chunks<T>(items: readonly T[], size: number = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `load` for each chunk of keys, one after another (a transaction has one connection). */
export async function loadInChunks<K, T>(keys: readonly K[], load: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(keys, 5000)) out.push(...(await load(part)));
  return out;
}

/**
 * Updates many rows of one table with different values in one statement per chunk: the new
 * values travel as a single JSON parameter and are matched by id.
 * `columns` maps each column to its SQL type; names come from code, never from a file.
 */
export async function updateMany(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, string | number | boolean | null>[],
): Promise<void> {
  const names = Object.keys(columns);
  const set = names.map((c) => `"${c}" = v."${c}"`).join(", ");
  const types = ["id text", ...names.map((c) => `"${c}" ${columns[c]}`)].join(", ");
  const sql = `UPDATE "${table}" AS t SET ${set} FROM jsonb_to_recordset($1::jsonb) AS v(${types}) WHERE t.id = v.id`;
  for (const part of chunks(rows, 5000)) await db.$executeRawUnsafe(sql, JSON.stringify(part));
}

/**
 * Inserts many rows in one statement per chunk, the values travelling as one JSON parameter:
 * building a createMany of thousands of rows costs far more time in the client than the
 * database needs to store them. Columns left out take their database defaults.
 */
export async function insertMany(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, string | number | boolean | null>[],
): Promise<void> {
  const names = Object.keys(columns);
  const list = names.map((c) => `"${c}"`).join(", ");
  const types = names.map((c) => `"${c}" ${columns[c]}`).join(", ");
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS v(${types})`;
  for (const part of chunks(rows, 5000)) await db.$executeRawUnsafe(sql, JSON.stringify(part));
}
