// The whole Telegram path, in-process: the fake Bot API server, the real app listening on a
// port, and the real chat runtime (engine, brain, outbox, channels) on a test database.
// Tests talk to it only over HTTP: POSTs to the webhook as Telegram would, and what the fake
// server received as what the person would see.
import type { Server } from "node:http";
import { loadConfig } from "../../src/config.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { createChatRuntime, type ChatRuntime } from "../../src/conversation/runtime.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { createApp } from "../../src/http/app.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { movableClock, type MovableClock } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

export const WEBHOOK_SECRET = "test_secret-0123456789";
export const PUBLIC_URL = "https://ansinh.example.org";

export interface TelegramHarness {
  fake: FakeTelegramApi;
  /** The app's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  runtime: ChatRuntime;
  db: TestDatabase;
  prisma: PrismaClient;
  clock: MovableClock;
  /** POSTs a body to the webhook as Telegram does (the right secret unless told otherwise). */
  post(body: unknown, options?: { secret?: string | null; raw?: string }): Promise<Response>;
  /** Waits until everything received is processed and every due reply is sent. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface TelegramHarnessOptions {
  mode?: "webhook" | "polling";
  /** Reuse a database (closed by its owner); a fresh one otherwise. */
  db?: TestDatabase;
  /** Reuse a fake server (closed by its owner); a fresh one otherwise. */
  fake?: FakeTelegramApi;
  /** Wraps the Prisma client the runtime uses (to make an instance fail on purpose). */
  prisma?: (prisma: PrismaClient) => PrismaClient;
  /** Do not start the runtime (no outbox, no recovery, no setWebhook). */
  noStart?: boolean;
  env?: Record<string, string>;
}

export async function startTelegramHarness(options: TelegramHarnessOptions = {}): Promise<TelegramHarness> {
  const fake = options.fake ?? (await startFakeTelegramApi());
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MIGRATE_ON_START: "false",
    PUBLIC_URL,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: options.mode ?? "webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_BOT_USERNAME: fake.botUser.username,
    ...options.env,
  });
  const clock = movableClock();
  const log = createLogger({ level: "silent" });
  const i18n = await createI18n();
  const prisma = options.prisma ? options.prisma(db.prisma) : db.prisma;
  const runtime = createChatRuntime({ config, prisma, log, clock, i18n, pollMs: 50 });
  const app = createApp({ config, db, prisma, log, i18n, clock, isReady: () => true, channels: runtime.channels });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("test app has no port");
  const url = `http://127.0.0.1:${address.port}`;
  if (!options.noStart) await runtime.start();

  return {
    fake,
    url,
    runtime,
    db,
    prisma: db.prisma,
    clock,
    post(body, o = {}) {
      const secret = o.secret === undefined ? WEBHOOK_SECRET : o.secret;
      return fetch(`${url}/channels/telegram/webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
        },
        body: o.raw ?? JSON.stringify(body),
      });
    },
    async settle() {
      await runtime.engine.settle();
      await runtime.outbox.drain();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.noStart) await runtime.stop();
      if (!options.fake) await fake.close();
      if (!options.db) await db.destroy();
    },
  };
}
