// The month's Telegram notices sent by the delivery engine (one instance, the elected bulk
// sender) to the fake Bot API in a process of its own, which refuses with 429 above its limit as
// Telegram does. The limit is Telegram's 30 messages/s scaled up so the run stays short; the
// figure is the rate achieved against the rate allowed. The month's Zalo messages are held back
// (their not-before moved a year on) so the Telegram lane is measured alone.
import type pg from "pg";
import { loadConfig, type Config } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { createChatRuntime } from "../src/conversation/runtime.ts";
import type { Database } from "../src/db/database.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { systemClock } from "../src/lib/clock.ts";
import type { Logger } from "../src/lib/logger.ts";
import { startRateLimitedFake } from "./rateLimitedFake.ts";

const TELEGRAM_LIMIT = 30;

export interface SendResult {
  /** Telegram notices of the month (sent, or the limit given). */
  total: number;
  sent: number;
  allowed: number;
  achieved: number;
  refused: number;
}

export async function sendTelegramNotices(deps: {
  db: Database;
  raw: pg.Pool;
  config: Config;
  log: Logger;
  scale: number;
  limit: number | null;
}): Promise<SendResult> {
  const allowed = TELEGRAM_LIMIT * deps.scale;
  await deps.raw.query(
    `UPDATE "OutboundMessage" SET "notBefore" = now() + interval '1 year' WHERE status = 'QUEUED' AND channel <> 'TELEGRAM'`,
  );
  const queued = await deps.raw.query<{ n: string }>(
    `SELECT count(*) AS n FROM "OutboundMessage" WHERE status = 'QUEUED' AND channel = 'TELEGRAM'`,
  );
  const total = Number(queued.rows[0]?.n);
  const target = Math.min(total, deps.limit ?? total);
  console.log(`sending ${target.toLocaleString("en")} Telegram notices at 30/s × ${deps.scale} = ${allowed}/s…`);
  await deps.raw.query(`VACUUM ANALYZE "OutboundMessage"`);

  const fake = await startRateLimitedFake(allowed);
  const config = loadConfig({
    NODE_ENV: "production",
    ...TEST_DATA_KEYS_ENV,
    LOG_LEVEL: "warn",
    DATABASE_URL: deps.config.database.kind === "postgres" ? deps.config.database.url : "",
    PUBLIC_URL: "http://127.0.0.1",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: "bench_secret",
    TELEGRAM_RATE_PER_SECOND: String(allowed),
    QUIET_HOURS: "off",
  });
  const runtime = createChatRuntime({
    config,
    prisma: deps.db.prisma,
    log: deps.log,
    clock: systemClock,
    i18n: await createI18n(),
  });
  try {
    await runtime.start();
    await fake.waitForSends(target);
    await runtime.stop();
    const s = await fake.stats();
    const seconds = (s.lastAt - s.firstAt) / 1000;
    console.log(`\n  accepted per second: ${summarise(s.perSecond)}`);
    return { total, sent: s.accepted, allowed, achieved: (s.accepted - 1) / seconds, refused: s.refused };
  } finally {
    await runtime.stop().catch(() => undefined);
    fake.close();
  }
}

/** The first and last few seconds, and the range in between (a long run's list is unreadable). */
function summarise(perSecond: number[]): string {
  if (perSecond.length <= 12) return perSecond.join(" ");
  const middle = perSecond.slice(5, -5);
  return `${perSecond.slice(0, 5).join(" ")} … [min ${Math.min(...middle)}, max ${Math.max(...middle)}] … ${perSecond.slice(-5).join(" ")}`;
}
