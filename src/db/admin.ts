// Server-level statements (CREATE/DROP DATABASE) run on their own short connection, outside any
// pool: PostgreSQL refuses them inside a transaction and they must not hold a pooled client.
import pg from "pg";
import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { queryRows } from "./queryRows.ts";

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Says so when the server does not vacuum by itself: the message queues' rows change status many
 * times a minute, and without autovacuum their dead row versions pile up until every claim walks
 * through them (the service then slows down minute by minute). PostgreSQL has it on by default.
 */
export async function warnWithoutAutovacuum(
  prisma: Pick<PrismaClient, "$queryRaw">,
  log: { warn: (obj: object, msg: string) => void },
): Promise<void> {
  const [row] = await queryRows(
    prisma,
    z.object({ autovacuum: z.string() }),
    Prisma.sql`SELECT current_setting('autovacuum') AS autovacuum`,
  );
  if (row?.autovacuum === "off")
    log.warn(
      { setting: "autovacuum" },
      "PostgreSQL autovacuum is off: the message queues will slow down as they grow; turn it on (docs/scaling.md)",
    );
}
