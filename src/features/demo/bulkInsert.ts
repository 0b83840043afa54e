// Bulk inserts through one JSON parameter per chunk. createMany binds every value as its own
// parameter, which through the embedded database's driver adapter costs about half a millisecond
// a row; expanding one JSON document inside the database is ~15× faster, on PostgreSQL too.
import type { Prisma } from "../../generated/prisma/client.ts";

type SqlType = "text" | "integer" | "date" | "timestamp(3)" | "boolean" | "numeric(6,3)" | "jsonb" | `"${string}"`;
type JsonCell = string | number | boolean | null | { [key: string]: boolean };

const CHUNK = 2_000;

/**
 * Inserts rows into a table; `columns` maps each column to its SQL type. Table and column names
 * come from code, never from data. Dates are "YYYY-MM-DD" strings and instants ISO strings in UTC
 * (the time-zone suffix is ignored by timestamp columns, which hold UTC).
 */
export async function bulkInsert<C extends string>(
  tx: Prisma.TransactionClient,
  table: string,
  columns: Record<C, SqlType>,
  rows: Record<C, JsonCell>[],
): Promise<void> {
  const names = Object.keys(columns).map((c) => `"${c}"`);
  const defs = Object.entries(columns).map(([c, type]) => `"${c}" ${String(type)}`);
  const sql =
    `INSERT INTO "${table}" (${names.join(", ")}) SELECT ${names.join(", ")} ` +
    `FROM jsonb_to_recordset($1::jsonb) AS x(${defs.join(", ")})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK)));
  }
}
