// The few statements run for every chat message (storing it, reading the chat, writing the turn,
// sending the reply) go to the PostgreSQL driver directly, as prepared statements, instead of
// through Prisma's raw query: measured on this service's hardware, Prisma spends about 200 µs of
// CPU per raw statement before the driver does (about 100 µs), and an unnamed statement is parsed
// and analysed by PostgreSQL every time, where a prepared one is parsed once per connection (its
// plan is kept or made again as PostgreSQL decides; see the pool in database.ts). Same SQL, same
// parameters, same atomicity: one statement on one pooled connection, outside any transaction.
//
// Only a client made by createDatabase for PostgreSQL has a pool here; anything else (PGlite, a
// transaction, a client wrapped by a test) goes through Prisma as before, with the same results.
import { createHash } from "node:crypto";
import pg from "pg";
import type { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { prismaRunner, type BulkRunner } from "./bulkWrite.ts";
import { parseRows, queryRows } from "./queryRows.ts";

const pools = new WeakMap<object, pg.Pool>();

/** Lets `hotRows` on this client use the pool its adapter is built on. */
export function registerDriverPool(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool);
}

// PostgreSQL type ids whose driver default differs from what Prisma hands back for raw SQL.
const TIMESTAMP = 1114; // without time zone: stored as UTC; the driver would read it as local time
const DATE = 1082;
const INT8 = 20;

const types = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (oid === TIMESTAMP) return (v) => new Date(`${v.replace(" ", "T")}Z`);
    if (oid === DATE) return (v) => new Date(`${v}T00:00:00Z`);
    if (oid === INT8) return (v) => BigInt(v);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

// A statement's name is derived from its text: the same text is prepared once per connection.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    // Shapes are few (a batch's size changes the text); a bound keeps an unexpected variety in check.
    if (names.size > 2000) names.clear();
    name = `hot_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

function param(value: unknown): unknown {
  // Prisma sends a Date as its UTC time; the driver would send local time.
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * The rows of `sql`, each checked against `row`, like `queryRows`, run as a prepared statement;
 * `planEachRun` for a statement whose best plan depends on how many rows wait right now (a queue's
 * claim): it is sent unprepared and planned at every run. `probesOnly` for a lookup by a unique
 * key that must never read a whole table, whatever the table's statistics say (see `probing`).
 */
export async function hotRows<T extends z.ZodType>(
  db: Pick<PrismaClient, "$queryRaw">,
  row: T,
  sql: Prisma.Sql,
  options: { planEachRun?: boolean; probesOnly?: boolean } = {},
): Promise<z.output<T>[]> {
  const pool = pools.get(db);
  if (!pool) return queryRows(db, row, sql);
  const prepared = !options.planEachRun;
  const result = options.probesOnly ? await probing(pool, sql, prepared) : await onDriver(pool, sql, prepared);
  return parseRows(row, result.rows);
}

/** Like `$executeRaw`: runs `sql` as a prepared statement and returns the number of rows it touched. */
export async function hotExecute(db: Pick<PrismaClient, "$executeRaw">, sql: Prisma.Sql): Promise<number> {
  const pool = pools.get(db);
  if (!pool) return db.$executeRaw(sql);
  return (await onDriver(pool, sql, true)).rowCount ?? 0;
}

/** `sql` on one pooled connection, prepared (named by its text) or planned at this run only. */
function onDriver(pool: pg.Pool | pg.PoolClient, sql: Prisma.Sql, prepared: boolean): Promise<pg.QueryResult> {
  return pool.query({
    ...(prepared ? { name: nameOf(sql.text) } : {}),
    text: sql.text,
    values: sql.values.map(param),
    types,
  });
}

/**
 * `sql` planned without sequential scans. A table being filled by a long transaction (a province's
 * first list) has no statistics yet: PostgreSQL then guesses that a thousand IDs match most of its
 * rows and reads all of them for every lookup, ever slower as the list grows (measured: 0.5 ms at
 * the start of a 100,000-person import, 14 ms at its end; the index answers in 1 ms). The setting
 * lives only in the statement's own short transaction.
 */
function probing(pool: pg.Pool, sql: Prisma.Sql, prepared: boolean): Promise<pg.QueryResult> {
  return inTransaction(pool, "SET LOCAL enable_seqscan = off", (client) => onDriver(client, sql, prepared));
}

/**
 * `work` on one pooled connection, between BEGIN (with `settings`) and COMMIT, rolled back when it
 * fails. PostgreSQL ending the session meanwhile (an idle limit, a restart) is an error event on a
 * client nobody else listens to while it is checked out: it is kept here, the next statement fails,
 * and a connection that cannot even roll back is closed, not handed to the next caller.
 */
async function inTransaction<T>(
  pool: pg.Pool,
  settings: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (err: Error) => (broken = err);
  client.on("error", lost);
  try {
    await client.query(`BEGIN; ${settings}`);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    throw err;
  } finally {
    client.off("error", lost);
    client.release(broken);
  }
}

/**
 * Runs `work` in one transaction whose bulk statements (documents of thousands of rows) go to the
 * driver directly: Prisma's raw query serialises every parameter to JSON and parses it back, two
 * more passes over each document of megabytes. Without a pool here (PGlite, a wrapped client) it
 * is Prisma's interactive transaction, with the same atomicity and the same time limit: past
 * `timeout` ms nothing more is written and the transaction is rolled back, and a connection left
 * idle in it that long is closed by PostgreSQL itself.
 */
export async function bulkTransaction<T>(
  prisma: PrismaClient,
  work: (runner: BulkRunner) => Promise<T>,
  options: { timeout: number; maxWait: number },
): Promise<T> {
  const pool = pools.get(prisma);
  if (!pool) return prisma.$transaction((tx) => work(prismaRunner(tx)), options);
  const started = Date.now();
  const expired = () => {
    if (Date.now() - started > options.timeout)
      throw new Error(`Transaction expired: it ran longer than its ${options.timeout} ms`);
  };
  return inTransaction(
    pool,
    `SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(options.timeout)}`,
    async (client) => {
      const result = await work({
        async run(statement) {
          for (const doc of statement.documents) {
            expired();
            await client.query(statement.sql, [doc]);
          }
        },
      });
      expired();
      return result;
    },
  );
}
