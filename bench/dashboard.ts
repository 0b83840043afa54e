// The results dashboard for a large province: seeds a province (default 100,000 beneficiaries in
// 50 communes, 12 months of payouts, chats, notices, officers' broadcasts, requests, tickets; see
// dashboardWorld.ts), counts the months as the recount job does, then times GET /console/dashboard
// through the real app for a province officer and a commune officer: the first request after
// start and warm ones.
//   npm run bench -- dashboard [--beneficiaries 100000] [--communes 50] [--runs 10]
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. Loopback only.
import type { Server } from "node:http";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { z } from "zod";
import { createDatabase } from "../src/db/database.ts";
import { queryRowsUnsafe, sqlInt } from "../src/db/queryRows.ts";
import { recountDashboard } from "../src/features/dashboard/recountJob.ts";
import { recountPeriod } from "../src/features/dashboard/storedFigures.ts";
import { startSession } from "../src/features/staff/session.ts";
import { createApp } from "../src/http/app.ts";
import { SESSION_COOKIE } from "../src/http/console/auth.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { BENCH_PERIODS, BENCH_PROVINCE, seedDashboardWorld } from "./dashboardWorld.ts";
import { scratchDatabase } from "./scratchDatabase.ts";

const LIMIT_MS = 1000;

export async function dashboardBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      beneficiaries: { type: "string", default: "100000" },
      communes: { type: "string", default: "50" },
      runs: { type: "string", default: "10" },
    },
  });
  const beneficiaries = Number(values.beneficiaries);
  const communes = Number(values.communes);
  const runs = Number(values.runs);
  const scratch = await scratchDatabase("ansinh_bench_dashboard");
  const config = loadConfig({
    NODE_ENV: "production",
    ...TEST_DATA_KEYS_ENV,
    LOG_LEVEL: "warn",
    DATABASE_URL: scratch.url,
    PUBLIC_URL: "http://127.0.0.1",
  });
  const db = await createDatabase({ kind: "postgres", url: scratch.url, poolSize: config.DATABASE_POOL_SIZE });
  let server: Server | undefined;
  try {
    await db.migrate();
    const now = new Date();
    const lastMonth = `${new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7)}-01`;
    console.log(
      `seeding ${beneficiaries.toLocaleString("en")} beneficiaries in ${communes} communes, ${BENCH_PERIODS} months…`,
    );
    let t0 = performance.now();
    await seedDashboardWorld(db.prisma.$executeRawUnsafe.bind(db.prisma), { beneficiaries, communes, lastMonth });
    await db.prisma.$executeRawUnsafe("VACUUM ANALYZE");
    const seedSeconds = (performance.now() - t0) / 1000;
    const counts = await queryRowsUnsafe(
      db.prisma,
      z.object({ payouts: sqlInt, messages: sqlInt, lines: sqlInt }),
      `SELECT (SELECT COUNT(*) FROM "Payout")::int AS payouts, (SELECT COUNT(*) FROM "OutboundMessage")::int AS messages,
        (SELECT COUNT(*) FROM "BroadcastDelivery")::int AS lines`,
    );

    // The job's first run counts all twelve months; later runs recount the current month.
    t0 = performance.now();
    const first = await recountDashboard(db.prisma, new Date());
    const firstRecount = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await recountPeriod(db.prisma, `per${BENCH_PERIODS}`, new Date());
    const oneRecount = (performance.now() - t0) / 1000;
    // The officers' messages delivered this month, as stored, against a direct count of the lines.
    const [check] = await queryRowsUnsafe(
      db.prisma,
      z.object({ stored: sqlInt.nullable(), direct: sqlInt }),
      `SELECT (SELECT SUM("broadcastSent") FROM "DashboardFigure" WHERE "periodId" = 'per${BENCH_PERIODS}')::int AS stored,
        (SELECT COUNT(*) FROM "BroadcastDelivery" WHERE "broadcastId" LIKE 'bc${BENCH_PERIODS}%' AND status = 'SENT')::int AS direct`,
    );
    if (!check || check.stored !== check.direct)
      throw new Error(`officers' messages delivered: stored ${check?.stored}, direct count ${check?.direct}`);

    const app = createApp({
      config,
      db,
      prisma: db.prisma,
      log: createLogger({ level: "warn" }),
      i18n: await createI18n(),
      clock: systemClock,
      isReady: () => true,
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    const url = `http://127.0.0.1:${address.port}`;
    const province = await staffCookie(db.prisma, "tinh", "PROVINCE_OFFICER", { provinceId: BENCH_PROVINCE.id });
    const commune = await staffCookie(db.prisma, "xa", "COMMUNE_OFFICER", { communeId: "c7" });

    const time = async (cookie: string, path = "/console/dashboard") => {
      const start = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200 || !body.includes("dashboard-payouts")) throw new Error(`GET ${path}: HTTP ${res.status}`);
      return performance.now() - start;
    };
    const rows: string[] = [];
    for (const [who, cookie] of [
      ["province officer (50 communes)", province],
      ["commune officer (1 commune)", commune],
    ] as const) {
      const firstMs = await time(cookie);
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push(await time(cookie));
      warm.sort((a, b) => a - b);
      const median = warm[Math.floor(warm.length / 2)] ?? 0;
      const p95 = warm[Math.min(warm.length - 1, Math.ceil(warm.length * 0.95) - 1)] ?? 0;
      rows.push(
        `| ${who} | ${ms(firstMs)} | ${ms(median)} | ${ms(p95)} | ${(Math.max(firstMs, p95) / LIMIT_MS).toFixed(3)} |`,
      );
    }
    // The page when the recount job has not counted the month yet: it counts the month itself.
    await db.prisma.dashboardFigure.deleteMany({ where: { periodId: `per${BENCH_PERIODS}` } });
    const uncountedMs = await time(province);
    const listStart = performance.now();
    const list = await fetch(`${url}/console/dashboard/list?figure=accountPaid`, { headers: { cookie: province } });
    await list.text();
    const listMs = performance.now() - listStart;

    console.log("\n");
    console.log(`| figure | value |`);
    console.log(`|---|---|`);
    console.log(`| beneficiaries / communes | ${beneficiaries.toLocaleString("en")} / ${communes} |`);
    console.log(
      `| payouts / outbound messages | ${counts[0]?.payouts.toLocaleString("en")} / ${counts[0]?.messages.toLocaleString("en")} |`,
    );
    console.log(
      `| officers' messages (broadcast report lines) / delivered this month | ${counts[0]?.lines.toLocaleString("en")} / ${check.stored.toLocaleString("en")} |`,
    );
    console.log(`| seeding | ${seedSeconds.toFixed(1)} s |`);
    console.log(`| recount job, first run (${first.months.length} months) | ${firstRecount.toFixed(1)} s |`);
    console.log(`| recount job, current month | ${oneRecount.toFixed(1)} s |`);
    console.log(`| list behind a figure (province, first page of 100) | ${ms(listMs)} |`);
    console.log(`| province page when the month was not counted yet (counts it first) | ${ms(uncountedMs)} |`);
    console.log("");
    console.log(
      `| GET /console/dashboard as | first request | warm median (${runs} runs) | warm p95 | worst / 1 s limit |`,
    );
    console.log(`|---|---|---|---|---|`);
    for (const r of rows) console.log(r);
  } finally {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db.close();
    await scratch.drop();
  }
}

function ms(v: number): string {
  return `${Math.round(v)} ms`;
}

async function staffCookie(
  prisma: Awaited<ReturnType<typeof createDatabase>>["prisma"],
  username: string,
  role: "PROVINCE_OFFICER" | "COMMUNE_OFFICER",
  scope: { provinceId: string } | { communeId: string },
): Promise<string> {
  // Signed in directly: the sign-in page's deliberate password hashing is not what is measured.
  const staff = await prisma.staffUser.create({
    data: { username, fullName: username, passwordHash: "-", role, scopes: { create: [scope] } },
  });
  const session = await startSession(prisma, staff.id, new Date(), { ttlMinutes: 600, idleMinutes: 600 });
  return `${SESSION_COOKIE}=${encodeURIComponent(session.token)}`;
}
