// Load on the Telegram webhook path of the real service process on PostgreSQL: a second process
// sends updates at increasing fixed rates (each from a new chat, a mix of real questions) and
// times every webhook answer; the highest rate whose p99 stays under 200 ms is reported, with the
// backlog the service had left at the end of each step and how long it took to clear (the highest
// rate whose backlog cleared within a second is reported too: the bot keeps up with it). Then,
// optionally, a soak at one rate with the service's memory sampled throughout.
//   npm run bench -- load [--rates 25,50,100,200,400] [--step-seconds 15]
//                         [--soak-seconds 600] [--soak-rate 50] [--compiled] [--node-options="<flags>"]
// --compiled runs the service from the compiled build (`npm run build` first), as in production;
// --node-options gives the service process NODE_OPTIONS (V8's heap limits, to see their memory).
// The fake Bot API runs in a process of its own; PostgreSQL: BENCH_DATABASE_URL (default the local
// test server; a scratch database is created and dropped). Loopback only.
import { fork, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import type { LoadStep, StepResult } from "./loadGenerator.ts";
import { freePort, startServiceProcess } from "../test/helpers/serviceProcess.ts";
import { scratchDatabase } from "./scratchDatabase.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";

const SECRET = "bench_load_secret";
const P99_LIMIT_MS = 200;
// A step's messages all answered within this long after its last one: the bot keeps up.
const KEPT_UP_SECONDS = 1;

interface StepFigures {
  rate: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Messages not yet answered by the bot when the step's last request was answered. */
  backlog: number;
  /** Seconds until every message of the step had its replies sent. */
  drainSeconds: number;
}

export async function loadBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rates: { type: "string", default: "25,50,100,200,400" },
      "step-seconds": { type: "string", default: "15" },
      "soak-seconds": { type: "string", default: "0" },
      compiled: { type: "boolean", default: false },
      "soak-rate": { type: "string", default: "50" },
      "node-options": { type: "string" },
    },
  });
  const rates = (values.rates ?? "")
    .split(",")
    .map((r) => Number(r.trim()))
    .filter((r) => r > 0);
  const stepSeconds = Number(values["step-seconds"]);
  const soakSeconds = Number(values["soak-seconds"]);
  const soakRate = Number(values["soak-rate"]);

  const scratch = await scratchDatabase("ansinh_bench_load");
  const children: ChildProcess[] = [];
  const db = new pg.Client({ connectionString: scratch.url });
  try {
    const fakeProcess = fork("bench/fakeTelegramProcess.ts", [], { execArgv: ["--import", "tsx"] });
    children.push(fakeProcess);
    const fake = await firstMessage<{ apiRoot: string; token: string }>(fakeProcess);
    const port = await freePort();
    const started = await startServiceProcess(
      {
        NODE_ENV: "production",
        ...TEST_DATA_KEYS_ENV,
        // As in production: a log line per request, written to a pipe this process reads.
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: scratch.url,
        DEMO_DATA: "never",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_MODE: "webhook",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        // The bot's own cost is measured, not Telegram's 30 messages a second.
        TELEGRAM_RATE_PER_SECOND: "10000",
        QUIET_HOURS: "off",
        NOTICES_ENABLED: "false",
        // V8's heap settings for the service process only, e.g. "--max-old-space-size=128".
        ...(values["node-options"] ? { NODE_OPTIONS: values["node-options"] } : {}),
      },
      { compiled: values.compiled },
    );
    children.push(started.child);
    await started.ready;
    const service = started.child;
    await db.connect();
    const generator = fork("bench/loadGenerator.ts", [], { execArgv: ["--import", "tsx"] });
    children.push(generator);
    await firstMessage(generator);
    const webhook = `http://127.0.0.1:${port}/channels/telegram/webhook`;
    let nextChat = 5_000_000;
    let nextUpdate = 1;
    const step = async (perSecond: number, seconds: number): Promise<StepFigures> => {
      const spec: LoadStep = {
        webhook,
        secret: SECRET,
        perSecond,
        seconds,
        firstChat: nextChat,
        firstUpdate: nextUpdate,
      };
      nextChat += Math.round(perSecond * seconds) + 1;
      nextUpdate += Math.round(perSecond * seconds) + 1;
      const answer = firstMessage<StepResult>(generator);
      generator.send(spec);
      const result = await answer;
      const backlog = await pending(db);
      const drainStart = performance.now();
      while ((await pending(db)) > 0 && performance.now() - drainStart < 120_000) await sleep(200);
      return {
        rate: perSecond,
        sent: result.sent,
        ok: result.ok,
        errors: result.errors,
        ...percentiles(result.latencies),
        backlog,
        drainSeconds: (performance.now() - drainStart) / 1000,
      };
    };

    await step(10, 3); // warm-up: connections, the classifier, the query plans
    console.log(
      `Webhook answer time by arrival rate (${stepSeconds} s per step, each message from a new chat; p99 limit ${P99_LIMIT_MS} ms)`,
    );
    console.log("rate/s  sent    ok      p50 ms  p95 ms  p99 ms  max ms  p99/limit  backlog  drained in");
    let held = 0;
    let keptUp = 0;
    let fellBehind = false;
    for (const rate of rates) {
      const f = await step(rate, stepSeconds);
      const failed = f.sent - f.ok;
      console.log(
        `${pad(rate, 6)}  ${pad(f.sent, 6)}  ${pad(f.ok, 6)}  ${pad(f.p50.toFixed(1), 6)}  ${pad(f.p95.toFixed(1), 6)}  ${pad(f.p99.toFixed(1), 6)}  ${pad(f.max.toFixed(0), 6)}  ${pad((f.p99 / P99_LIMIT_MS).toFixed(2), 9)}  ${pad(f.backlog, 7)}  ${f.drainSeconds.toFixed(1)} s${failed ? `  errors ${JSON.stringify(f.errors)}` : ""}`,
      );
      if (f.p99 >= P99_LIMIT_MS || failed > 0) break;
      held = rate;
      if (f.drainSeconds > KEPT_UP_SECONDS) fellBehind = true;
      else if (!fellBehind) keptUp = rate;
    }
    console.log(
      held
        ? `Highest rate held with p99 under ${P99_LIMIT_MS} ms: ${held}/s`
        : `No rate held p99 under ${P99_LIMIT_MS} ms`,
    );
    console.log(
      keptUp
        ? `Highest rate the bot also answered as fast as it arrived (backlog gone within ${KEPT_UP_SECONDS} s of the step's end): ${keptUp}/s`
        : "The bot fell behind at every rate",
    );

    if (soakSeconds > 0) await soak(service, step, soakRate, soakSeconds);
  } finally {
    await db.end().catch(() => undefined);
    for (const child of children.reverse()) {
      if (child.connected) child.send("close");
      child.kill("SIGTERM");
      await exited(child);
    }
    await scratch.drop();
  }
}

/** A long run at one rate, a minute at a time, with the service's resident memory sampled. */
async function soak(
  service: ChildProcess,
  step: (rate: number, seconds: number) => Promise<StepFigures>,
  rate: number,
  seconds: number,
): Promise<void> {
  const samples: { at: number; rssMb: number }[] = [];
  const start = performance.now();
  const sampler = setInterval(() => {
    void rssMb(service.pid ?? 0).then((rss) => samples.push({ at: (performance.now() - start) / 1000, rssMb: rss }));
  }, 5_000);
  samples.push({ at: 0, rssMb: await rssMb(service.pid ?? 0) });
  console.log(`\nSoak: ${rate}/s for ${seconds} s`);
  console.log("minute  sent    ok      p99 ms  backlog  service RSS MB");
  try {
    for (let minute = 1; minute * 60 <= seconds; minute++) {
      const f = await step(rate, 60);
      console.log(
        `${pad(minute, 6)}  ${pad(f.sent, 6)}  ${pad(f.ok, 6)}  ${pad(f.p99.toFixed(1), 6)}  ${pad(f.backlog, 7)}  ${(await rssMb(service.pid ?? 0)).toFixed(0)}${f.sent > f.ok ? `  errors ${JSON.stringify(f.errors)}` : ""}`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  const rss = samples.map((s) => s.rssMb);
  const afterFirstMinute = samples.filter((s) => s.at >= 60).map((s) => s.rssMb);
  const first = afterFirstMinute[0] ?? rss[0] ?? 0;
  const last = rss[rss.length - 1] ?? 0;
  console.log(
    `Service memory (RSS): at start ${(rss[0] ?? 0).toFixed(0)} MB, after the first minute ${first.toFixed(0)} MB, at the end ${last.toFixed(0)} MB, highest ${Math.max(...rss).toFixed(0)} MB; end / first minute ${(last / first).toFixed(2)}`,
  );
}

/** Inbound messages not yet processed plus replies not yet final. */
async function pending(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM "InboundMessage" WHERE "processedAt" IS NULL) + (SELECT count(*) FROM "OutboundMessage" WHERE status IN ('QUEUED', 'SENDING')) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

function percentiles(latencies: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

function firstMessage<T = unknown>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once("message", (m) => resolve(m as T)));
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pad = (v: string | number, n: number) => String(v).padStart(n);
