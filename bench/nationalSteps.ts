// The national benchmark's measurements, each returning its figure against its goal and what a
// bigger country would give (see national.ts).
import type { Server } from "node:http";
import type pg from "pg";
import type { Config } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { z } from "zod";
import type { Database } from "../src/db/database.ts";
import { queryRows, sqlInt } from "../src/db/queryRows.ts";
import { recountPeriod } from "../src/features/dashboard/storedFigures.ts";
import { sendDueBroadcasts } from "../src/features/broadcasts/send.ts";
import { planPayoutNotices } from "../src/features/notifications/planPayoutNotices.ts";
import { startSession } from "../src/features/staff/session.ts";
import { Prisma, type PrismaClient } from "../src/generated/prisma/client.ts";
import { createApp } from "../src/http/app.ts";
import { SESSION_COOKIE } from "../src/http/console/auth.ts";
import { systemClock } from "../src/lib/clock.ts";
import type { Logger } from "../src/lib/logger.ts";
import { sendTelegramNotices } from "./nationalSend.ts";

export interface Figure {
  label: string;
  measured: string;
  goal: string;
  ratio: string;
  /** The figure for a country `factor` times as big. */
  extrapolated(factor: number): string;
}

const FREEZE_AUDIENCE = 100_000;

export async function measurePlanning(
  prisma: PrismaClient,
  config: Config,
  now: Date,
  beneficiaries: number,
): Promise<Figure> {
  console.log("planning the month's payout notices…");
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await planPayoutNotices({ prisma, config }, now);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  const planned = Object.values(summary.notices).reduce((a, b) => a + b, 0);
  const rate = planned / seconds;
  console.log(
    `  ${planned.toLocaleString("en")} notices (${JSON.stringify(summary.notices)}), ${summary.messages.toLocaleString("en")} messages in ${seconds.toFixed(1)} s`,
  );
  // The service's share of the work (this process plans exactly as the service does); the rest is
  // PostgreSQL's, on the same cores when it runs on this machine.
  console.log(
    `  CPU of the planning process: ${((cpu.user + cpu.system) / Math.max(planned, 1)).toFixed(0)} µs per payout`,
  );
  // The job runs every minute: the next run, with nothing left to plan, is what every minute costs.
  const t1 = performance.now();
  const again = await planPayoutNotices({ prisma, config }, new Date(now.getTime() + 60_000));
  const idleSeconds = (performance.now() - t1) / 1000;
  console.log(
    `  the next minute's run: ${Object.values(again.notices).reduce((a, b) => a + b, 0)} notices in ${idleSeconds.toFixed(1)} s`,
  );
  return {
    label: `planning the month's notices (${planned.toLocaleString("en")} payouts, ${summary.messages.toLocaleString("en")} messages)`,
    measured: `${Math.round(rate).toLocaleString("en")} payouts/s (${seconds.toFixed(1)} s; the next minute's run ${idleSeconds.toFixed(1)} s)`,
    goal: "≥ 20,000 payouts/s",
    ratio: (rate / 20_000).toFixed(2),
    extrapolated: (f) =>
      `${((planned * f) / rate / 60).toFixed(1)} min for ${Math.round((planned * f) / 1000).toLocaleString("en")}k payouts (${Math.round((beneficiaries * f) / 1e6)} M people)`,
  };
}

export async function measureRecount(prisma: PrismaClient, now: Date): Promise<Figure> {
  console.log("recounting the dashboard's month for the whole country…");
  const period = await prisma.payoutPeriod.findFirstOrThrow({ orderBy: { month: "desc" } });
  const t0 = performance.now();
  const communes = await recountPeriod(prisma, period.id, now);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  ${communes} communes in ${seconds.toFixed(1)} s`);
  return {
    label: `dashboard recount of the month, whole country (${communes.toLocaleString("en")} communes)`,
    measured: `${seconds.toFixed(1)} s`,
    goal: "≤ 60 s",
    ratio: (seconds / 60).toFixed(2),
    extrapolated: (f) => `${(seconds * f).toFixed(0)} s`,
  };
}

/** The largest province's dashboard page and reach report, as its officer opens them. */
export async function measurePages(deps: { db: Database; config: Config; log: Logger }): Promise<Figure[]> {
  const { prisma } = deps.db;
  const [largest] = await queryRows(
    prisma,
    z.object({ id: z.string(), name: z.string(), people: sqlInt }),
    Prisma.sql`
    SELECT p.id, p.name, count(*)::int AS people FROM "Beneficiary" b JOIN "Commune" c ON c.id = b."communeId" JOIN "Province" p ON p.id = c."provinceId"
    WHERE b.status = 'ACTIVE' GROUP BY p.id, p.name ORDER BY people DESC LIMIT 1`,
  );
  if (!largest) throw new Error("no province");
  const app = createApp({
    config: deps.config,
    db: deps.db,
    prisma,
    log: deps.log,
    i18n: await createI18n(),
    clock: systemClock,
    isReady: () => true,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  try {
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    const base = `http://127.0.0.1:${address.port}`;
    const staff = await prisma.staffUser.create({
      data: {
        username: "tinh.lon",
        fullName: "Cán Bộ Tỉnh",
        passwordHash: "-",
        role: "PROVINCE_OFFICER",
        scopes: { create: [{ provinceId: largest.id }] },
      },
    });
    const session = await startSession(prisma, staff.id, new Date(), { ttlMinutes: 600, idleMinutes: 600 });
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(session.token)}`;
    const time = async (path: string, mark: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || (mark && !body.toString("utf8").includes(mark)))
        throw new Error(`GET ${path}: HTTP ${res.status}`);
      return performance.now() - t0;
    };
    const page = async (label: string, path: string, mark: string, goalMs: number, grows: boolean): Promise<Figure> => {
      console.log(`${label}…`);
      const first = await time(path, mark);
      const warm =
        [await time(path, mark), await time(path, mark), await time(path, mark)].sort((a, b) => a - b)[1] ?? 0;
      console.log(`  first ${Math.round(first)} ms, warm median ${Math.round(warm)} ms`);
      const worst = Math.max(first, warm);
      return {
        label: `${label} (${largest.name}, ${largest.people.toLocaleString("en")} people)`,
        measured: `first ${Math.round(first)} ms, warm ${Math.round(warm)} ms`,
        goal: `< ${goalMs >= 1000 ? `${goalMs / 1000} s` : `${goalMs} ms`}`,
        ratio: (worst / goalMs).toFixed(2),
        extrapolated: (f) =>
          grows
            ? `${Math.round(worst * f)} ms (the province ${f}× bigger)`
            : `${Math.round(worst)} ms (reads stored counts per commune)`,
      };
    };
    return [
      await page("province dashboard page", "/console/dashboard", "dashboard-payouts", 1000, false),
      await page("reach report page of the largest province", "/console/reach", "", 1000, true),
      await page("reach report download (XLSX with the visit list)", "/console/reach/export", "", 10_000, true),
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** An officer's broadcast to the communes holding the first 100,000 people: its audience frozen. */
export async function measureFreeze(prisma: PrismaClient, config: Config, now: Date): Promise<Figure> {
  const communes = await queryRows(
    prisma,
    z.object({ id: z.string(), people: sqlInt }),
    Prisma.sql`
    SELECT b."communeId" AS id, count(*)::int AS people FROM "Beneficiary" b WHERE b.status = 'ACTIVE' GROUP BY b."communeId" ORDER BY b."communeId"`,
  );
  const chosen: string[] = [];
  let people = 0;
  for (const c of communes) {
    if (people >= FREEZE_AUDIENCE) break;
    chosen.push(c.id);
    people += c.people;
  }
  console.log(`freezing a broadcast audience of ${people.toLocaleString("en")} people (${chosen.length} communes)…`);
  const broadcast = await prisma.broadcast.create({
    data: {
      title: "Nhắc lịch nhận tiền",
      template: { vi: "Kính gửi {{ten}}: tháng này nhận tiền theo lịch của xã." },
      audience: { communeIds: chosen },
      status: "SCHEDULED",
      scheduledAt: now,
      recipients: people,
      createdById: "nat-officer",
    },
  });
  const t0 = performance.now();
  await sendDueBroadcasts({ prisma, config }, now, { onlyId: broadcast.id, maxChunks: 0 });
  const seconds = (performance.now() - t0) / 1000;
  const lines = await prisma.broadcastDelivery.count({ where: { broadcastId: broadcast.id } });
  if (lines !== people) throw new Error(`frozen ${lines} report lines for an audience of ${people}`);
  console.log(`  ${lines.toLocaleString("en")} report lines in ${seconds.toFixed(1)} s`);
  return {
    label: `freezing a broadcast audience (${lines.toLocaleString("en")} people)`,
    measured: `${seconds.toFixed(1)} s (${Math.round(lines / seconds).toLocaleString("en")} people/s)`,
    goal: "≤ 30 s",
    ratio: (seconds / 30).toFixed(2),
    extrapolated: () => `${seconds.toFixed(1)} s (depends on the audience, not the country)`,
  };
}

export async function measureSending(deps: {
  db: Database;
  raw: pg.Pool;
  config: Config;
  log: Logger;
  scale: number;
  limit: number | null;
}): Promise<Figure> {
  const r = await sendTelegramNotices(deps);
  const ratio = r.achieved / r.allowed;
  return {
    label: `the month's Telegram notices through the delivery engine (${r.sent.toLocaleString("en")} messages, fake Bot API at 30/s × ${deps.scale})`,
    measured: `${r.achieved.toFixed(1)}/s of ${r.allowed}/s allowed, ${r.refused} × 429`,
    goal: "≥ 0.98 of allowed, no 429",
    ratio: ratio.toFixed(3),
    extrapolated: (f) =>
      `${((r.total * f) / (30 * Math.min(1, ratio)) / 3600).toFixed(1)} h at Telegram's 30/s for ${Math.round((r.total * f) / 1000).toLocaleString("en")}k messages`,
  };
}
