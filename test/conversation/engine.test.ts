// Guarantees of the conversation engine, through the real bot and database: nothing sent is lost
// or answered twice, chats are served one event at a time across instances, and typed personal
// numbers do not stay in the database in full once answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationEngine } from "../../src/conversation/engine.ts";
import { createBrain } from "../../src/features/chat/brain.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedChatWorld } from "../chat/fixtures.ts";
import { SETTINGS } from "../chat/harness.ts";

const log = createLogger({ level: "silent" });

describe("conversation engine", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedChatWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const instance = (clock = fixedClock(new Date("2026-07-15T03:00:00Z"))) =>
    createConversationEngine({ prisma: db.prisma, log, clock, brain: createBrain(), settings: SETTINGS });

  async function repliesFor(platformUserId: string) {
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "WEB", platformUserId } },
    });
    return db.prisma.outboundMessage.findMany({
      where: { identityId: identity.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  /** Messages stored by an instance that stopped before answering them, a millisecond apart. */
  async function storeUnanswered(platformUserId: string, messageIds: string[], at: number) {
    const identity = await db.prisma.chatIdentity.create({ data: { channel: "WEB", platformUserId } });
    for (const [i, messageId] of messageIds.entries())
      await db.prisma.inboundMessage.create({
        data: {
          channel: "WEB",
          platformMessageId: messageId,
          dedupeKey: `WEB:${messageId}`,
          dedupeUntil: new Date(at + 48 * 3_600_000),
          identityId: identity.id,
          kind: "text",
          text: "menu",
          payload: { kind: "text", text: "menu" },
          receivedAt: new Date(at + i),
        },
      });
  }

  it("answers a message stored by an instance that died before processing it, once, after the restart", async () => {
    const chat = { channel: "WEB" as const, platformUserId: "crash-1" };
    // The first instance stores the message; its processing never commits (the process "dies").
    await db.prisma.chatIdentity.create({ data: { ...chat } });
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { channel_platformUserId: chat } });
    await db.prisma.inboundMessage.create({
      data: {
        channel: "WEB",
        platformMessageId: "crash-msg",
        dedupeKey: "WEB:crash-msg",
        dedupeUntil: new Date("2026-07-17T03:00:00Z"),
        identityId: identity.id,
        kind: "start",
        payload: { kind: "start" },
      },
    });
    expect(await repliesFor("crash-1")).toHaveLength(0);

    const restarted = instance();
    expect(await restarted.recover()).toBe(1);
    const replies = await repliesFor("crash-1");
    expect(replies.length).toBeGreaterThan(0);
    expect(JSON.stringify(replies[0]?.reply)).toContain("chat:");
    // A second recovery, or the platform re-sending the message, changes nothing.
    await restarted.recover();
    const again = await restarted.receive({ kind: "start", chat, messageId: "crash-msg", at: new Date() });
    await restarted.settle();
    expect(again.duplicate).toBe(true);
    expect(await repliesFor("crash-1")).toHaveLength(replies.length);
  });

  it("serves one chat one event at a time even when two instances receive its messages together", async () => {
    const a = instance();
    const b = instance();
    const chat = { channel: "WEB" as const, platformUserId: "two-instances" };
    const at = new Date("2026-07-15T03:00:00Z");
    // A burst of menu presses split over two instances; each must be answered exactly once.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).receive({
          kind: "text",
          text: "menu",
          chat,
          messageId: `burst-${i}`,
          at: new Date(at.getTime() + i),
        }),
      ),
    );
    await Promise.all([a.settle(), b.settle()]);
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { channel_platformUserId: chat } });
    const inbound = await db.prisma.inboundMessage.findMany({ where: { identityId: identity.id } });
    expect(inbound).toHaveLength(10);
    expect(inbound.every((m) => m.processedAt !== null && m.error === null)).toBe(true);
    const replies = await repliesFor("two-instances");
    // Every reply is tied to the message it answers; none is written twice.
    const answered = new Set(replies.map((r) => r.dedupeKey?.split(":")[1]));
    expect(answered.size).toBe(10);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { identityId: identity.id } });
    expect(conversation.revision).toBe(9); // created once, then updated once per later message
  });

  it("processes only a few chats at a time, a chat sending many messages taking one place, and answers each message once, in order", async () => {
    // Every database call made while answering holds a connection (a statement, or a transaction
    // for turns run under the chat's lock): counting the calls in flight at once shows how many
    // chats are being answered. The messages were stored beforehand, so storing is not counted.
    let open = 0;
    let most = 0;
    const counted = new Proxy(db.prisma, {
      get(target, prop) {
        if (prop !== "$transaction" && prop !== "$queryRaw" && prop !== "$executeRaw") return Reflect.get(target, prop);
        const call = Reflect.get(target, prop) as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          open++;
          most = Math.max(most, open);
          try {
            return await call.apply(target, args);
          } finally {
            open--;
          }
        };
      },
    });
    // A clock that moves a millisecond each time it is read: replies carry the order they were written in.
    let tick = 0;
    const clock = { now: () => new Date(Date.parse("2026-07-15T03:00:00Z") + tick++) };
    const e = createConversationEngine({
      prisma: counted,
      log,
      clock,
      brain: createBrain(),
      settings: SETTINGS,
      concurrency: 2,
    });
    const at = new Date("2026-07-15T03:00:00Z").getTime();
    const busy = { channel: "WEB" as const, platformUserId: "busy-chat" };
    // More chats than two transactions' worth (a few chats share one): the rest wait their turn.
    const crowd = 40;
    for (let i = 0; i < crowd; i++) await storeUnanswered(`crowd-${i}`, [`crowd-${i}`], at);
    await storeUnanswered(
      busy.platformUserId,
      Array.from({ length: 6 }, (_, i) => `busy-${i}`),
      at,
    );
    expect(await e.recover()).toBe(crowd + 1);
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    for (let i = 0; i < crowd; i++) {
      const replies = await repliesFor(`crowd-${i}`);
      expect(new Set(replies.map((r) => r.dedupeKey?.split(":")[1])).size).toBe(1);
    }
    const busyIdentity = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { channel_platformUserId: busy } });
    const inbound = await db.prisma.inboundMessage.findMany({
      where: { identityId: busyIdentity.id },
      orderBy: { receivedAt: "asc" },
    });
    expect(inbound.every((m) => m.processedAt !== null && m.error === null)).toBe(true);
    const answered = [...new Set((await repliesFor("busy-chat")).map((r) => r.dedupeKey?.split(":")[1]))];
    // Replies come in the order the messages were sent, each message answered once.
    expect(answered).toEqual(inbound.map((m) => m.id));
  });

  it("does not keep a typed personal ID or phone number in full once the message is answered", async () => {
    const e = instance();
    const chat = { channel: "WEB" as const, platformUserId: "typed-id" };
    await e.receive({ kind: "button", data: "link:id", chat, messageId: "t1", at: new Date() });
    await e.receive({ kind: "text", text: "001140123456", chat, messageId: "t2", at: new Date() });
    await e.settle();
    const stored = await db.prisma.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: "WEB:t2" } });
    expect(stored.processedAt).not.toBeNull();
    expect(stored.text).toBe("••••••••3456");
    expect(JSON.stringify(stored.payload)).not.toContain("001140123456");
  });

  it("answers the chats waiting beside a message that cannot be processed, and apologises for that one alone", async () => {
    // An instance stored these messages and died before answering them; one of them is unreadable
    // (a bug). The next instance answers them all in one round.
    const store = async (platformUserId: string, payload: object) => {
      const identity = await db.prisma.chatIdentity.create({ data: { channel: "WEB", platformUserId } });
      await db.prisma.inboundMessage.create({
        data: { channel: "WEB", platformMessageId: platformUserId, identityId: identity.id, kind: "text", payload },
      });
      return identity.id;
    };
    const broken = await store("broken-beside", { kind: "not-an-event" });
    for (let i = 0; i < 5; i++) await store(`beside-${i}`, { kind: "text", text: "menu" });
    const e = createConversationEngine({
      prisma: db.prisma,
      log,
      clock: fixedClock(new Date("2026-07-15T03:00:00Z")),
      brain: createBrain(),
      settings: SETTINGS,
      concurrency: 1,
    });
    expect(await e.recover()).toBe(6);
    const failed = await db.prisma.inboundMessage.findFirstOrThrow({ where: { identityId: broken } });
    expect(failed.processedAt).not.toBeNull();
    expect(failed.error).not.toBeNull();
    expect((await repliesFor("broken-beside")).length).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) {
      const replies = await repliesFor(`beside-${i}`);
      expect(replies.length).toBeGreaterThan(0);
      expect(new Set(replies.map((r) => r.dedupeKey?.split(":")[1])).size).toBe(1);
      const inbound = await db.prisma.inboundMessage.findFirstOrThrow({ where: { platformMessageId: `beside-${i}` } });
      expect(inbound.processedAt).not.toBeNull();
      expect(inbound.error).toBeNull();
    }
  });
});
