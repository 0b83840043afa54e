// Benchmarks: `npm run bench -- <name> [options]`. Not part of the test suite.
import { classifierBenchmark } from "./classifier.ts";
import { dashboardBenchmark } from "./dashboard.ts";
import { faultsBenchmark } from "./faults.ts";
import { importBenchmark } from "./import.ts";
import { importLoadBenchmark } from "./importLoad.ts";
import { loadBenchmark } from "./load.ts";
import { nationalBenchmark } from "./national.ts";
import { notifyBenchmark } from "./notify.ts";
import { startupBenchmark } from "./startup.ts";
import { signinBenchmark } from "./signin.ts";
import { telegramBenchmark } from "./telegram.ts";

const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  classifier: classifierBenchmark,
  dashboard: dashboardBenchmark,
  faults: faultsBenchmark,
  import: importBenchmark,
  "import-load": importLoadBenchmark,
  load: loadBenchmark,
  national: nationalBenchmark,
  notify: notifyBenchmark,
  startup: startupBenchmark,
  signin: signinBenchmark,
  telegram: telegramBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const run = name ? BENCHMARKS[name] : undefined;
if (!run) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [options]`);
  process.exit(2);
}
await run(args);
