// Imports run as jobs, off the request path: the upload stores the file and answers at once, and
// each instance works off queued jobs a few at a time, every file read in a worker thread with its
// own memory. One staff member has one file in progress at a time. A job whose instance died is
// taken up again by any instance (its heartbeat stops), so an upload is never lost.
import { randomUUID } from "node:crypto";
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { I18n } from "../../core/i18n.ts";
import type { StaffContext } from "../../http/context.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import { resolveCommuneIds } from "../staff/scope.ts";
import { runImport, type ImportSettings } from "./service.ts";
import type { ImportKind } from "./types.ts";
import { workerChecker } from "./workerChecker.ts";

export interface ImportJobsDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
  settings: ImportSettings;
  concurrency: number;
  workerMemoryMb: number;
}

export interface Enqueue {
  kind: ImportKind;
  fileName: string;
  data: Buffer;
  fileHash: string;
  dryRun: boolean;
  skipInvalid?: boolean;
  staff: StaffContext;
  locale: string;
  checkedJobId?: string;
}

export interface ImportJobs {
  /** Queues a file; refused while the staff member has another one queued or running. */
  enqueue(job: Enqueue): Promise<{ ok: true; id: string } | { ok: false; busyWith: string }>;
  start(): void;
  stop(): Promise<void>;
}

const KIND = { beneficiaries: "BENEFICIARIES", payouts: "PAYOUTS", areas: "AREAS" } as const;
const KIND_BACK = { BENEFICIARIES: "beneficiaries", PAYOUTS: "payouts", AREAS: "areas" } as const;
const POLL_MS = 1000;
const HEARTBEAT_MS = 5000;
/** A running job whose heartbeat is older than this lost its instance. */
const STALE_MS = 60_000;
const MAX_ATTEMPTS = 3;
/** A checked file waits this long for the officer to import it. */
const KEEP_FILE_MS = 24 * 3_600_000;

export function createImportJobs(deps: ImportJobsDeps): ImportJobs {
  const owner = randomUUID();
  const running = new Set<Promise<void>>();
  const checker = workerChecker({ memoryMb: deps.workerMemoryMb });
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let polling = false;

  async function claim(): Promise<string | null> {
    const now = deps.clock.now();
    const stale = new Date(now.getTime() - STALE_MS);
    const next = await deps.prisma.importJob.findFirst({
      where: { OR: [{ status: "QUEUED" }, { status: "RUNNING", heartbeatAt: { lt: stale } }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true, heartbeatAt: true, attempts: true },
    });
    if (!next) return null;
    // Taken only if nobody took it meanwhile: the row must still be as it was read.
    const taken = await deps.prisma.importJob.updateMany({
      where: { id: next.id, status: next.status, heartbeatAt: next.heartbeatAt },
      data: {
        status: "RUNNING",
        owner,
        heartbeatAt: now,
        startedAt: now,
        attempts: { increment: 1 },
        phase: "reading",
      },
    });
    return taken.count === 1 ? next.id : null;
  }

  async function poll(): Promise<void> {
    if (polling || stopped) return;
    polling = true;
    try {
      await deps.prisma.importJob.updateMany({
        where: {
          status: { in: ["DONE", "FAILED"] },
          data: { not: null },
          finishedAt: { lt: new Date(deps.clock.now().getTime() - KEEP_FILE_MS) },
        },
        data: { data: null },
      });
      while (!stopped && running.size < deps.concurrency) {
        const id = await claim();
        if (!id) break;
        const p = run(id).finally(() => {
          running.delete(p);
          void poll();
        });
        running.add(p);
      }
    } catch (err) {
      deps.log.warn({ err: String(err) }, "import jobs: poll failed");
    } finally {
      polling = false;
    }
  }

  async function run(id: string): Promise<void> {
    const job = await deps.prisma.importJob.findUniqueOrThrow({ where: { id } });
    const progress = { phase: "reading", rows: 0 };
    const beat = setInterval(() => {
      void deps.prisma.importJob
        .update({
          where: { id },
          data: { heartbeatAt: deps.clock.now(), phase: progress.phase, rowsRead: progress.rows },
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const staff = job.staffId ? await staffContext(deps.prisma, job.staffId) : null;
      if (job.attempts > MAX_ATTEMPTS || !job.data || (job.staffId && !staff)) {
        await finish(id, { status: "FAILED", failure: "job_failed" });
        return;
      }
      const report = await runImport(
        { ...deps, checker },
        {
          kind: KIND_BACK[job.kind],
          fileName: job.fileName,
          data: Buffer.from(job.data),
          dryRun: job.dryRun,
          skipInvalid: job.skipInvalid,
          staff,
          locale: job.locale,
          onProgress: (phase, rows) => Object.assign(progress, { phase, rows }),
        },
      );
      await finish(id, {
        status: "DONE",
        runId: report.runId ?? null,
        rowsRead: report.rows,
        phase: null,
        ...(job.dryRun ? {} : { data: null }),
      });
      // Once imported, the checked copy of the file is not needed any more.
      if (!job.dryRun && job.checkedJobId)
        await deps.prisma.importJob.update({ where: { id: job.checkedJobId }, data: { data: null } });
    } catch (err) {
      deps.log.error({ err, jobId: id }, "import job failed");
      await finish(id, { status: "FAILED", failure: "job_failed" }).catch(() => undefined);
    } finally {
      clearInterval(beat);
    }
  }

  function finish(id: string, data: Record<string, unknown>) {
    return deps.prisma.importJob.update({
      where: { id },
      data: { ...data, finishedAt: deps.clock.now(), heartbeatAt: deps.clock.now() },
    });
  }

  return {
    async enqueue(j) {
      const busy = await deps.prisma.importJob.findFirst({
        where: { staffId: j.staff.id, status: { in: ["QUEUED", "RUNNING"] } },
        select: { id: true },
      });
      if (busy) return { ok: false, busyWith: busy.id };
      const created = await deps.prisma.importJob.create({
        data: {
          staffId: j.staff.id,
          kind: KIND[j.kind],
          fileName: j.fileName.slice(0, 255),
          fileHash: j.fileHash,
          data: new Uint8Array(j.data),
          dryRun: j.dryRun,
          skipInvalid: j.skipInvalid ?? false,
          locale: j.locale,
          checkedJobId: j.checkedJobId ?? null,
        },
        select: { id: true },
      });
      setImmediate(() => void poll());
      return { ok: true, id: created.id };
    },
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void poll(), POLL_MS);
      timer.unref();
      void poll();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      // A job cut short here is taken up again once its heartbeat is stale.
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

/** The job runner with the limits the operator configured. */
export function importJobsFromConfig(
  config: Config,
  deps: Pick<ImportJobsDeps, "prisma" | "log" | "clock" | "i18n">,
): ImportJobs {
  return createImportJobs({
    ...deps,
    settings: {
      maxPartBytes: config.IMPORT_MAX_UNZIPPED_MB * 1024 * 1024,
      outsideArea: { limit: config.IMPORT_OUTSIDE_AREA_LIMIT, windowHours: config.IMPORT_OUTSIDE_AREA_WINDOW_HOURS },
    },
    concurrency: config.IMPORT_CONCURRENCY,
    workerMemoryMb: config.IMPORT_WORKER_MEMORY_MB,
  });
}

async function staffContext(prisma: PrismaClient, staffId: string): Promise<StaffContext | null> {
  const user = await prisma.staffUser.findUnique({ where: { id: staffId } });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    locale: user.locale === "en" ? "en" : "vi",
    communeIds: await resolveCommuneIds(prisma, user.id, user.role),
    sessionId: "",
    csrfToken: "",
  };
}
