// Composition root: config → logger → database (migrated) → demo data → HTTP; graceful stop.
import type { Server } from "node:http";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createI18n } from "./core/i18n.ts";
import { resolveDataKeys } from "./db/dataKeys.ts";
import { createDatabase, type Database } from "./db/database.ts";
import { warnWithoutAutovacuum } from "./db/admin.ts";
import { sealStoredValues } from "./db/sealStoredValues.ts";
import { ensureDemoData } from "./features/demo/service.ts";
import { seedShippedPolicy } from "./features/policy/seedPolicy.ts";
import { importJobsFromConfig } from "./features/imports/importJobs.ts";
import { createChatRuntime } from "./conversation/runtime.ts";
import { createApp } from "./http/app.ts";
import { serviceJobs } from "./jobs/registry.ts";
import { createScheduler } from "./jobs/scheduler.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { startupBanner } from "./startupBanner.ts";

export interface Service {
  url: string;
  stop(): Promise<void>;
}

export async function startService(config: Config, log: Logger): Promise<Service> {
  let ready = false;
  const db: Database = await createDatabase(
    config.database.kind === "postgres"
      ? { kind: "postgres", url: config.database.url, poolSize: config.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: config.database.dataDir },
    log,
    await resolveDataKeys(config, log),
  );
  log.info({ database: db.kind, keyId: db.cipher.currentKeyId }, "database opened");
  if (config.MIGRATE_ON_START) await db.migrate(log);
  if (db.kind === "postgres") await warnWithoutAutovacuum(db.prisma, log);
  // Rows stored in clear (before encryption at rest, or by an older version) are sealed now.
  await sealStoredValues(db.prisma, db.cipher, { mode: "clear", log });

  const i18n = await createI18n();
  const chat = createChatRuntime({ config, prisma: db.prisma, log, clock: systemClock, i18n });
  const importJobs = importJobsFromConfig(config, { prisma: db.prisma, log, clock: systemClock, i18n });
  const app = createApp({
    config,
    db,
    prisma: db.prisma,
    log,
    i18n,
    clock: systemClock,
    isReady: () => ready,
    channels: chat.channels,
    kickOutbox: () => chat.outbox.kick(),
    importJobs,
  });

  const wantDemo = config.DEMO_DATA === "always" || (config.DEMO_DATA === "auto" && db.kind === "pglite");
  const demo = wantDemo
    ? await ensureDemoData({ prisma: db.prisma, log, clock: systemClock, seed: config.DEMO_SEED })
    : null;
  // Every start brings what the shipped policy files add or change into the database, without
  // touching what officers changed (after the demo, so its province's resolution is seeded too).
  await seedShippedPolicy(db.prisma, log);

  await chat.start();
  log.info({ channels: chat.channels.map((c) => c.name) }, "chat channels started");
  const scheduler = createScheduler({ prisma: db.prisma, log, clock: systemClock, owner: chat.outbox.owner });
  for (const job of serviceJobs({ prisma: db.prisma, config })) scheduler.register(job);
  scheduler.start();
  importJobs.start();

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  ready = true;
  log.info({ url: `${url}/console`, database: db.kind }, "An Sinh Bot is ready");
  if (config.logFormat === "readable") {
    const channels = chat.channels.map((c) => c.name);
    process.stdout.write(
      startupBanner({ url, database: config.database, channels, logins: demo?.logins ?? [] }) + "\n",
    );
  } else if (demo?.logins.length) {
    log.info(
      { logins: demo.logins.map((l) => `${l.username} / ${l.password} (${l.role})`) },
      demo.created ? "demo data loaded; demo staff logins" : "demo staff logins",
    );
  }

  return {
    url,
    async stop() {
      ready = false;
      // Stop taking new connections, let running requests finish, then close the database.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, config.SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      await importJobs.stop();
      await scheduler.stop();
      await chat.stop();
      await db.close();
      log.info("stopped");
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(78); // EX_CONFIG
  }
  const log = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
  let service: Service | null = null;
  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    // A second signal while stopping means "now": the person pressed Ctrl+C twice.
    process.once("SIGINT", () => process.exit(code || 130));
    (service ? service.stop() : Promise.resolve()).then(
      () => process.exit(code),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  // A promise nobody awaited, or an exception nothing caught, leaves the process in a state no
  // code was written for: log it with its stack, stop in order (requests finish, the database
  // closes) and exit non-zero so the supervisor starts a clean instance.
  process.on("unhandledRejection", (reason: unknown) => {
    log.fatal({ err: reason }, "unhandled promise rejection");
    stop("unhandledRejection", 1);
  });
  process.on("uncaughtException", (err: Error) => {
    log.fatal({ err }, "uncaught exception");
    stop("uncaughtException", 1);
  });
  process.on("SIGTERM", () => stop("SIGTERM", 0));
  process.on("SIGINT", () => stop("SIGINT", 0));
  service = await startService(config, log).catch((err: unknown) => {
    log.fatal({ err }, "start-up failed");
    process.exit(1);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
