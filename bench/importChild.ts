// One import benchmark run in a process of its own, so its memory is measured alone: opens the
// database, loads the policy and the areas, imports the province workbook (a real import, then
// the same file checked again), and prints its figures as JSON on the last line.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type * as I18nModule from "../src/core/i18n.ts";
import type * as DatabaseModule from "../src/db/database.ts";
import type * as ServiceModule from "../src/features/imports/service.ts";
import type { ImportDeps } from "../src/features/imports/service.ts";
import type * as WorkerModule from "../src/features/imports/workerChecker.ts";
import type * as PolicyModule from "../src/features/policy/seedPolicy.ts";
import type * as ClockModule from "../src/lib/clock.ts";
import type * as LoggerModule from "../src/lib/logger.ts";
import { areasCsv } from "./provinceWorkbook.ts";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    url: { type: "string" },
    dir: { type: "string" },
    compiled: { type: "boolean", default: false },
  },
});
// --compiled: the service's own modules come from the compiled build, as in production (the file
// is then read in a worker thread running compiled JavaScript too).
const load = <T>(module: string): Promise<T> =>
  import(values.compiled ? `../dist/src/${module}.js` : `../src/${module}.ts`) as Promise<T>;
const { createI18n } = await load<typeof I18nModule>("core/i18n");
const { createDatabase } = await load<typeof DatabaseModule>("db/database");
const { runImport } = await load<typeof ServiceModule>("features/imports/service");
const { workerChecker } = await load<typeof WorkerModule>("features/imports/workerChecker");
const { seedShippedPolicy } = await load<typeof PolicyModule>("features/policy/seedPolicy");
const { systemClock } = await load<typeof ClockModule>("lib/clock");
const { createLogger } = await load<typeof LoggerModule>("lib/logger");
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
