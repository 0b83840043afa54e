// Writes many rows with one statement per chunk, the values travelling as a single JSON parameter
// that the database expands with json_to_recordset. createMany binds every value as its own
// parameter, which through the embedded database's driver adapter costs about half a millisecond
// a row, and building a createMany of thousands of rows takes the client longer than the database
// needs to store them; expanding one JSON document is ~15× faster, on PostgreSQL too. The document
// is read as json, not jsonb: it is expanded once, and building jsonb's sorted binary form first
// took PostgreSQL longer than the expansion (measured: 5,000 people in 41 ms as json, 73 ms as jsonb).
import type { Prisma } from "../generated/prisma/client.ts";
import { cipherOf, hashColumnsFor, rowSealer } from "./sensitiveFields.ts";

/** SQL type of a column as json_to_recordset must declare it; a quoted name is an enum type. */
export type SqlType =
  "text" | "integer" | "bigint" | "date" | "timestamp(3)" | "boolean" | "numeric(6,3)" | "jsonb" | `"${string}"`;
/** One value: dates as "YYYY-MM-DD", instants as ISO strings in UTC (timestamp columns hold UTC). */
export type JsonCell = string | number | boolean | null | { [key: string]: boolean };
export type Columns<C extends string = string> = Record<C, SqlType>;

type Db = Prisma.TransactionClient;

/** Rows per statement or IN (...) list: a JSON parameter of a few megabytes at most. */
const CHUNK = 5000;

/**
 * A bulk statement built ahead of its run: its rows sealed and serialised, one JSON document per
 * chunk. Building is the client's work and running is the database's, so a caller writing many
 * parts in order builds the next part while the last one is still being written.
 */
export interface BulkStatement {
  readonly sql: string;
  readonly documents: readonly string[];
}

/**
 * `columns` maps each column to its SQL type. Table and column names come from code, never from
 * data; columns left out take their database defaults.
 */
export const bulkStatement = {
  insert<C extends string>(
    db: Db,
    table: string,
    columns: Columns<C>,
    plainRows: Record<NoInfer<C>, JsonCell>[],
  ): BulkStatement {
    const { columns: all, rows } = sealed(db, columns, plainRows);
    const list = quotedNames(all).join(", ");
    const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_to_recordset($1::json) AS v(${definitions(all)})`;
    return { sql, documents: documents(rows) };
  },

  /** Gives each row (matched by id) its own new values. */
  updateById<C extends string>(
    db: Db,
    table: string,
    columns: Columns<C>,
    plainRows: (Record<NoInfer<C>, JsonCell> & { id: string })[],
  ): BulkStatement {
    return bulkStatement.updateByKey(db, table, { id: "text" }, columns, plainRows);
  },

  /** Gives each row (matched by the `key` columns) its own new values for `columns`. */
  updateByKey<K extends string, C extends string>(
    db: Db,
    table: string,
    key: Columns<K>,
    columns: Columns<C>,
    plainRows: Record<NoInfer<K> | NoInfer<C>, JsonCell>[],
  ): BulkStatement {
    const { columns: all, rows } = sealed(db, columns, plainRows);
    const set = quotedNames(all)
      .map((c) => `${c} = v.${c}`)
      .join(", ");
    const sql = `UPDATE "${table}" AS t SET ${set} FROM json_to_recordset($1::json) AS v(${definitions({ ...key, ...all })}) WHERE ${matching(key)}`;
    return { sql, documents: documents(rows) };
  },

  /** Deletes the rows matched by the `key` columns. */
  deleteByKey<K extends string>(table: string, key: Columns<K>, keys: Record<NoInfer<K>, JsonCell>[]): BulkStatement {
    const sql = `DELETE FROM "${table}" AS t USING json_to_recordset($1::json) AS v(${definitions(key)}) WHERE ${matching(key)}`;
    return { sql, documents: documents(keys) };
  },
};

/** Where built statements run: a transaction of Prisma's, or a connection of the driver's own. */
export interface BulkRunner {
  run(statement: BulkStatement): Promise<void>;
}

/** Runs built statements through Prisma (a transaction client, or the client itself). */
export function prismaRunner(db: Db): BulkRunner {
  return { run: (statement) => runBulk(db, statement) };
}

/** Runs a built statement, a chunk after another (a transaction has one connection). */
export async function runBulk(db: Db, statement: BulkStatement): Promise<void> {
  for (const doc of statement.documents) await db.$executeRawUnsafe(statement.sql, doc);
}

/** Builds and runs at once. */
export const bulkWrite = {
  insert<C extends string>(
    db: Db,
    table: string,
    columns: Columns<C>,
    plainRows: Record<NoInfer<C>, JsonCell>[],
  ): Promise<void> {
    return runBulk(db, bulkStatement.insert(db, table, columns, plainRows));
  },

  updateById<C extends string>(
    db: Db,
    table: string,
    columns: Columns<C>,
    plainRows: (Record<NoInfer<C>, JsonCell> & { id: string })[],
  ): Promise<void> {
    return runBulk(db, bulkStatement.updateById(db, table, columns, plainRows));
  },
};

export function chunks<T>(items: readonly T[], size: number = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `load` for each chunk of keys, one after another (a transaction has one connection). */
export async function loadInChunks<K, T>(keys: readonly K[], load: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(keys)) out.push(...(await load(part)));
  return out;
}

/**
 * Personal IDs and account numbers never reach the database in clear: they are sealed here, with
 * their keyed hash column added, as the model API does for every other write.
 */
function sealed(
  db: Db,
  columns: Columns,
  rows: readonly Record<string, JsonCell>[],
): { columns: Columns; rows: readonly object[] } {
  const hashColumns = hashColumnsFor(Object.keys(columns));
  if (hashColumns.length === 0 || rows.length === 0) return { columns, rows };
  const seal = rowSealer(cipherOf(db), Object.keys(columns));
  const all: Columns = { ...columns };
  for (const c of hashColumns) all[c] = "text";
  return { columns: all, rows: rows.map(seal) };
}

function matching(key: Columns): string {
  return quotedNames(key)
    .map((c) => `t.${c} = v.${c}`)
    .join(" AND ");
}

function quotedNames(columns: Columns): string[] {
  return Object.keys(columns).map((c) => `"${c}"`);
}

function definitions(columns: Columns): string {
  return Object.entries(columns)
    .map(([c, type]) => `"${c}" ${type}`)
    .join(", ");
}

function documents(rows: readonly object[]): string[] {
  return chunks(rows).map((part) => JSON.stringify(part));
}
