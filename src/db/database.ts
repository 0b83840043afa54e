// Prisma client factory: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise an
// embedded PGlite database in a data folder. Same schema, same migrations, same queries.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { registerDriverPool } from "./hotRows.ts";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Logger } from "../lib/logger.ts";
import { FieldCipher, TEST_DATA_KEYS, type DataKeys } from "./fieldCipher.ts";
import { createMigrator } from "./migrator.ts";
import { protectSensitiveFields } from "./sensitiveFields.ts";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string } // "memory://" for a throw-away database
  | { kind: "pglite-instance"; db: PGlite };

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** Seals and opens personal IDs and account numbers (the client does it on its own). */
  cipher: FieldCipher;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Applies pending migrations, one instance at a time. */
  migrate(log?: Logger): Promise<string[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

// Clients of an embedded database: it has one connection, so a transaction held open stops every
// other query of the service until it ends.
const oneConnection = new WeakSet<object>();

/** True when the client reaches its database through a single connection (PGlite). */
export function hasOneConnection(prisma: object): boolean {
  return oneConnection.has(prisma);
}

// Any fixed 64-bit key: all instances of the service take the same advisory lock to migrate.
const MIGRATION_LOCK_KEY = 7_246_001;

/**
 * `keys` come from the configuration (see dataKeys.ts); tests and benchmarks leave them out and
 * get fixed test keys.
 */
export async function createDatabase(
  target: DatabaseTarget,
  log?: Logger,
  keys: DataKeys = TEST_DATA_KEYS,
): Promise<Database> {
  const cipher = new FieldCipher(keys);
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      // The per-message statements are prepared on each connection (hotRows.ts), and PostgreSQL
      // may keep one plan for them per connection. It plans again when a table's statistics change
      // (autovacuum's ANALYZE); renewing connections every minute also bounds how long a plan made
      // when the tables were small can outlive that, where statistics lag.
      maxLifetimeSeconds: 60,
    });
    // An idle connection closed by the server (restart, failover) must not crash the process: the
    // pool drops it and opens a new one; a query in flight fails and its caller handles that.
    pool.on("error", (err) => log?.warn({ err: err.message }, "database connection lost"));
    const factory = new PrismaPg(pool);
    const prisma = encrypting(new PrismaClient({ adapter: factory }), cipher);
    registerDriverPool(prisma, pool);
    return {
      kind: "postgres",
      prisma,
      cipher,
      factory,
      async migrate(log) {
        // Two instances starting together: the second waits on the lock, then finds nothing to do.
        const lockClient = new pg.Client({ connectionString: target.url });
        await lockClient.connect();
        try {
          await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
          const migrationPool = new pg.Pool({ connectionString: target.url, max: 2 });
          try {
            return await runMigrations(new PrismaPg(migrationPool), log);
          } finally {
            await migrationPool.end();
          }
        } finally {
          await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
          await lockClient.end();
        }
      },
      ping: () =>
        prisma.$executeRaw`SELECT 1`.then(
          () => true,
          () => false,
        ),
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }

  let db: PGlite;
  if (target.kind === "pglite-instance") {
    db = target.db;
  } else {
    if (!target.dataDir.startsWith("memory://")) await mkdir(target.dataDir, { recursive: true });
    db = await PGlite.create(target.dataDir);
  }
  const factory = new PrismaPGlite(db);
  const prisma = encrypting(new PrismaClient({ adapter: factory }), cipher);
  oneConnection.add(prisma);
  // A PGlite folder belongs to one process, so an in-process queue is the whole lock.
  let migrating: Promise<unknown> = Promise.resolve();
  return {
    kind: "pglite",
    prisma,
    cipher,
    factory,
    migrate(log) {
      const run = migrating.then(() => runMigrations(factory, log));
      migrating = run.catch(() => {});
      return run;
    },
    ping: () =>
      db.query("SELECT 1").then(
        () => true,
        () => false,
      ),
    async close() {
      await prisma.$disconnect();
      if (target.kind !== "pglite-instance") await db.close();
    },
  };
}

// The extension changes values, not types: every query takes and returns what PrismaClient's do.
// Its type differs only by what an extended client drops ($on, $use), which nothing here calls.
function encrypting(prisma: PrismaClient, cipher: FieldCipher): PrismaClient {
  return protectSensitiveFields(prisma, cipher) as unknown as PrismaClient;
}

async function runMigrations(factory: SqlMigrationAwareDriverAdapterFactory, log?: Logger): Promise<string[]> {
  const migrator = await createMigrator(factory);
  try {
    const applied = await migrator.apply();
    if (applied.length > 0) {
      // One short line at start; the full list for whoever asks for detail.
      log?.info({ count: applied.length, latest: applied.at(-1) }, "database migrations applied");
      log?.debug({ applied }, "database migrations applied (names)");
    }
    return applied;
  } finally {
    await migrator.close();
  }
}
