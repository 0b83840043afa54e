// Nothing Telegram sends is lost: an update that could not be stored is refused (Telegram sends it
// again), and one stored just before a crash is answered by the next instance, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "../../src/generated/prisma/client.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTelegramHarness } from "./telegramHarness.ts";

let db: TestDatabase;
let fake: FakeTelegramApi;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startFakeTelegramApi();
});

afterAll(async () => {
  await fake?.close();
  await db?.destroy();
});

/**
 * The instance's database connection dies right after the update is stored: every later statement
 * and transaction (and so all processing) fails, as when the process is killed at that moment.
 */
function dyingAfterStore(prisma: PrismaClient): PrismaClient {
  let stored = false;
  return new Proxy(prisma, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop !== "$transaction" && prop !== "$queryRaw" && prop !== "$executeRaw") return value.bind(target);
      return async (query: unknown, ...rest: unknown[]) => {
        if (stored) throw new Error("instance crashed");
        const result: unknown = await Reflect.apply(value, target, [query, ...rest]);
        if (storesMessage(query)) stored = true;
        return result;
      };
    },
  });
}

const storesMessage = (query: unknown) =>
  query instanceof Prisma.Sql && query.sql.includes('INSERT INTO "InboundMessage"');

/**
 * The database refuses the next statement storing a message (a dropped connection, a failover)
 * when armed.
 */
function hiccup(): { arm(): void; wrap(prisma: PrismaClient): PrismaClient } {
  let armed = false;
  return {
    arm: () => {
      armed = true;
    },
    wrap: (prisma) =>
      new Proxy(prisma, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop);
          if (typeof value !== "function") return value;
          if (prop !== "$queryRaw" && prop !== "$executeRaw") return value.bind(target);
          return (query: unknown, ...rest: unknown[]) => {
            if (armed && storesMessage(query)) {
              armed = false;
              return Promise.reject(new Error("Connection terminated unexpectedly"));
            }
            return Reflect.apply(value, target, [query, ...rest]);
          };
        },
      }),
  };
}

describe("an update that could not be stored", () => {
  it("is refused with 500 so that Telegram sends it again, and the second delivery is answered once", async () => {
    const db2 = await createTestDatabase();
    const failure = hiccup();
    const h = await startTelegramHarness({ db: db2, prisma: failure.wrap });
    try {
      const update = h.fake.updates.text(3101, "/start");
      failure.arm();
      expect((await h.post(update)).status).toBe(500);
      await h.settle();
      expect(await db2.prisma.inboundMessage.count()).toBe(0);
      expect(h.fake.sentMessages(3101)).toEqual([]);

      expect((await h.post(update)).status).toBe(200);
      const messages = await h.fake.waitForMessages(3101, 2);
      await h.settle();
      expect(h.fake.sentMessages(3101)).toHaveLength(messages.length);
    } finally {
      await h.close();
      await db2.destroy();
    }
  });
});

describe("a crash between receiving and answering", () => {
  it("is answered exactly once by the next instance", async () => {
    const crashed = await startTelegramHarness({ db, fake, noStart: true, prisma: dyingAfterStore });
    const update = fake.updates.text(3001, "/start");
    expect((await crashed.post(update)).status).toBe(200);
    await crashed.runtime.engine.settle();
    await crashed.close();
    const stored = await db.prisma.inboundMessage.findFirst({
      where: { channel: "TELEGRAM", identity: { platformUserId: "3001" } },
    });
    expect(stored).toMatchObject({ processedAt: null });
    expect(fake.sentMessages(3001)).toEqual([]);

    const next = await startTelegramHarness({ db, fake });
    try {
      const messages = await fake.waitForMessages(3001, 2);
      expect(messages.some((m) => m.buttons.length > 0)).toBe(true);
      await next.settle();
      expect(await next.runtime.engine.recover()).toBe(0);
      // Telegram re-sends the update too (its POST never got an answer on the dead instance).
      expect((await next.post(update)).status).toBe(200);
      await next.settle();
      expect(fake.sentMessages(3001)).toHaveLength(messages.length);
    } finally {
      await next.close();
    }
  });
});
