// A turn decided without the chat's lock is written only if nobody answered the chat meanwhile;
// otherwise nothing of it is written (no state, no reply, the message still waiting), so the chat
// can be answered again under its lock. Messages arriving together are stored by one statement,
// each once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInboundStore } from "../../src/conversation/inboundStore.ts";
import { writeFreeTurns, writeTurns, type FreeTurnWrite } from "../../src/conversation/turnWrites.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const AT = new Date("2026-07-15T03:00:00Z");

describe("turns written without the chat's lock", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** A chat with one unanswered message, and a conversation at `revision` unless null. */
  async function chatWithMessage(name: string, revision: number | null) {
    const identity = await db.prisma.chatIdentity.create({ data: { channel: "WEB", platformUserId: name } });
    if (revision !== null)
      await db.prisma.conversation.create({
        data: { identityId: identity.id, state: { flow: "before" }, flow: "before", revision },
      });
    const message = await db.prisma.inboundMessage.create({
      data: {
        channel: "WEB",
        platformMessageId: `${name}-1`,
        dedupeKey: `WEB:${name}-1`,
        identityId: identity.id,
        kind: "text",
        text: "menu",
        payload: { kind: "text", text: "menu" },
      },
    });
    return { identityId: identity.id, inboundId: message.id };
  }

  function turn(chat: { identityId: string; inboundId: string }, revision: number | null): FreeTurnWrite {
    return {
      ...chat,
      revision,
      now: AT,
      channel: "WEB",
      state: JSON.stringify({ flow: "after" }),
      flow: "after",
      replies: [
        {
          id: randomUUID(),
          dedupeKey: `reply:${chat.inboundId}:0`,
          reply: JSON.stringify({ text: "Chào bác" }),
          createdAt: AT,
        },
      ],
      redacted: null,
    };
  }

  async function chatNow(chat: { identityId: string; inboundId: string }) {
    const [conversation, replies, message] = await Promise.all([
      db.prisma.conversation.findUnique({ where: { identityId: chat.identityId } }),
      db.prisma.outboundMessage.count({ where: { identityId: chat.identityId } }),
      db.prisma.inboundMessage.findUniqueOrThrow({ where: { id: chat.inboundId } }),
    ]);
    return {
      flow: conversation?.flow ?? null,
      revision: conversation?.revision ?? null,
      replies,
      answered: message.processedAt !== null,
    };
  }

  it("writes the chats nobody answered meanwhile and leaves out whole the one answered elsewhere", async () => {
    const current = await chatWithMessage("current", 3);
    const fresh = await chatWithMessage("fresh", null);
    const stale = await chatWithMessage("stale", 5);
    const written = await writeFreeTurns(db.prisma, 1, [turn(current, 3), turn(fresh, null), turn(stale, 4)]);
    expect(written.map((w) => w.identityId).sort()).toEqual([current.identityId, fresh.identityId].sort());
    expect(await chatNow(current)).toEqual({ flow: "after", revision: 4, replies: 1, answered: true });
    expect(await chatNow(fresh)).toEqual({ flow: "after", revision: 0, replies: 1, answered: true });
    // Decided on revision 4 while the chat is at 5: its state, reply and answer are not written.
    expect(await chatNow(stale)).toEqual({ flow: "before", revision: 5, replies: 0, answered: false });
  });

  it("does not write a new chat's turn when its conversation was started meanwhile", async () => {
    const started = await chatWithMessage("started-meanwhile", 0);
    expect(await writeFreeTurns(db.prisma, 1, [turn(started, null)])).toEqual([]);
    expect(await chatNow(started)).toEqual({ flow: "before", revision: 0, replies: 0, answered: false });
  });

  it("writes nothing when the message was answered already, even at the same revision", async () => {
    const answered = await chatWithMessage("answered-already", 2);
    await db.prisma.inboundMessage.update({ where: { id: answered.inboundId }, data: { processedAt: AT } });
    const other = await chatWithMessage("beside-it", 1);
    await expect(writeFreeTurns(db.prisma, 1, [turn(answered, 2), turn(other, 1)])).rejects.toThrow();
    expect(await chatNow(answered)).toEqual({ flow: "before", revision: 2, replies: 0, answered: true });
    expect(await chatNow(other)).toEqual({ flow: "before", revision: 1, replies: 0, answered: false });
  });

  it("under the chat's lock too, writes nothing when the message was answered meanwhile", async () => {
    const raced = await chatWithMessage("answered-while-locked", 1);
    await db.prisma.inboundMessage.update({ where: { id: raced.inboundId }, data: { processedAt: AT } });
    await expect(db.prisma.$transaction((tx) => writeTurns(tx, 1, [turn(raced, 1)]))).rejects.toThrow();
    expect(await chatNow(raced)).toEqual({ flow: "before", revision: 1, replies: 0, answered: true });
    // And when it was not, the turn is written and the chat has nothing more waiting.
    const calm = await chatWithMessage("answered-under-lock", 1);
    expect(await db.prisma.$transaction((tx) => writeTurns(tx, 1, [turn(calm, 1)]))).toEqual([]);
    expect(await chatNow(calm)).toEqual({ flow: "after", revision: 2, replies: 1, answered: true });
  });

  it("tells which chats have another message waiting", async () => {
    const busy = await chatWithMessage("two-waiting", 0);
    await db.prisma.inboundMessage.create({
      data: {
        channel: "WEB",
        platformMessageId: "two-waiting-2",
        dedupeKey: "WEB:two-waiting-2",
        identityId: busy.identityId,
        kind: "text",
        text: "menu",
        payload: { kind: "text", text: "menu" },
      },
    });
    const quiet = await chatWithMessage("one-waiting", 0);
    const written = await writeFreeTurns(db.prisma, 1, [turn(busy, 0), turn(quiet, 0)]);
    expect(new Map(written.map((w) => [w.identityId, w.more]))).toEqual(
      new Map([
        [busy.identityId, true],
        [quiet.identityId, false],
      ]),
    );
  });

  it("stores messages arriving together once each, a copy arriving with its original as a duplicate", async () => {
    const store = createInboundStore(db.prisma, 48 * 3_600_000);
    const text = (chat: string, id: string, displayName: string | null) =>
      store.store(
        AT,
        { channel: "WEB", platformUserId: chat, displayName, locale: "vi" },
        {
          channel: "WEB",
          platformMessageId: id,
          kind: "text",
          text: "bao giờ nhận tiền",
          payload: { kind: "text", text: "bao giờ nhận tiền" },
          receivedAt: AT,
        },
      );
    // All at once: the first goes alone, the others wait for it and share the next statements.
    const results = await Promise.all([
      text("together-0", "t0", null),
      ...Array.from({ length: 12 }, (_, i) => text(`together-${i % 4}`, `t${i + 1}`, i === 5 ? "Bà Lan" : null)),
      text("together-2", "t7", null), // the platform sent message t7 twice
    ]);
    const stored = await db.prisma.inboundMessage.findMany({
      where: { identity: { platformUserId: { startsWith: "together-" } } },
      select: { platformMessageId: true, identityId: true },
    });
    expect(stored.map((m) => m.platformMessageId).sort()).toEqual(Array.from({ length: 13 }, (_, i) => `t${i}`).sort());
    expect(results.filter((r) => !r.stored)).toHaveLength(1);
    expect(results[13]!.stored).toBe(false);
    expect(results[13]!.identityId).toBe(results[7]!.identityId);
    // One chat identity per person, whichever statement stored their message.
    const identities = await db.prisma.chatIdentity.findMany({
      where: { platformUserId: { startsWith: "together-" } },
      orderBy: { platformUserId: "asc" },
    });
    expect(identities.map((i) => i.platformUserId)).toEqual(["together-0", "together-1", "together-2", "together-3"]);
    expect(identities.find((i) => i.platformUserId === "together-1")?.displayName).toBe("Bà Lan");
    for (const m of stored) expect(identities.map((i) => i.id)).toContain(m.identityId);
  });
});
