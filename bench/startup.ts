// Start time and memory of the service as production runs it (the compiled build, `node
// dist/src/main.js`) against development (the TypeScript sources through tsx), on PostgreSQL,
// each started several times in turn. Start time is from spawning the process to its "ready" log
// line (HTTP listening, migrations checked, policy synced); memory is the resident set once it has
// settled, and the peak resident set of the start.
//   npm run bench -- startup [--runs 3] [--no-build]
// PostgreSQL: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) — a fresh
// database is created beside it and dropped afterwards. Loopback only.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { TEST_DATA_KEYS_ENV } from "../src/db/fieldCipher.ts";
import { startServiceProcess } from "../test/helpers/serviceProcess.ts";
import { scratchDatabase } from "./scratchDatabase.ts";

const SETTLE_MS = 3000;

interface StartFigures {
  readyMs: number;
  rssMb: number;
  peakMb: number;
  stopMs: number;
}

export async function startupBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { runs: { type: "string", default: "3" }, "no-build": { type: "boolean", default: false } },
  });
  const runs = Number(values.runs);
  let buildSeconds: number | null = null;
  if (!values["no-build"]) {
    console.log("npm run build…");
    const t0 = performance.now();
    await promisify(execFile)("npm", ["run", "build"], { maxBuffer: 16 * 1024 * 1024 });
    buildSeconds = (performance.now() - t0) / 1000;
  }
  const scratch = await scratchDatabase("ansinh_bench_startup");
  try {
    const env = {
      NODE_ENV: "production",
      ...TEST_DATA_KEYS_ENV,
      DATABASE_URL: scratch.url,
      DEMO_DATA: "never",
      PUBLIC_URL: "http://127.0.0.1",
      LOG_LEVEL: "info",
    };
    // The first start applies the migrations; it is reported apart.
    const first = await startOnce(env, true);
    const figures: Record<"compiled" | "tsx", StartFigures[]> = { compiled: [], tsx: [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of ["compiled", "tsx"] as const) {
        const f = await startOnce(env, mode === "compiled");
        figures[mode].push(f);
        console.log(
          `  run ${i + 1} ${mode.padEnd(8)} ready ${Math.round(f.readyMs)} ms, RSS ${f.rssMb.toFixed(0)} MB (peak ${f.peakMb.toFixed(0)} MB), stopped in ${Math.round(f.stopMs)} ms`,
        );
      }
    }
    const med = (mode: "compiled" | "tsx", k: keyof StartFigures) => median(figures[mode].map((f) => f[k]));
    console.log("\n");
    if (buildSeconds !== null) console.log(`npm run build: ${buildSeconds.toFixed(1)} s\n`);
    console.log(`first start on an empty database (compiled, migrations applied): ${Math.round(first.readyMs)} ms\n`);
    console.log(
      `| median of ${runs} starts | compiled (node dist/src/main.js) | tsx (node --import tsx src/main.ts) | compiled / tsx |`,
    );
    console.log(`|---|---|---|---|`);
    const row = (label: string, k: keyof StartFigures, unit: string, digits = 0) =>
      console.log(
        `| ${label} | ${med("compiled", k).toFixed(digits)} ${unit} | ${med("tsx", k).toFixed(digits)} ${unit} | ${(med("compiled", k) / med("tsx", k)).toFixed(2)} |`,
      );
    row("start to ready", "readyMs", "ms");
    row(`resident memory ${SETTLE_MS / 1000} s after ready`, "rssMb", "MB");
    row("peak resident memory", "peakMb", "MB");
    row("SIGTERM to exit", "stopMs", "ms");
  } finally {
    await scratch.drop();
  }
}

async function startOnce(env: Record<string, string>, compiled: boolean): Promise<StartFigures> {
  const t0 = performance.now();
  const service = await startServiceProcess(env, { compiled });
  try {
    await service.ready;
    const readyMs = performance.now() - t0;
    const health = await fetch(`${service.url}/healthz`);
    if (!health.ok) throw new Error(`healthz answered ${health.status}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const status = await readFile(`/proc/${service.child.pid}/status`, "utf8");
    const t1 = performance.now();
    await service.stop("SIGTERM");
    return {
      readyMs,
      rssMb: kb(status, "VmRSS") / 1024,
      peakMb: kb(status, "VmHWM") / 1024,
      stopMs: performance.now() - t1,
    };
  } finally {
    await service.stop("SIGKILL");
  }
}

function kb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!m) throw new Error(`no ${field} in /proc status`);
  return Number(m[1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
