// Import throughput: a generated province of officers' CSV files (areas, beneficiaries, payouts)
// imported through the same path as the console and the CLI, into PostgreSQL and into PGlite.
//   npm run bench -- import [--count 100000] [--months 1] [--only postgres|pglite]
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. PGlite: a data folder in a temp dir.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createI18n } from "../src/core/i18n.ts";
import { createDatabase, type Database } from "../src/db/database.ts";
import { writeOfficerFiles } from "../src/features/demo/officerFiles.ts";
import { runImport } from "../src/features/imports/service.ts";
import { loadPolicy } from "../src/features/policy/loadPolicy.ts";
import { seedShippedPolicy } from "../src/features/policy/seedPolicy.ts";
import { todayInVietnam } from "../src/lib/calendarDate.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { scratchDatabase } from "./scratchDatabase.ts";

interface Timing {
  kind: string;
  rows: number;
  seconds: number;
}

export async function importBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { count: { type: "string", default: "100000" }, months: { type: "string", default: "1" }, only: { type: "string" } },
  });
  const count = Number(values.count);
  const months = Number(values.months);
  const dir = await mkdtemp(path.join(os.tmpdir(), "ansinh-bench-"));
  try {
    const policy = await loadPolicy();
    let t0 = performance.now();
    const files = await writeOfficerFiles({ dir, seed: 1, today: todayInVietnam(), policy, count, months });
    console.log(
      `generated ${files.counts.beneficiaries} beneficiaries and ${files.counts.payouts} payouts (${months} month(s)) in ${secs(t0)} s`,
    );

    const results: Record<string, Timing[]> = {};
    for (const target of ["postgres", "pglite"] as const) {
      if (values.only && values.only !== target) continue;
      t0 = performance.now();
      const { db, dispose } = await openTarget(target, dir);
      try {
        await db.migrate();
        await seedShippedPolicy(db.prisma);
        results[target] = await importAll(db, files);
      } finally {
        await dispose();
      }
      console.log(`${target}: done in ${secs(t0)} s`);
    }
    report(results);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function importAll(db: Database, files: { areas: string; beneficiaries: string; payouts: string }): Promise<Timing[]> {
  const deps = { prisma: db.prisma, log: createLogger({ level: "warn" }), clock: systemClock, i18n: await createI18n() };
  const timings: Timing[] = [];
  for (const kind of ["areas", "beneficiaries", "payouts"] as const) {
    const data = await readFile(files[kind]);
    const t0 = performance.now();
    const r = await runImport(deps, { kind, fileName: path.basename(files[kind]), data, dryRun: false, staff: null });
    const seconds = (performance.now() - t0) / 1000;
    if (!r.applied) throw new Error(`${kind} import refused: ${JSON.stringify(r.errors.slice(0, 5))}`);
    timings.push({ kind, rows: r.rows, seconds });
    // The second import of the same file must change nothing; its time is the cost of checking.
    if (kind !== "areas") {
      const t1 = performance.now();
      const again = await runImport(deps, { kind, fileName: path.basename(files[kind]), data, dryRun: false, staff: null });
      if (again.created + again.updated !== 0) throw new Error(`${kind}: re-import changed ${again.created + again.updated} rows`);
      timings.push({ kind: `${kind} (again)`, rows: again.rows, seconds: (performance.now() - t1) / 1000 });
    }
  }
  return timings;
}

async function openTarget(target: "postgres" | "pglite", dir: string): Promise<{ db: Database; dispose(): Promise<void> }> {
  if (target === "pglite") {
    const db = await createDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    return { db, dispose: () => db.close() };
  }
  const scratch = await scratchDatabase("ansinh_bench");
  const db = await createDatabase({ kind: "postgres", url: scratch.url });
  return {
    db,
    async dispose() {
      await db.close();
      await scratch.drop();
    },
  };
}

function report(results: Record<string, Timing[]>): void {
  const kinds = [...new Set(Object.values(results).flatMap((r) => r.map((t) => t.kind)))];
  console.log("\nrows per second (higher is better)");
  console.log(["file".padEnd(24), "rows".padStart(8), ...Object.keys(results).map((k) => k.padStart(12)), "pglite/postgres".padStart(17)].join(""));
  for (const kind of kinds) {
    const rate = (target: string) => {
      const t = results[target]?.find((x) => x.kind === kind);
      return t ? t.rows / t.seconds : NaN;
    };
    const rows = Object.values(results)[0]?.find((t) => t.kind === kind)?.rows ?? 0;
    const ratio = rate("pglite") / rate("postgres");
    console.log(
      [kind.padEnd(24), String(rows).padStart(8), ...Object.keys(results).map((k) => fmt(rate(k)).padStart(12)), (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—").padStart(17)].join(""),
    );
  }
}

function fmt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—";
}

function secs(t0: number): string {
  return ((performance.now() - t0) / 1000).toFixed(1);
}

