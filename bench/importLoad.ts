// The service's answers while three staff members have province workbooks checked at once: the
// real service process on PostgreSQL, three uploads through the console, and meanwhile /healthz
// every 100 ms and a web chat question every 500 ms (time until the bot's reply is there). The
// same is measured first with nothing running, for comparison. Printed against the goal: answers
// within 200 ms.
//   npm run bench -- import-load [--count 100000]
// PostgreSQL: BENCH_DATABASE_URL (default the local test server; a scratch database is made and dropped).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createI18n } from "../src/core/i18n.ts";
import { createDatabase } from "../src/db/database.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { runImport } from "../src/features/imports/service.ts";
import { loadPolicy } from "../src/features/policy/loadPolicy.ts";
import { seedShippedPolicy } from "../src/features/policy/seedPolicy.ts";
import { hashPassword } from "../src/features/staff/password.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { todayInVietnam } from "../src/lib/calendarDate.ts";
import { signIn, type SignedIn } from "../test/helpers/app.ts";
import { startServiceProcess } from "../test/helpers/serviceProcess.ts";
import { uploadForCheck } from "../test/imports/jobPages.ts";
import { areasCsv, writeProvinceWorkbook } from "./provinceWorkbook.ts";
import { scratchDatabase } from "./scratchDatabase.ts";

const GOAL_MS = 200;
const PW = "mat-khau-bench-1";

export async function importLoadBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { count: { type: "string", default: "100000" } } });
  const dir = await mkdtemp(path.join(os.tmpdir(), "ansinh-bench-load-"));
  const scratch = await scratchDatabase("ansinh_bench_import_load");
  try {
    const file = path.join(dir, "toan-tinh.xlsx");
    await writeProvinceWorkbook(file, {
      seed: 2,
      today: todayInVietnam(),
      policy: await loadPolicy(),
      count: Number(values.count),
    });
    await prepare(scratch.url);
    const service = await startServiceProcess({
      NODE_ENV: "production",
      ...TEST_DATA_KEYS_ENV,
      LOG_LEVEL: "info",
      DATABASE_URL: scratch.url,
      DEMO_DATA: "never",
      IMPORT_CONCURRENCY: "3",
      QUIET_HOURS: "off",
      NOTICES_ENABLED: "false",
    });
    try {
      await service.ready;
      const staff = await Promise.all([1, 2, 3].map((n) => signIn(service.url, `tinh.${n}`, PW)));
      const idle = await measure(service.url, 5_000, () => false);
      const data = await readFile(file);
      const t0 = performance.now();
      const jobs = await Promise.all(staff.map((who) => upload(service.url, who, data)));
      const busy = await measure(service.url, 600_000, async () =>
        (await Promise.all(jobs.map((j) => j.done()))).every(Boolean),
      );
      const seconds = (performance.now() - t0) / 1000;
      report(Number(values.count), seconds, idle, busy);
    } finally {
      await service.stop();
    }
  } finally {
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function prepare(url: string): Promise<void> {
  const db = await createDatabase({ kind: "postgres", url, poolSize: 2 });
  try {
    await db.migrate();
    await seedShippedPolicy(db.prisma);
    const deps = {
      prisma: db.prisma,
      log: createLogger({ level: "warn" }),
      clock: systemClock,
      i18n: await createI18n(),
    };
    await runImport(deps, {
      kind: "areas",
      fileName: "areas.csv",
      data: Buffer.from(areasCsv()),
      dryRun: false,
      staff: null,
    });
    const passwordHash = await hashPassword(PW);
    for (const n of [1, 2, 3])
      await db.prisma.staffUser.create({
        data: { username: `tinh.${n}`, fullName: `Cán bộ tỉnh ${n}`, passwordHash, role: "ADMIN" },
      });
  } finally {
    await db.close();
  }
}

async function upload(url: string, who: SignedIn, data: Buffer): Promise<{ done(): Promise<boolean> }> {
  const res = await uploadForCheck(url, who, { data, name: "toan-tinh.xlsx" });
  const id = /jobs\/([0-9a-f-]+)$/.exec(res.headers.get("location") ?? "")?.[1];
  if (res.status !== 303 || !id) throw new Error(`upload refused: ${res.status}`);
  return {
    async done() {
      const body: unknown = await (
        await fetch(`${url}/console/imports/jobs/${id}/status`, { headers: { cookie: who.cookie } })
      ).json();
      return typeof body === "object" && body !== null && "done" in body && body.done === true;
    },
  };
}

interface Samples {
  health: number[];
  chat: number[];
}

/** Times /healthz every 100 ms and a web chat question every 500 ms until `stop` says so. */
async function measure(url: string, maxMs: number, stop: () => boolean | Promise<boolean>): Promise<Samples> {
  const samples: Samples = { health: [], chat: [] };
  const until = performance.now() + maxMs;
  let last = 0;
  let chats = Promise.resolve();
  while (performance.now() < until) {
    const t = performance.now();
    await fetch(`${url}/healthz`);
    samples.health.push(performance.now() - t);
    if (t - last >= 500) {
      last = t;
      chats = chats.then(async () => void samples.chat.push(await chatRoundTrip(url)));
    }
    if (samples.health.length % 10 === 0 && (await stop())) break;
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t))));
  }
  await chats;
  return samples;
}

/** A new web chat asks for the menu; the time until the bot's reply is in the chat's history. */
async function chatRoundTrip(url: string): Promise<number> {
  const page = await fetch(`${url}/chat`);
  const cookie = (page.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  await page.text();
  const t = performance.now();
  await fetch(`${url}/chat/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-requested-with": "asb-chat", cookie, origin: url },
    body: JSON.stringify({ clientMessageId: crypto.randomUUID(), kind: "text", text: "menu" }),
  });
  while (performance.now() - t < 30_000) {
    const history: unknown = await (await fetch(`${url}/chat/api/history`, { headers: { cookie } })).json();
    if (JSON.stringify(history).includes('"bot"')) return performance.now() - t;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Infinity;
}

function report(count: number, seconds: number, idle: Samples, busy: Samples): void {
  const q = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
  const row = (label: string, xs: number[]) =>
    console.log(
      [
        label.padEnd(34),
        String(xs.length).padStart(6),
        ...[0.5, 0.95, 0.99].map((p) => q(xs, p).toFixed(0).padStart(8)),
        Math.max(...xs)
          .toFixed(0)
          .padStart(8),
        `${(q(xs, 0.99) / GOAL_MS).toFixed(2)}×`.padStart(10),
      ].join(""),
    );
  console.log(
    `\nthree workbooks of ${count.toLocaleString("en-US")} people checked at once in ${seconds.toFixed(1)} s`,
  );
  console.log(
    [
      "answer times in ms".padEnd(34),
      "n".padStart(6),
      "p50".padStart(8),
      "p95".padStart(8),
      "p99".padStart(8),
      "max".padStart(8),
      "p99/200ms".padStart(10),
    ].join(""),
  );
  row("/healthz, nothing running", idle.health);
  row("/healthz, three files checked", busy.health);
  row("web chat reply, nothing running", idle.chat);
  row("web chat reply, three files checked", busy.chat);
}
