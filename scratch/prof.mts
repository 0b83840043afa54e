import { readFile } from "node:fs/promises";
import { writeProvinceWorkbook, areasCsv } from "../bench/provinceWorkbook.ts";
import { loadPolicy } from "../src/features/policy/loadPolicy.ts";
import { checkFile } from "../src/features/imports/checkFile.ts";
import { DEMO_COMMUNES } from "../src/features/demo/province.ts";
const policy = await loadPolicy();
const file = "/tmp/imp-prof.xlsx";
const count = Number(process.argv[2] ?? 10000);
if (!process.env.KEEP) await writeProvinceWorkbook(file, { seed: 1, today: "2026-07-15", policy, count });
const data = await readFile(file);
const reference = {
  today: "2026-07-15", nowIso: new Date().toISOString(), area: null,
  communes: DEMO_COMMUNES.map((c, i) => ({ id: `c${i}`, code: c.code, name: c.name })), communeAliases: [],
  vocabulary: { categories: policy.categories.map((c, i) => ({ id: `k${i}`, code: c.code, programme: c.programme, name: c.name, nameEn: c.nameEn })), aliases: [] },
};
let n = 0;
const t0 = performance.now();
const s = await checkFile({ kind: "beneficiaries", fileName: "x.xlsx", data, reference, labels: {}, limits: { maxPartBytes: 5e8 }, onBatch: (b) => { n += b.length; } });
console.log("rows", s.rows, "inputs", n, "errors", s.errors.length, s.errors.slice(0,3), "ms", Math.round(performance.now() - t0), "rss", Math.round(process.memoryUsage().rss/1e6));
