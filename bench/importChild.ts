// One import benchmark run in a process of its own, so its memory is measured alone: opens the
// database, loads the policy and the areas, imports the province workbook (a real import, then
// the same file checked again), and prints its figures as JSON on the last line.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createI18n } from "../src/core/i18n.ts";
import { createDatabase } from "../src/db/database.ts";
import { runImport, type ImportDeps } from "../src/features/imports/service.ts";
import { workerChecker } from "../src/features/imports/workerChecker.ts";
import { seedShippedPolicy } from "../src/features/policy/seedPolicy.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";
import { areasCsv } from "./provinceWorkbook.ts";

const { values } = parseArgs({
  options: { file: { type: "string" }, url: { type: "string" }, dir: { type: "string" } },
});
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

const db = await createDatabase(
  values.url ? { kind: "postgres", url: values.url, poolSize: 10 } : { kind: "pglite", dataDir: values.dir ?? "" },
);
await db.migrate();
await seedShippedPolicy(db.prisma);
const deps: ImportDeps = {
  prisma: db.prisma,
  log: createLogger({ level: "warn" }),
  clock: systemClock,
  i18n: await createI18n(),
  // As the job runner does: the file is read in a worker thread with the default memory limit.
  checker: workerChecker({ memoryMb: 384 }),
};
sample();
const setupMb = Math.round(peak / 1024 / 1024);
const areas = await runImport(deps, {
  kind: "areas",
  fileName: "areas.csv",
  data: Buffer.from(areasCsv()),
  dryRun: false,
  staff: null,
});
if (!areas.applied) throw new Error(`areas refused: ${JSON.stringify(areas.errors.slice(0, 3))}`);
const data = await readFile(values.file ?? "");
const fileName = path.basename(values.file ?? "");
const timed = async (dryRun: boolean) => {
  const t0 = performance.now();
  const r = await runImport(deps, { kind: "beneficiaries", fileName, data, dryRun, staff: null });
  return { r, seconds: (performance.now() - t0) / 1000 };
};
const first = await timed(false);
if (!first.r.applied) throw new Error(`import refused: ${JSON.stringify(first.r.lines.slice(0, 5))}`);
const again = await timed(true);
if (again.r.created + again.r.updated !== 0)
  throw new Error(`the same file again would change ${again.r.created + again.r.updated} people`);
sample();
clearInterval(sampler);
await db.close();
console.log(
  JSON.stringify({
    rows: first.r.rows,
    created: first.r.created,
    importSeconds: first.seconds,
    checkSeconds: again.seconds,
    peakRssMb: Math.round(peak / 1024 / 1024),
    setupMb,
    fileMb: data.length / 1024 / 1024,
  }),
);
