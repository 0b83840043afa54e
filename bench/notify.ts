// Payout notices to many people through the delivery engine, against a fake Bot API (in its own
// process) that refuses with 429 above its limit, as Telegram does. The limit is Telegram's
// 30 messages/s scaled up so the run stays short; the figure that matters is the ratio of the
// rate achieved to the rate allowed (goal ≥ 0.98, no 429 after the first), and from it how long a
// real province takes at 30/s.
//   npm run bench -- notify [--recipients 50000] [--scale 20] [--province 57000]
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. Loopback only.
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { createChatRuntime } from "../src/conversation/runtime.ts";
import { createDatabase } from "../src/db/database.ts";
import { startRateLimitedFake } from "./rateLimitedFake.ts";
import { scratchDatabase } from "./scratchDatabase.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";

const TELEGRAM_LIMIT = 30;
// The bot is set to the platform limit (BENCH_PACE=0.95 sets it that much under).
const PACE = Number(process.env.BENCH_PACE ?? "1");

export async function notifyBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      recipients: { type: "string", default: "50000" },
      scale: { type: "string", default: "20" },
      province: { type: "string", default: "57000" },
    },
  });
  const recipients = Number(values.recipients);
  const scale = Number(values.scale);
  const allowed = TELEGRAM_LIMIT * scale;
  const fake = await startRateLimitedFake(allowed);

  const scratch = await scratchDatabase("ansinh_bench_notify");
  const url = scratch.url;
  const config = loadConfig({
    NODE_ENV: "production",
    ...TEST_DATA_KEYS_ENV,
    LOG_LEVEL: "warn",
    DATABASE_URL: url,
    PUBLIC_URL: "http://127.0.0.1",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: "bench_secret",
    TELEGRAM_RATE_PER_SECOND: String(allowed * PACE),
    QUIET_HOURS: "off",
  });
  const db = await createDatabase({ kind: "postgres", url, poolSize: config.DATABASE_POOL_SIZE });
  try {
    await db.migrate();
    console.log(`seeding ${recipients.toLocaleString("en")} people with a Telegram chat and a queued notice each…`);
    await seed(db.prisma.$executeRawUnsafe.bind(db.prisma), recipients);
    // As autovacuum would after a large planning run.
    await db.prisma.$executeRawUnsafe(`ANALYZE`);
    const runtime = createChatRuntime({
      config,
      prisma: db.prisma,
      log: createLogger({ level: process.env.BENCH_LOG === "debug" ? "debug" : "warn" }),
      clock: systemClock,
      i18n: await createI18n(),
    });
    await runtime.start();
    await fake.waitForSends(recipients);
    await runtime.stop();
    const s = await fake.stats();
    const seconds = (s.lastAt - s.firstAt) / 1000;
    const achieved = (s.accepted - 1) / seconds;
    const ratio = achieved / allowed;
    const left = await db.prisma.outboundMessage.groupBy({ by: ["status"], _count: true });
    const province = Number(values.province);
    const provinceMinutes = province / (TELEGRAM_LIMIT * ratio) / 60;
    console.log(`\naccepted per second: ${s.perSecond.join(" ")}`);
    console.log("\n");
    console.log(`| figure | value |`);
    console.log(`|---|---|`);
    console.log(`| recipients | ${recipients.toLocaleString("en")} |`);
    console.log(`| allowed rate (30/s × ${scale}) | ${allowed}/s |`);
    console.log(`| achieved rate | ${achieved.toFixed(1)}/s over ${seconds.toFixed(1)} s |`);
    console.log(`| achieved / allowed | **${ratio.toFixed(3)}** (goal ≥ 0.98) |`);
    console.log(`| 429 answers | ${s.refused}${s.refused ? ` (first after ${s.first429Index} messages)` : ""} |`);
    console.log(`| final statuses | ${left.map((r) => `${r.status} ${r._count}`).join(", ")} |`);
    console.log(
      `| a province of ${province.toLocaleString("en")} at 30/s | ${provinceMinutes.toFixed(1)} min (${(province / TELEGRAM_LIMIT / 60).toFixed(1)} min at exactly 30/s) |`,
    );
  } finally {
    await db.close();
    await scratch.drop();
    fake.close();
  }
}

/** People, their linked chats and one queued notice each, in a few set-based statements. */
async function seed(exec: (sql: string) => Promise<number>, n: number): Promise<void> {
  await exec(`INSERT INTO "Province" (id, code, name) VALUES ('bench-p', '990', 'Tỉnh Đo Tốc Độ')`);
  await exec(`INSERT INTO "Commune" (id, code, name, "provinceId") VALUES ('bench-c', '99001', 'Xã Đo', 'bench-p')`);
  await exec(`
    INSERT INTO "Beneficiary" (id, "personalId", "personalIdLast4", "fullName", "fullNameAscii", "dateOfBirth", sex, "communeId", programme, "updatedAt")
    SELECT 'b' || i, '0011' || lpad(i::text, 8, '0'), lpad((i % 10000)::text, 4, '0'), 'Người Nhận ' || i, 'nguoi nhan ' || i,
      DATE '1940-01-01', 'FEMALE', 'bench-c', 'BTXH', now()
    FROM generate_series(1, ${n}) AS i`);
  await exec(`
    INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "beneficiaryId", "linkedAt", "consentAt")
    SELECT 'i' || i, 'TELEGRAM', (100000000 + i)::text, 'b' || i, now(), now() FROM generate_series(1, ${n}) AS i`);
  await exec(`
    INSERT INTO "ChatLink" (id, "identityId", "beneficiaryId", role, via)
    SELECT 'l' || i, 'i' || i, 'b' || i, 'SELF', 'LINK_CODE' FROM generate_series(1, ${n}) AS i`);
  await exec(`
    INSERT INTO "OutboundMessage" (id, channel, "identityId", kind, priority, "dedupeKey", "noticeKey", "beneficiaryId", reply)
    SELECT 'o' || i, 'TELEGRAM', 'i' || i, 'NOTIFICATION', 10, 'bench:' || i, 'bench:' || i, 'b' || i,
      jsonb_build_object('text', jsonb_build_array(jsonb_build_object('key', 'chat:welcome')))
    FROM generate_series(1, ${n}) AS i`);
}
