// A country on one PostgreSQL: builds (or reuses) a world of 1,000,000 beneficiaries in 34
// provinces with 12 months of payouts (nationalWorld.ts), then measures what a month asks of it:
// planning the month's payout notices, the dashboard recount for the whole country, a province's
// dashboard page, the reach report of the largest province, freezing a broadcast audience of
// 100,000, and the month's Telegram notices sent through the delivery engine against the fake Bot
// API at its limit scaled up (nationalSteps.ts). Each figure is printed against its goal, with the
// figure a country of 5,000,000 would give (linear in the rows touched).
//   npm run bench -- national [--beneficiaries 1000000] [--fresh] [--send-scale 20] [--send-limit N] [--only planning]
// --only planning measures the notice planning alone (the other steps take minutes on a big world).
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test); the world is
// kept in the database "ansinh_bench_national" on that server (BENCH_NATIONAL_DB to change it) and
// reused by the next run when its size and month match (--fresh rebuilds it). What a run adds
// (notices, messages, a broadcast, stored counts) is removed at the start of the next one.
import { parseArgs } from "node:util";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { adminQuery, withDatabase } from "../src/db/admin.ts";
import { createDatabase } from "../src/db/database.ts";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { cipherOf } from "../src/db/sensitiveFields.ts";
import { seedShippedPolicy } from "../src/features/policy/seedPolicy.ts";
import { todayInVietnam } from "../src/lib/calendarDate.ts";
import { createLogger } from "../src/lib/logger.ts";
import {
  measureFreeze,
  measurePages,
  measurePlanning,
  measureRecount,
  measureSending,
  type Figure,
} from "./nationalSteps.ts";
import { buildNationalWorld } from "./nationalWorld.ts";
import { serverSettings } from "./serverSettings.ts";

const TARGET = 5_000_000;

export async function nationalBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      beneficiaries: { type: "string", default: "1000000" },
      fresh: { type: "boolean", default: false },
      "send-scale": { type: "string", default: "20" },
      "send-limit": { type: "string" },
      only: { type: "string" },
    },
  });
  const beneficiaries = Number(values.beneficiaries);
  if (values.only !== undefined && values.only !== "planning") throw new Error("--only: planning");
  if (!(beneficiaries > 0 && beneficiaries <= 1_000_000))
    throw new Error("--beneficiaries: 1 to 1,000,000 (personal IDs carry a 6-digit serial)");
  const started = performance.now();
  const admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = process.env.BENCH_NATIONAL_DB ?? "ansinh_bench_national";
  const url = withDatabase(admin, name);
  const lastMonth = `${todayInVietnam().slice(0, 7)}-01`;
  if (values.fresh) await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(admin, `CREATE DATABASE "${name}"`).catch((err: unknown) => {
    if (!String(err).includes("already exists")) throw err;
  });
  const config = loadConfig({
    NODE_ENV: "production",
    ...TEST_DATA_KEYS_ENV,
    LOG_LEVEL: "warn",
    DATABASE_URL: url,
    PUBLIC_URL: "http://127.0.0.1",
    QUIET_HOURS: "off",
  });
  const db = await createDatabase({ kind: "postgres", url, poolSize: config.DATABASE_POOL_SIZE });
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  raw.on(
    "connect",
    (c) => void c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'"),
  );
  try {
    await db.migrate();
    await seedShippedPolicy(db.prisma);
    await raw.query(
      `CREATE TABLE IF NOT EXISTS bench_world (beneficiaries int NOT NULL, last_month date NOT NULL, built_at timestamptz NOT NULL)`,
    );
    const world = await raw.query<{ beneficiaries: number; last_month: Date; built_at: Date }>(
      `SELECT beneficiaries, last_month::text AS last_month, built_at FROM bench_world`,
    );
    const kept = world.rows[0];
    let buildSeconds: number | null = null;
    if (kept && kept.beneficiaries === beneficiaries && String(kept.last_month) === lastMonth) {
      console.log(
        `reusing the world of ${beneficiaries.toLocaleString("en")} beneficiaries built ${kept.built_at.toISOString()}; removing what the last run added…`,
      );
      await resetRun(raw, kept.built_at, lastMonth);
    } else {
      if (kept)
        throw new Error(
          `database "${name}" holds another world (${kept.beneficiaries} people, ${String(kept.last_month)}); run with --fresh`,
        );
      const count = await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "Beneficiary"`);
      if (Number(count.rows[0]?.n) > 0) throw new Error(`database "${name}" is not empty; run with --fresh`);
      console.log(
        `building a world of ${beneficiaries.toLocaleString("en")} beneficiaries, ${lastMonth.slice(0, 7)} and 11 months before…`,
      );
      const t0 = performance.now();
      await buildNationalWorld(raw, cipherOf(db.prisma), { beneficiaries, lastMonth, log: (l) => console.log(l) });
      await raw.query(`INSERT INTO bench_world VALUES ($1, $2, now())`, [beneficiaries, lastMonth]);
      buildSeconds = (performance.now() - t0) / 1000;
    }
    const size = await raw.query<{ payouts: string; messages: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM "Payout") AS payouts, (SELECT count(*) FROM "OutboundMessage") AS messages, pg_database_size(current_database()) AS bytes`,
    );
    // The month's first morning: every payout day is ahead, so each payout gets its SCHEDULED notice.
    const now = new Date(`${lastMonth}T01:00:00Z`);
    const log = createLogger({ level: "warn" });
    const figures: Figure[] = [];
    figures.push(await measurePlanning(db.prisma, config, now, beneficiaries));
    if (values.only === undefined) {
      figures.push(await measureRecount(db.prisma, now));
      figures.push(...(await measurePages({ db, config, log })));
      figures.push(await measureFreeze(db.prisma, config, now));
      figures.push(
        await measureSending({
          db,
          raw,
          config,
          log,
          scale: Number(values["send-scale"]),
          limit: values["send-limit"] ? Number(values["send-limit"]) : null,
        }),
      );
    }

    const s = size.rows[0];
    console.log("\n");
    console.log(`| world | value |`);
    console.log(`|---|---|`);
    console.log(`| beneficiaries / provinces / communes | ${beneficiaries.toLocaleString("en")} / 34 / 3,321 |`);
    console.log(
      `| payouts (12 months) / outbound messages before the run | ${Number(s?.payouts).toLocaleString("en")} / ${Number(s?.messages).toLocaleString("en")} |`,
    );
    console.log(`| database size | ${(Number(s?.bytes) / 1024 ** 3).toFixed(1)} GB |`);
    console.log(`| PostgreSQL settings | ${await serverSettings(url)} |`);
    console.log(`| world built in | ${buildSeconds === null ? "reused" : `${(buildSeconds / 60).toFixed(1)} min`} |`);
    console.log(`| whole run | ${((performance.now() - started) / 60_000).toFixed(1)} min |`);
    console.log("");
    console.log(`| figure | measured | goal | measured / goal | for ${TARGET.toLocaleString("en")} beneficiaries |`);
    console.log(`|---|---|---|---|---|`);
    for (const f of figures)
      console.log(
        `| ${f.label} | ${f.measured} | ${f.goal} | ${f.ratio} | ${f.extrapolated(TARGET / beneficiaries)} |`,
      );
  } finally {
    await raw.end();
    await db.close();
  }
}

/** Takes the world back to how it was built: what a run planned, sent, froze and counted goes. */
async function resetRun(raw: pg.Pool, builtAt: Date, lastMonth: string): Promise<void> {
  await raw.query(`DELETE FROM "OutboundMessage" WHERE "createdAt" > $1`, [builtAt]);
  // The world's notices were planned last month; a run plans this month's.
  await raw.query(`DELETE FROM "PayoutNotice" WHERE "plannedAt" >= $1::date`, [lastMonth]);
  await raw.query(
    `DELETE FROM "BroadcastDelivery" WHERE "broadcastId" IN (SELECT id FROM "Broadcast" WHERE "createdAt" > $1)`,
    [builtAt],
  );
  await raw.query(`DELETE FROM "Broadcast" WHERE "createdAt" > $1`, [builtAt]);
  await raw.query(
    `DELETE FROM "StaffSession"; DELETE FROM "StaffScope"; DELETE FROM "StaffUser" WHERE id <> 'nat-officer'`,
  );
  await raw.query(
    `DELETE FROM "DashboardFigure"; DELETE FROM "SenderState"; DELETE FROM "Lease"; DELETE FROM "JobRun"; DELETE FROM "AuditLog"`,
  );
  // A month's rows deleted and planned again leave their indexes half empty (random keys), and each
  // run grew them further (the queue's index of unfinished messages tenfold after ten runs), so a
  // reused world measured slower with every run: rebuilt, they are as the world was built.
  await raw.query(`REINDEX TABLE "OutboundMessage"; REINDEX TABLE "PayoutNotice"`);
  await raw.query(`VACUUM ANALYZE "OutboundMessage", "PayoutNotice", "BroadcastDelivery", "Broadcast"`);
}
