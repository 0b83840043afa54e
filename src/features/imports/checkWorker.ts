// The worker thread that reads and checks an uploaded file: parsing a province's spreadsheet is
// seconds of CPU, which must not stop the service from answering chats meanwhile. It has its own
// memory limit; checked rows go back to the main thread in batches.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { checkFile } from "./checkFile.ts";
import type { ReferenceData } from "./reference.ts";
import { IMPORT_KINDS } from "./types.ts";

const job = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    fileName: z.string(),
    data: z.instanceof(Uint8Array),
    labels: z.record(z.string(), z.array(z.string())),
    limits: z.object({ maxPartBytes: z.number().int().positive() }),
    // Built by the main thread from the database (loadReferenceData); passed through as it is.
    reference: z.custom<ReferenceData>(
      (v) => typeof v === "object" && v !== null && "communes" in v && "vocabulary" in v,
    ),
  })
  .parse(workerData);

// Reading a file can wait; the chats cannot. On Linux the nice value belongs to each thread (see
// setpriority(2), "Bugs"), so this lowers only this worker below the service's main thread.
try {
  setPriority(19);
} catch {
  // Not allowed here (or not per thread on this system): the worker runs at normal priority.
}

const port = parentPort;
if (!port) throw new Error("checkWorker runs in a worker thread");

// Batches handed over and not yet taken by the main thread (it compares and writes them). The
// reading waits when that many are waiting, so a slow database never lets checked rows pile up in
// memory; enough for two parts of 5,000 rows, so the reading goes on while a part is compared.
const IN_FLIGHT = 24;
let inFlight = 0;
let taken: (() => void) | null = null;
const onTaken = (m: unknown) => {
  if (m !== "taken") return;
  inFlight--;
  taken?.();
  taken = null;
};
port.on("message", onTaken);

const summary = await checkFile({
  kind: job.kind,
  fileName: job.fileName,
  data: Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength),
  reference: job.reference,
  labels: job.labels,
  limits: job.limits,
  onBatch: async (inputs) => {
    port.postMessage({ type: "batch", inputs });
    inFlight++;
    if (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (taken = resolve));
  },
  onProgress: (rows) => port.postMessage({ type: "progress", rows }),
});
port.postMessage({ type: "done", summary });
// Nothing more to wait for: the worker ends once its last messages are out.
port.off("message", onTaken);
