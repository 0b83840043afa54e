// Import of a province's beneficiary workbook (letterhead, two-row merged header, hidden columns,
// footer; 100,000 people by default), through the same path as the console's jobs (the file read
// in a worker thread), into PostgreSQL and into PGlite, each in a process of its own so that its
// peak memory is its own. Printed against the goals: ≥ 20,000 rows/s on PostgreSQL, < 500 MB
// peak memory on PGlite.
//   npm run bench -- import [--count 100000] [--only postgres|pglite] [--compiled]
// --compiled runs the import from the compiled build (`npm run build` first), as in production.
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. PGlite: a data folder in a temp dir.
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { z } from "zod";
import { loadPolicy } from "../src/features/policy/loadPolicy.ts";
import { todayInVietnam } from "../src/lib/calendarDate.ts";
import { writeProvinceWorkbook } from "./provinceWorkbook.ts";
import { scratchDatabase } from "./scratchDatabase.ts";
import { serverSettings } from "./serverSettings.ts";

const GOAL_ROWS_PER_SECOND = 20_000;
const GOAL_PEAK_MB = 500;

const figures = z.object({
  rows: z.number(),
  created: z.number(),
  importSeconds: z.number(),
  checkSeconds: z.number(),
  peakRssMb: z.number(),
  setupMb: z.number(),
  fileMb: z.number(),
});
type Figures = z.infer<typeof figures>;

export async function importBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: "string", default: "100000" },
      only: { type: "string" },
      compiled: { type: "boolean", default: false },
    },
  });
  const build = values.compiled ? ["--compiled"] : [];
  const count = Number(values.count);
  const dir = await mkdtemp(path.join(os.tmpdir(), "ansinh-bench-"));
  try {
    const file = path.join(dir, "danh-sach-toan-tinh.xlsx");
    const t0 = performance.now();
    const written = await writeProvinceWorkbook(file, {
      seed: 1,
      today: todayInVietnam(),
      policy: await loadPolicy(),
      count,
    });
    console.log(
      `wrote ${written.people} people to ${path.basename(file)} (${((await stat(file)).size / 1024 / 1024).toFixed(1)} MB) in ${secs(t0)} s`,
    );

    const results: Record<string, Figures> = {};
    if (!values.only || values.only === "postgres") {
      const scratch = await scratchDatabase("ansinh_bench_import");
      try {
        console.log(`PostgreSQL: ${await serverSettings(scratch.url)}`);
        results.postgres = await child(["--file", file, "--url", scratch.url, ...build]);
      } finally {
        await scratch.drop();
      }
    }
    if (!values.only || values.only === "pglite")
      results.pglite = await child(["--file", file, "--dir", path.join(dir, "pglite"), ...build]);
    report(results, values.compiled ? "the compiled build" : "the TypeScript sources (tsx)");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function child(args: string[]): Promise<Figures> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bench/importChild.ts", ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return figures.parse(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}"));
}

function report(results: Record<string, Figures>, build: string): void {
  console.log(
    `\nprovince workbook import, run from ${build} (rows per second, higher is better; peak memory of the process, lower is better)`,
  );
  console.log(
    [
      "database".padEnd(10),
      "rows".padStart(8),
      "import rows/s".padStart(15),
      "check again rows/s".padStart(20),
      "peak MB".padStart(9),
      "before import MB".padStart(18),
    ].join(""),
  );
  for (const [target, f] of Object.entries(results)) {
    console.log(
      [
        target.padEnd(10),
        String(f.rows).padStart(8),
        fmt(f.rows / f.importSeconds).padStart(15),
        fmt(f.rows / f.checkSeconds).padStart(20),
        String(f.peakRssMb).padStart(9),
        String(f.setupMb).padStart(18),
      ].join(""),
    );
  }
  const pg = results.postgres;
  const lite = results.pglite;
  console.log("\nagainst the goals");
  if (pg)
    console.log(
      `  PostgreSQL import: ${fmt(pg.rows / pg.importSeconds)} rows/s = ${(pg.rows / pg.importSeconds / GOAL_ROWS_PER_SECOND).toFixed(2)}× the goal of ${fmt(GOAL_ROWS_PER_SECOND)} rows/s`,
    );
  // PGlite's own memory (its WebAssembly heap and the opened database) is there before any import:
  // the goal is the import's, measured as the peak above the process's memory before it began.
  if (lite) {
    const own = lite.peakRssMb - lite.setupMb;
    console.log(
      `  PGlite import memory: ${own} MB above the ${lite.setupMb} MB the process held before it = ${(own / GOAL_PEAK_MB).toFixed(2)}× the limit of ${GOAL_PEAK_MB} MB (peak ${lite.peakRssMb} MB in all)`,
    );
  }
}

function fmt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—";
}

function secs(t0: number): string {
  return ((performance.now() - t0) / 1000).toFixed(1);
}
