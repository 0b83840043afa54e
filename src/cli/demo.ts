// npm run demo:generate -- --count 100000 --out <dir> [--seed 20250701] [--today 2026-11-22] [--months 4]
// Writes the demo province as officer files (areas.csv, beneficiaries.csv, payouts.csv) for
// trying the import or benchmarking it.
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_DEMO_COUNT } from "../features/demo/generator.ts";
import { writeOfficerFiles } from "../features/demo/officerFiles.ts";
import { MAX_DEMO_PEOPLE } from "../features/demo/person.ts";
import { loadPolicy } from "../features/policy/loadPolicy.ts";
import { isCalendarDate, todayInVietnam } from "../lib/calendarDate.ts";

const argsSchema = z.object({
  count: z.coerce.number().int().min(0).max(MAX_DEMO_PEOPLE).default(DEFAULT_DEMO_COUNT),
  out: z.string().min(1),
  seed: z.coerce.number().int().default(20250701),
  today: z.string().refine(isCalendarDate, "expected YYYY-MM-DD").optional(),
  months: z.coerce.number().int().min(1).max(4).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string" },
      out: { type: "string" },
      seed: { type: "string" },
      today: { type: "string" },
      months: { type: "string" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(
      `${z.prettifyError(parsed.error)}\nusage: npm run demo:generate -- --count 100000 --out <dir> [--seed n] [--today YYYY-MM-DD] [--months 1-4]`,
    );
    process.exit(64); // EX_USAGE
  }
  const args = parsed.data;
  const started = Date.now();
  const result = await writeOfficerFiles({
    dir: args.out,
    count: args.count,
    seed: args.seed,
    today: args.today ?? todayInVietnam(),
    policy: await loadPolicy(),
    months: args.months,
  });
  console.log(
    `${result.counts.beneficiaries} beneficiaries, ${result.counts.payouts} payouts in ${result.counts.communes} communes ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s):\n  ${result.areas}\n  ${result.beneficiaries}\n  ${result.payouts}`,
  );
}

await main();
