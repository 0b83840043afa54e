import { readFile } from "node:fs/promises";
import { createI18n } from "../src/core/i18n.ts";
import { createDatabase } from "../src/db/database.ts";
import { runImport } from "../src/features/imports/service.ts";
import { workerChecker } from "../src/features/imports/workerChecker.ts";
import { loadPolicy } from "../src/features/policy/loadPolicy.ts";
import { syncPolicy } from "../src/features/policy/syncPolicy.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { areasCsv } from "../bench/provinceWorkbook.ts";
import { scratchDatabase } from "../bench/scratchDatabase.ts";
const scratch = await scratchDatabase("ansinh_phase");
const db = await createDatabase({ kind: "postgres", url: scratch.url, poolSize: 10 });
await db.migrate();
await syncPolicy(db.prisma, await loadPolicy());
const useWorker = process.argv[2] === "worker";
const deps = { prisma: db.prisma, log: createLogger({ level: "warn" }), clock: systemClock, i18n: await createI18n(), ...(useWorker ? { checker: workerChecker({ memoryMb: 384 }) } : {}) };
await runImport(deps, { kind: "areas", fileName: "a.csv", data: Buffer.from(areasCsv()), dryRun: false, staff: null });
const data = await readFile("/tmp/imp-prof.xlsx");
for (const dryRun of [false, true]) {
  const t0 = performance.now();
  const marks: string[] = [];
  const r = await runImport(deps, { kind: "beneficiaries", fileName: "x.xlsx", data, dryRun, staff: null, onProgress: (p, rows) => { if (p !== "reading") marks.push(`${p}@${Math.round(performance.now() - t0)}`); } });
  console.log(dryRun ? "check" : "import", r.created, r.unchanged, r.errors.length, Math.round(performance.now() - t0), "ms", marks.join(" "), "rss", Math.round(process.memoryUsage().rss / 1e6));
}
await db.close();
await scratch.drop();
