// Composition root: config → logger → database (migrated) → demo data → HTTP; graceful stop.
import type { Server } from "node:http";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createI18n } from "./core/i18n.ts";
import { resolveDataKeys } from "./db/dataKeys.ts";
import { createDatabase, type Database } from "./db/database.ts";
import { sealStoredValues } from "./db/sealStoredValues.ts";
import { ensureDemoData } from "./features/demo/service.ts";
import { importJobsFromConfig } from "./features/imports/importJobs.ts";
import { loadPolicy } from "./features/policy/loadPolicy.ts";
import { syncPolicy } from "./features/policy/syncPolicy.ts";
import { createChatRuntime } from "./conversation/runtime.ts";
import { createApp } from "./http/app.ts";
import { serviceJobs } from "./jobs/registry.ts";
import { createScheduler } from "./jobs/scheduler.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger, type Logger } from "./lib/logger.ts";

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
  // Rows stored in clear (before encryption at rest, or by an older version) are sealed now.
  await sealStoredValues(db.prisma, db.cipher, { mode: "clear", log });

  const i18n = await createI18n();
  const chat = createChatRuntime({ config, prisma: db.prisma, log, clock: systemClock, i18n });
  const importJobs = importJobsFromConfig(config, { prisma: db.prisma, log, clock: systemClock, i18n });
  const app = createApp({ config, db, prisma: db.prisma, log, i18n, clock: systemClock, isReady: () => ready, channels: chat.channels, kickOutbox: () => chat.outbox.kick(), importJobs });

  const wantDemo = config.DEMO_DATA === "always" || (config.DEMO_DATA === "auto" && db.kind === "pglite");
  const demo = wantDemo
    ? await ensureDemoData({ prisma: db.prisma, log, clock: systemClock, seed: config.DEMO_SEED })
    : null;
  // Every start brings the categories and base levels in the database in line with the policy files.
  if (!demo) await syncPolicy(db.prisma, await loadPolicy());

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
  if (demo?.logins.length) {
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
  const log = createLogger({ level: config.LOG_LEVEL });
  const service = await startService(config, log).catch((err: unknown) => {
    log.fatal({ err }, "start-up failed");
    process.exit(1);
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
