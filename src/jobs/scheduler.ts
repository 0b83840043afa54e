// Recurring work (payout notices, reminders, SLA timers, scheduled broadcasts) on node-cron, with
// PostgreSQL deciding who runs each fire: the first instance to record (job, fire time) runs it,
// the others skip it. Jobs are written to catch up on what is due, so a fire whose instance died
// half-way is finished by the next fire.
import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import { createLease } from "../delivery/lease.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";

export interface Job {
  /** Unique, e.g. "payout-notices". */
  name: string;
  /** Cron expression in Vietnam time, e.g. "* * * * *" (every minute). */
  schedule: string;
  /** Does what is due at `now`; returns a summary for the log. */
  run(now: Date): Promise<unknown>;
}

export interface Scheduler {
  register(job: Job): void;
  start(): void;
  stop(): Promise<void>;
  /**
   * Fires a job as cron would at `at` (default: now), through the same coordinator: resolves
   * to false when another instance already ran that fire.
   */
  fire(name: string, at?: Date): Promise<boolean>;
}

export interface SchedulerDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  /** This instance's name in the run records. */
  owner: string;
}

export const TIMEZONE = "Asia/Ho_Chi_Minh";
// Longer than any run; a run whose instance died frees its job after this.
const JOB_LEASE_MS = 30 * 60_000;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const jobs = new Map<string, Job>();
  const tasks: ScheduledTask[] = [];
  const running = new Set<Promise<unknown>>();
  const coordinator = postgresRunCoordinator(deps.prisma, deps.owner);

  async function execute(job: Job): Promise<void> {
    const started = Date.now();
    try {
      const summary = await job.run(deps.clock.now());
      deps.log.info({ job: job.name, ms: Date.now() - started, summary }, "job done");
    } catch (err) {
      deps.log.error({ err, job: job.name }, "job failed");
      throw err;
    }
  }

  async function fire(name: string, at: Date = deps.clock.now()): Promise<boolean> {
    const job = jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const key = `${name}:${at.toISOString()}`;
    if (!(await coordinator.shouldRun(key, 0))) return false;
    // A long run (a province's first notices) may outlast the minute: the next fire, on whatever
    // instance, skips while it holds the job's lease.
    const lease = createLease(deps.prisma, `job:${name}`, deps.owner, JOB_LEASE_MS);
    if (!(await lease.acquire(Date.now())).held) {
      await coordinator.onComplete(key, "skipped: still running elsewhere");
      return false;
    }
    const run = execute(job)
      .finally(() => lease.release())
      .then(
        () => coordinator.onComplete(key, null),
        (err: unknown) => coordinator.onComplete(key, err),
      );
    running.add(run);
    await run.finally(() => running.delete(run));
    return true;
  }

  return {
    register(job) {
      if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: invalid schedule "${job.schedule}"`);
      jobs.set(job.name, job);
    },
    start() {
      for (const job of jobs.values()) {
        // node-cron computes the fire time; the coordinator below turns it into a run record.
        const task = cron.createTask(job.schedule, (ctx) => fire(job.name, ctx.date).catch(() => undefined), {
          name: job.name,
          timezone: TIMEZONE,
          noOverlap: true,
        });
        void task.start();
        tasks.push(task);
      }
    },
    async stop() {
      // destroy() returns a promise in some node-cron versions and nothing in others.
      await Promise.all(tasks.map((t) => Promise.resolve(t.destroy())));
      tasks.length = 0;
      await Promise.allSettled([...running]);
    },
    fire,
  };
}

type Coordinator = Required<Pick<RunCoordinator, "shouldRun">> & {
  onComplete(key: string, err: unknown): Promise<void>;
};

/** One row per (job, fire): inserting it is the election; the loser sees the conflict. */
function postgresRunCoordinator(prisma: PrismaClient, owner: string): Coordinator {
  const split = (key: string): [string, string] => {
    const at = key.indexOf(":");
    return [key.slice(0, at), key.slice(at + 1)];
  };
  return {
    async shouldRun(key) {
      const [name, fireKey] = split(key);
      const inserted = await prisma.jobRun.createMany({ data: [{ name, fireKey, owner }], skipDuplicates: true });
      return inserted.count === 1;
    },
    async onComplete(key, err) {
      const [name, fireKey] = split(key);
      await prisma.jobRun.update({
        where: { name_fireKey: { name, fireKey } },
        data: {
          finishedAt: new Date(),
          error: err ? String(err instanceof Error ? err.message : err).slice(0, 500) : null,
        },
      });
    },
  };
}
