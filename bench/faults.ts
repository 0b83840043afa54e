// Faults, longer than the tests play them: the database restarting during chat traffic, during
// a run of notices and during an officer's broadcast, the chat platform down, an instance killed, two instances behind one webhook.
// Prints per scenario the messages, how many were lost or received twice, the notices
// interrupted, and how long the service took to send again after the fault.
//   npm run bench -- faults [--seconds 20] [--only chat,notices,broadcast,platform,kill,webhook]
//                           [--minutes 2,3,5,15,60]   (lengths of the Telegram outages)
// PostgreSQL: BENCH_DATABASE_URL (default the local test server; scratch databases are created
// and dropped; the server itself is never restarted: a proxy in front of it plays the restart).
import { parseArgs } from "node:util";
import { createDatabase } from "../src/db/database.ts";
import {
  databaseRestartDuringChat,
  instanceKilledDuringChat,
  twoInstancesOneWebhook,
} from "../test/faults/chatScenarios.ts";
import { figuresTable, type Figures } from "../test/faults/figures.ts";
import { databaseRestartDuringBroadcast } from "../test/faults/broadcastScenario.ts";
import { databaseRestartDuringNotices } from "../test/faults/noticeScenarios.ts";
import { platformOutage } from "../test/faults/platformScenario.ts";
import type { TestDatabase } from "../test/helpers/database.ts";
import { scratchDatabase } from "./scratchDatabase.ts";

export async function faultsBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: "string", default: "20" },
      only: { type: "string", default: "chat,notices,broadcast,platform,kill,webhook" },
      minutes: { type: "string", default: "2,3,5,15,60" },
    },
  });
  const outageMs = Number(values.seconds) * 1000;
  const only = new Set((values.only ?? "").split(",").map((s) => s.trim()));
  const minutes = (values.minutes ?? "")
    .split(",")
    .map(Number)
    .filter((m) => m > 0);
  const runs: [string, () => Promise<Figures | Figures[]>][] = [
    [
      "chat",
      () =>
        databaseRestartDuringChat({
          perSecond: 20,
          seconds: outageMs / 1000 + 20,
          faultAtMs: 5000,
          outageMs,
          drainTimeoutMs: 180_000,
        }),
    ],
    [
      "notices",
      () =>
        databaseRestartDuringNotices({
          recipients: 1000,
          ratePerSecond: 30,
          faultAtMessages: 200,
          outageMs,
          drainTimeoutMs: 180_000,
        }),
    ],
    [
      "broadcast",
      () =>
        databaseRestartDuringBroadcast({
          recipients: 3000,
          ratePerSecond: 30,
          faultAtMessages: 1,
          outageMs,
          drainTimeoutMs: 300_000,
        }),
    ],
    ["platform", () => onScratchDatabase((db) => platformOutage({ outageMinutes: minutes, replies: 20 }, db))],
    [
      "kill",
      () =>
        instanceKilledDuringChat({
          perSecond: 20,
          seconds: 30,
          faultAtMs: 8000,
          downMs: outageMs / 2,
          drainTimeoutMs: 180_000,
        }),
    ],
    ["webhook", () => twoInstancesOneWebhook({ perSecond: 30, seconds: 30, lostAcks: 0.2, drainTimeoutMs: 120_000 })],
  ];
  const all: Figures[] = [];
  for (const [name, run] of runs) {
    if (!only.has(name)) continue;
    const started = performance.now();
    const figures = [await run()].flat();
    all.push(...figures);
    console.log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`\nFaults (database outages and restarts: ${outageMs / 1000} s)`);
  console.log(figuresTable(all));
}

/** A migrated scratch PostgreSQL database for an in-process scenario, dropped afterwards. */
async function onScratchDatabase<T>(run: (db: TestDatabase) => Promise<T>): Promise<T> {
  const scratch = await scratchDatabase("ansinh_fault_platform");
  const db = await createDatabase({ kind: "postgres", url: scratch.url, poolSize: 5 });
  try {
    await db.migrate();
    return await run({ ...db, url: scratch.url, destroy: () => db.close() });
  } finally {
    await db.close().catch(() => undefined);
    await scratch.drop();
  }
}
