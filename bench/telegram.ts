// Telegram webhook path, end to end: N text messages from as many chats POSTed to the webhook of
// the real app (engine, brain, outbox on PostgreSQL), each timed from its POST until its first
// reply reaches a fake Bot API server. Then the same load against a bare telegraf echo bot (its
// webhook callback in a plain http server, `ctx.reply(text)` to the same fake server), and our
// figures as a ratio of the bare bot's: the price of storing every message, per-chat locking,
// state and the durable outbox.
//   npm run bench -- telegram [--messages 2000] [--concurrency 20] [--queries] [--profile FILE]
// --queries also counts the statements our service sends to PostgreSQL during the timed run (each
// a round trip), per message and by statement. --profile writes a CPU profile of this process
// during our timed run (open it in Chrome's DevTools, Performance panel, or any .cpuprofile viewer).
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. Loopback only.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { Telegraf } from "telegraf";
import { message } from "telegraf/filters";
import { loadConfig } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { createChatRuntime } from "../src/conversation/runtime.ts";
import { createDatabase } from "../src/db/database.ts";
import { scratchDatabase } from "./scratchDatabase.ts";
import { importJobsFromConfig } from "../src/features/imports/importJobs.ts";
import { seedShippedPolicy } from "../src/features/policy/seedPolicy.ts";
import { createApp } from "../src/http/app.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../test/fakes/telegramApi.ts";

const SECRET = "bench_secret";

interface RunResult {
  messages: number;
  seconds: number;
  /** POST → first reply at the Bot API, ms. */
  latency: number[];
  /** POST → HTTP answer to the webhook, ms. */
  answer: number[];
  /** CPU time of this process (the server, the fake Bot API and the load driver) per message, ms. */
  cpuMs: number;
  /** CPU time of the PostgreSQL server's processes on this machine per message, ms (NaN: not readable). */
  dbCpuMs: number;
}

export async function telegramBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: "string", default: "2000" },
      concurrency: { type: "string", default: "20" },
      queries: { type: "boolean", default: false },
      profile: { type: "string" },
    },
  });
  if (values.queries) countQueries();
  const messages = positive(values.messages, "--messages");
  const concurrency = positive(values.concurrency, "--concurrency");
  const fake = await startFakeTelegramApi();
  try {
    const ours = await benchOurs(fake, messages, concurrency, values.profile);
    const bare = await benchBare(fake, messages, concurrency);
    report(ours, bare, concurrency);
    if (values.queries) reportQueries(ours.messages);
  } finally {
    await fake.close();
  }
}

async function benchOurs(
  fake: FakeTelegramApi,
  messages: number,
  concurrency: number,
  profile: string | undefined,
): Promise<RunResult> {
  const scratch = await scratchDatabase("ansinh_bench_tg");
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
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    // What is measured here is the bot's own cost per message, not Telegram's 30/s cap.
    TELEGRAM_RATE_PER_SECOND: "10000",
    QUIET_HOURS: "off",
  });
  const db = await createDatabase({ kind: "postgres", url, poolSize: config.DATABASE_POOL_SIZE });
  const log = createLogger({ level: "warn" });
  try {
    await db.migrate();
    await seedShippedPolicy(db.prisma);
    const i18n = await createI18n();
    const runtime = createChatRuntime({ config, prisma: db.prisma, log, clock: systemClock, i18n });
    const app = createApp({
      config,
      db,
      prisma: db.prisma,
      log,
      i18n,
      clock: systemClock,
      isReady: () => true,
      channels: runtime.channels,
      // No uploads here: a job runner that is never started, so nothing polls the closed database.
      importJobs: importJobsFromConfig(config, { prisma: db.prisma, log, clock: systemClock, i18n }),
    });
    await runtime.start();
    const server = await listen(app);
    // Where a message waits, if it waits: not yet processed by the engine, or processed with its
    // replies still queued in the outbox.
    const backlog = setInterval(() => {
      void Promise.all([
        db.prisma.inboundMessage.count({ where: { processedAt: null } }),
        db.prisma.outboundMessage.count({ where: { status: { in: ["QUEUED", "SENDING"] } } }),
      ]).then(([inbound, outbound]) =>
        console.log(`  backlog: ${inbound} unprocessed messages, ${outbound} queued replies`),
      );
    }, 5000);
    try {
      const result = await drive(
        fake,
        `${baseUrl(server)}/channels/telegram/webhook`,
        messages,
        concurrency,
        1_000_000,
        profile,
      );
      console.log(`ours: ${result.messages} messages in ${result.seconds.toFixed(1)} s`);
      return result;
    } finally {
      clearInterval(backlog);
      await close(server);
      await runtime.stop();
    }
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function benchBare(fake: FakeTelegramApi, messages: number, concurrency: number): Promise<RunResult> {
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
  bot.botInfo = await bot.telegram.getMe();
  bot.on(message("text"), (ctx) => ctx.reply(ctx.message.text));
  bot.catch((err) => console.error("echo bot:", err));
  const server = await listen(bot.webhookCallback("/webhook", { secretToken: SECRET }));
  try {
    const result = await drive(fake, `${baseUrl(server)}/webhook`, messages, concurrency, 2_000_000);
    console.log(`bare telegraf: ${result.messages} messages in ${result.seconds.toFixed(1)} s`);
    return { ...result, dbCpuMs: NaN }; // no database
  } finally {
    await close(server);
  }
}

/** A short warm-up, then `messages` POSTs from distinct chats with `concurrency` in flight. */
async function drive(
  fake: FakeTelegramApi,
  webhook: string,
  messages: number,
  concurrency: number,
  firstChat: number,
  profile?: string,
): Promise<RunResult> {
  const waiting = new Map<string, () => void>();
  const unsubscribe = fake.onCall((call) => {
    if (call.method !== "sendMessage" || call.status !== 200) return;
    const chat = String(call.body.chat_id);
    waiting.get(chat)?.();
    waiting.delete(chat);
  });
  const one = async (chatId: number, latency: number[], answer: number[]) => {
    const replied = new Promise<void>((resolve) => waiting.set(String(chatId), resolve));
    const t0 = performance.now();
    const res = await fetch(webhook, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(fake.updates.text(chatId, `xin chào ${chatId}`)),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`webhook answered HTTP ${res.status}`);
    answer.push(performance.now() - t0);
    await withTimeout(replied, 60_000, `no reply for chat ${chatId}`);
    latency.push(performance.now() - t0);
  };
  const run = async (from: number, count: number): Promise<RunResult> => {
    const latency: number[] = [];
    const answer: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) await one(from + next++, latency, answer);
      }),
    );
    return { messages: count, seconds: (performance.now() - t0) / 1000, latency, answer, cpuMs: 0, dbCpuMs: NaN };
  };
  try {
    await run(firstChat, Math.min(100, messages));
    const profiler = profile ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    queries.counting = true;
    const dbCpu = await postgresCpuMs();
    const cpu = process.cpuUsage();
    const result = await run(firstChat + 100_000, messages);
    const used = process.cpuUsage(cpu);
    const dbUsed = (await postgresCpuMs()) - dbCpu;
    queries.counting = false;
    if (profiler && profile) {
      const { profile: taken } = await profiler.post("Profiler.stop");
      await writeFile(profile, JSON.stringify(taken));
      profiler.disconnect();
      console.log(`CPU profile of the timed run: ${profile}`);
    }
    return { ...result, cpuMs: (used.user + used.system) / 1000 / messages, dbCpuMs: dbUsed / messages };
  } finally {
    unsubscribe();
  }
}

function report(ours: RunResult, bare: RunResult, concurrency: number): void {
  const rate = (r: RunResult) => r.messages / r.seconds;
  const rows: [string, (r: RunResult) => number, string][] = [
    ["messages/s", rate, ""],
    ["reply p50", (r) => pct(r.latency, 50), " ms"],
    ["reply p99", (r) => pct(r.latency, 99), " ms"],
    ["webhook answer p50", (r) => pct(r.answer, 50), " ms"],
    ["webhook answer p99", (r) => pct(r.answer, 99), " ms"],
    ["CPU of this process/msg", (r) => r.cpuMs, " ms"],
    ["CPU of PostgreSQL/msg", (r) => r.dbCpuMs, " ms"],
  ];
  console.log(`\nTelegram webhook → reply, ${ours.messages} messages from as many chats, ${concurrency} in flight`);
  console.log(["".padEnd(24), "ours".padStart(12), "bare telegraf".padStart(15), "ours/bare".padStart(11)].join(""));
  for (const [label, f, unit] of rows) {
    const a = f(ours);
    const b = f(bare);
    console.log(
      [
        label.padEnd(24),
        `${a.toFixed(1)}${unit}`.padStart(12),
        // The bare bot has no database: its column is empty there.
        (Number.isNaN(b) ? "–" : `${b.toFixed(1)}${unit}`).padStart(15),
        (Number.isNaN(b) ? "" : `${(a / b).toFixed(2)}×`).padStart(11),
      ].join(""),
    );
  }
}

/**
 * CPU time used so far by every PostgreSQL process on this machine (the benchmark's database is on
 * loopback), from /proc; NaN where /proc cannot be read.
 */
async function postgresCpuMs(): Promise<number> {
  try {
    const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
    let ticks = 0;
    for (const pid of await readdir("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      const fields = stat.slice(close + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return ticks / ticksPerMs;
  } catch {
    return NaN;
  }
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function baseUrl(server: Server): string {
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("server has no port");
  return `http://127.0.0.1:${address.port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Statements sent to PostgreSQL while `counting`, by their text. */
const queries = { counting: false, byText: new Map<string, number>() };

/**
 * Counts every statement the pg driver sends (Prisma's PostgreSQL adapter goes through it), each
 * one round trip to the database, BEGIN and COMMIT included.
 */
function countQueries(): void {
  const query = pg.Client.prototype.query;
  const wrapped = function (this: pg.Client, ...args: unknown[]) {
    if (queries.counting) {
      const first = args[0];
      const text =
        typeof first === "string"
          ? first
          : first && typeof first === "object" && "text" in first
            ? String(first.text)
            : "?";
      const key = text.replace(/\s+/g, " ").trim().slice(0, 110);
      queries.byText.set(key, (queries.byText.get(key) ?? 0) + 1);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = wrapped as typeof query;
}

function reportQueries(messages: number): void {
  const rows = [...queries.byText].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  console.log(`\nPostgreSQL round trips during the timed run: ${total}, ${(total / messages).toFixed(2)} per message`);
  for (const [text, count] of rows) {
    if (count / messages < 0.01) continue;
    console.log(`${(count / messages).toFixed(2).padStart(7)}  ${text}`);
  }
}
