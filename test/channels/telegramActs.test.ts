// What Telegram really sends, through the real wire: update_id is no lasting key (the Bot API
// starts it again from a random number after a quiet week, and a new bot or server starts it
// again too), re-sent updates must be answered once, and an answer cut short is not a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramHarness, type TelegramHarness } from "./telegramHarness.ts";

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness();
});

afterAll(async () => {
  await h?.close();
});

const inboundOf = (chatId: number) =>
  h.prisma.inboundMessage.count({ where: { channel: "TELEGRAM", identity: { platformUserId: String(chatId) } } });

describe("updates that share an update_id", () => {
  it("from two chats are both answered", async () => {
    const first = h.fake.updates.text(4001, "/start");
    const second = { ...h.fake.updates.text(4002, "/start"), update_id: first.update_id };
    expect((await h.post(first)).status).toBe(200);
    expect((await h.post(second)).status).toBe(200);
    await h.fake.waitForMessages(4001, 1);
    await h.fake.waitForMessages(4002, 1);
    await h.settle();
    expect(await inboundOf(4001)).toBe(1);
    expect(await inboundOf(4002)).toBe(1);
  });

  it("after Telegram starts update_id again, a new person's first message is answered", async () => {
    const before = h.fake.updates.text(4003, "/start");
    await h.post(before);
    await h.fake.waitForMessages(4003, 1);
    // A week without updates: the next update_id is chosen at random, possibly one seen before.
    h.fake.updates.restartUpdateIds(before.update_id);
    const after = h.fake.updates.text(4004, "xin chào");
    expect(after.update_id).toBe(before.update_id);
    expect((await h.post(after)).status).toBe(200);
    const messages = await h.fake.waitForMessages(4004, 1);
    expect(messages[0]?.text.length).toBeGreaterThan(0);
  });
});

describe("an update Telegram sends again", () => {
  it("(the same message, re-sent after a slow answer) is answered once", async () => {
    const update = h.fake.updates.text(4005, "/start");
    await Promise.all([h.post(update), h.post(update)]);
    await h.post(update);
    await h.fake.waitForMessages(4005, 1);
    await h.settle();
    const answered = h.fake.sentMessages(4005).length;
    await h.post(update);
    await h.settle();
    expect(h.fake.sentMessages(4005)).toHaveLength(answered);
    expect(await inboundOf(4005)).toBe(1);
  });

  it("(a button press) is answered once, even under another update_id", async () => {
    await h.post(h.fake.updates.text(4006, "/start"));
    await h.fake.waitForMessages(4006, 1);
    await h.settle();
    const press = h.fake.updates.callback(4006, "menu");
    await h.post(press);
    await h.settle();
    const answered = h.fake.sentMessages(4006).length;
    await h.post({ ...press, update_id: press.update_id + 5000 });
    await h.settle();
    expect(h.fake.sentMessages(4006)).toHaveLength(answered);
    expect(await inboundOf(4006)).toBe(2);
  });

  it("is answered again once the re-send window has passed and Telegram's ids come round again", async () => {
    const update = h.fake.updates.text(4007, "/start");
    await h.post(update);
    await h.fake.waitForMessages(4007, 1);
    await h.settle();
    const answered = h.fake.sentMessages(4007).length;
    // Telegram keeps an update for 24 h; three days on, the same ids are a new message.
    h.clock.advance(72 * 3_600_000);
    await h.post(update);
    await h.settle();
    expect(h.fake.sentMessages(4007).length).toBeGreaterThan(answered);
    expect(await inboundOf(4007)).toBe(2);
  });
});

describe("a reply whose 200 answer cannot be read", () => {
  it("is recorded as sent and not sent again", async () => {
    h.fake.fail({ status: 200, unreadable: true }, { chatId: 4008 });
    await h.post(h.fake.updates.text(4008, "xin chào"));
    await h.fake.waitFor("sendMessage", { chatId: 4008 });
    await h.settle();
    await new Promise((r) => setTimeout(r, 500));
    await h.settle();
    const identity = await h.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "TELEGRAM", platformUserId: "4008" } },
    });
    const rows = await h.prisma.outboundMessage.findMany({
      where: { identityId: identity.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    const texts = h.fake.sentMessages(4008).map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toHaveLength(rows.length);
  });
});
