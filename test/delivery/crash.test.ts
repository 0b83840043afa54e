// The sending service is killed (SIGKILL) in the middle of a run of notices and started again:
// the new process finishes the rest, and nobody gets the notice twice.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startServiceProcess } from "../helpers/serviceProcess.ts";
import { queueNotices, seedRecipients } from "./world.ts";

const COUNT = 80;
// What a sending process holds at any moment at 20 a second: two batches of a tenth of a second.
const MAX_IN_HAND = 4;

/** The database the service processes use: PostgreSQL when the suite runs on it, else a PGlite folder. */
async function sharedDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<Database>;
  destroy(): Promise<void>;
}> {
  if (process.env.TEST_DATABASE_URL) {
    const db: TestDatabase = await createTestDatabase();
    return { env: { DATABASE_URL: db.url! }, open: async () => db, destroy: () => db.destroy() };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ansinh-crash-"));
  return {
    env: { DATA_DIR: dataDir, DEMO_DATA: "never" },
    // One process at a time may open a PGlite folder: the test opens it only while no service runs.
    open: async () => {
      const db = await createDatabase({ kind: "pglite", dataDir });
      await db.migrate();
      return db;
    },
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );

describe("a sender killed in the middle of a run of notices", () => {
  let fake: FakeTelegramApi;
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await Promise.all(children.map(exited));
    await fake?.close();
    await shared?.destroy();
  });

  it("is restarted and finishes the rest; nobody gets the notice twice and every notice ends with a status", async () => {
    fake = await startFakeTelegramApi();
    shared = await sharedDatabase();
    let db = await shared.open();
    const people = await seedRecipients(db.prisma, COUNT);
    await queueNotices(db.prisma, people, "crash");
    if (!process.env.TEST_DATABASE_URL) await db.close();

    const env = {
      ...shared.env,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_MODE: "polling",
      TELEGRAM_RATE_PER_SECOND: "20",
      QUIET_HOURS: "off",
      BULK_LEASE_SECONDS: "3",
    };
    const first = await startServiceProcess(env);
    children.push(first.child);
    await first.ready;
    await fake.waitFor("sendMessage", { count: 25, timeoutMs: 30_000 });
    first.child.kill("SIGKILL");
    await exited(first.child);
    const beforeRestart = fake.sentMessages().length;
    expect(beforeRestart).toBeLessThan(COUNT);

    const second = await startServiceProcess(env);
    children.push(second.child);
    await second.ready;
    // The rest goes out once the killed instance's bulk lease has run out: all but what the killed
    // process had in hand (at most MAX_IN_HAND), then nothing more.
    await expect
      .poll(() => fake.sentMessages().length, { timeout: 60_000, interval: 250 })
      .toBeGreaterThanOrEqual(COUNT - MAX_IN_HAND);
    for (let last = -1; last !== fake.sentMessages().length;) {
      last = fake.sentMessages().length;
      await new Promise((r) => setTimeout(r, 2000));
    }
    second.child.kill("SIGTERM");
    await exited(second.child);

    db = await shared.open();
    try {
      const rows = await db.prisma.outboundMessage.findMany({
        where: { noticeKey: { startsWith: "test:crash:" } },
        include: { identity: true },
      });
      expect(rows).toHaveLength(COUNT);
      // Every notice has ended: sent, or failed with the reason that its fate is unknown.
      expect(
        rows.every((r) => r.status === "SENT" || (r.status === "FAILED" && r.failureReason === "interrupted")),
      ).toBe(true);
      const interrupted = rows.filter((r) => r.status === "FAILED");
      expect(interrupted.length).toBeLessThanOrEqual(MAX_IN_HAND);
      for (const p of people) expect(fake.sentMessages(p.chatId!).length).toBeLessThanOrEqual(1);
      for (const r of rows.filter((x) => x.status === "SENT"))
        expect(fake.sentMessages(r.identity!.platformUserId)).toHaveLength(1);
      expect(fake.sentMessages().length).toBeGreaterThan(beforeRestart);
    } finally {
      if (!process.env.TEST_DATABASE_URL) await db.close();
    }
  }, 180_000);
});
