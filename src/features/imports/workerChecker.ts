// Runs the file check in a worker thread with its own memory limit. A file that needs more than
// that (a sheet far beyond any real list, a zip bomb) ends the worker, not the service, and is
// refused with a clear message.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { CheckOptions, CheckSummary, CheckedInput } from "./checkFile.ts";
import type { FileChecker } from "./service.ts";

// Messages from the worker; the rows inside were built by our own checker and are passed on.
const message = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("batch"),
    inputs: z.array(z.custom<CheckedInput>((v) => typeof v === "object" && v !== null && "row" in v)),
  }),
  z.object({ type: z.literal("progress"), rows: z.number() }),
  z.object({
    type: z.literal("done"),
    summary: z.custom<CheckSummary>((v) => typeof v === "object" && v !== null && "sheets" in v),
  }),
]);

export function workerChecker(o: { memoryMb: number }): FileChecker {
  return (check: CheckOptions) =>
    new Promise<CheckSummary>((resolve, reject) => {
      const worker = startWorker(check, o.memoryMb);
      let finished = false;
      const finish = (summary: CheckSummary) => {
        if (finished) return;
        finished = true;
        resolve(summary);
      };
      // A batch the caller could not take (its database write failed) ends the reading: the worker
      // is stopped and the caller's error is the answer.
      const fail = (err: unknown) => {
        if (finished) return;
        finished = true;
        void worker.terminate();
        reject(err);
      };
      const refused: CheckSummary = { problem: "file_too_complex", rows: 0, errors: [], sheets: [], droppedSheets: [] };
      let pending = Promise.resolve();
      worker.on("message", (raw: unknown) => {
        const m = message.safeParse(raw);
        if (!m.success) return;
        if (m.data.type === "batch") {
          const inputs = m.data.inputs;
          pending = pending
            .then(() => (finished ? undefined : check.onBatch(inputs)))
            .then(() => {
              if (!finished) worker.postMessage("taken");
            })
            .catch(fail);
        } else if (m.data.type === "progress") check.onProgress?.(m.data.rows);
        else {
          const summary = m.data.summary;
          void pending.then(() => finish(summary), reject);
        }
      });
      worker.on("error", (err: unknown) => {
        const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
        if (code === "ERR_WORKER_OUT_OF_MEMORY") finish(refused);
        else if (!finished) {
          finished = true;
          reject(err);
        }
      });
      worker.on("exit", () => {
        // Killed for its memory without an error event (older Node versions): a refusal too.
        void pending.then(() => finish(refused));
      });
    });
}

function startWorker(check: CheckOptions, memoryMb: number): Worker {
  const workerData = {
    kind: check.kind,
    fileName: check.fileName,
    data: new Uint8Array(check.data),
    labels: check.labels,
    limits: check.limits,
    reference: check.reference,
  };
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./checkWorker.js", import.meta.url), { workerData, resourceLimits });
  // From the TypeScript sources (development, tests) the worker first registers tsx, as the service does.
  // require.resolve finds the CommonJS build of tsx's API; its ES module build sits beside it.
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const entry = new URL("./checkWorker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}
