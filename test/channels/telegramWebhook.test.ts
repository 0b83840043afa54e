// Telegram through the real wire: webhook POSTs into the real app, replies out to a fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_URL, startTelegramHarness, WEBHOOK_SECRET, type TelegramHarness } from "./telegramHarness.ts";

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness();
});

afterAll(async () => {
  await h?.close();
});

async function identity(chatId: number) {
  return h.prisma.chatIdentity.findUnique({
    where: { channel_platformUserId: { channel: "TELEGRAM", platformUserId: String(chatId) } },
  });
}

describe("the Telegram webhook", () => {
  it("is registered with Telegram at start, with its secret and the updates the bot reads", () => {
    expect(h.fake.callsTo("getMe")).toHaveLength(1);
    expect(h.fake.webhook()).toEqual({
      url: `${PUBLIC_URL}/channels/telegram/webhook`,
      secretToken: WEBHOOK_SECRET,
      allowedUpdates: ["message", "callback_query", "my_chat_member"],
      dropPendingUpdates: false,
    });
  });

  it("answers a message with the right secret at once, and the reply arrives with buttons to press", async () => {
    const res = await h.post(h.fake.updates.text(1001, "/start"));
    expect(res.status).toBe(200);
    const messages = await h.fake.waitForMessages(1001, 2);
    expect(messages.every((m) => m.text.trim().length > 0)).toBe(true);
    // Plain text: nothing in a reply is ever read as HTML or Markdown.
    expect(messages.every((m) => m.parseMode === undefined)).toBe(true);
    const withKeyboard = messages.find((m) => m.buttons.length > 0);
    expect(
      withKeyboard?.buttons
        .flat()
        .every((b) => b.text.length > 0 && b.data !== undefined && Buffer.byteLength(b.data) <= 64),
    ).toBe(true);
  });

  it("refuses a missing secret with 401 and a wrong one with 403, and stores nothing", async () => {
    const update = h.fake.updates.text(1002, "xin chào");
    expect((await h.post(update, { secret: null })).status).toBe(401);
    expect((await h.post(update, { secret: "not-the-secret" })).status).toBe(403);
    expect((await h.post(update, { secret: `${WEBHOOK_SECRET}x` })).status).toBe(403);
    await h.settle();
    expect(await identity(1002)).toBeNull();
    expect(
      await h.prisma.inboundMessage.count({ where: { channel: "TELEGRAM", identity: { platformUserId: "1002" } } }),
    ).toBe(0);
    expect(h.fake.sentMessages(1002)).toEqual([]);
  });

  it("refuses malformed JSON and JSON that is not an update with 400", async () => {
    expect((await h.post(null, { raw: '{"update_id": 5, "message": ' })).status).toBe(400);
    expect((await h.post({ hello: "world" })).status).toBe(400);
    expect(
      (await h.post({ update_id: 77, message: { message_id: 1, chat: { id: "not a number", type: "private" } } }))
        .status,
    ).toBe(400);
  });

  it("processes an update Telegram sends twice only once: one answer", async () => {
    const update = h.fake.updates.text(1003, "/start");
    expect((await h.post(update)).status).toBe(200);
    await h.fake.waitForMessages(1003, 2);
    await h.settle();
    const answered = h.fake.sentMessages(1003).length;

    expect((await h.post(update)).status).toBe(200);
    await h.settle();
    expect(h.fake.sentMessages(1003)).toHaveLength(answered);
    expect(
      await h.prisma.inboundMessage.count({ where: { channel: "TELEGRAM", identity: { platformUserId: "1003" } } }),
    ).toBe(1);
  });

  it("stops the spinner of a pressed button and answers the press", async () => {
    await h.post(h.fake.updates.text(1004, "/start"));
    await h.fake.waitForMessages(1004, 2);
    const press = h.fake.updates.callback(1004, "menu");
    expect((await h.post(press)).status).toBe(200);
    const answers = await h.fake.waitFor("answerCallbackQuery");
    const cb = press.callback_query;
    expect(
      answers.some((a) => typeof cb === "object" && cb !== null && "id" in cb && a.body.callback_query_id === cb.id),
    ).toBe(true);
    const messages = await h.fake.waitForMessages(1004, 3);
    expect(messages.at(-1)?.buttons.length).toBeGreaterThan(0);
  });

  it("answers a photo politely instead of ignoring it", async () => {
    expect((await h.post(h.fake.updates.photo(1005))).status).toBe(200);
    const [first] = await h.fake.waitForMessages(1005, 1);
    expect(first?.text.length).toBeGreaterThan(0);
  });

  it("marks a chat unreachable when the person blocks the bot, and reachable again when they unblock it", async () => {
    await h.post(h.fake.updates.text(1006, "/start"));
    await h.fake.waitForMessages(1006, 2);
    await h.settle();
    const before = h.fake.sentMessages(1006).length;

    expect((await h.post(h.fake.updates.chatMember(1006, "kicked"))).status).toBe(200);
    await h.settle();
    expect(await identity(1006)).toMatchObject({ reachable: false, unreachableReason: "blocked" });

    expect((await h.post(h.fake.updates.chatMember(1006, "member"))).status).toBe(200);
    await h.settle();
    expect(await identity(1006)).toMatchObject({ reachable: true, unreachableReason: null });
    // Neither event is a message to answer.
    expect(h.fake.sentMessages(1006)).toHaveLength(before);
  });

  it("marks a chat unreachable when Telegram answers 403 and does not try again", async () => {
    h.fake.block(1007);
    await h.post(h.fake.updates.text(1007, "/start"));
    await h.fake.waitFor("sendMessage", { chatId: 1007, status: 403 });
    await h.settle();
    expect(await identity(1007)).toMatchObject({
      reachable: false,
      unreachableReason: "Forbidden: bot was blocked by the user",
    });
    await new Promise((r) => setTimeout(r, 300));
    await h.settle();
    expect(h.fake.callsTo("sendMessage").filter((c) => String(c.body.chat_id) === "1007")).toHaveLength(1);
  });

  it("waits as long as a 429 says, then delivers the reply once and keeps the chat's order", async () => {
    h.fake.fail({ status: 429, retryAfter: 1 }, { chatId: 1008 });
    await h.post(h.fake.updates.text(1008, "/start"));
    const [refused] = await h.fake.waitFor("sendMessage", { chatId: 1008, status: 429 });
    const messages = await h.fake.waitForMessages(1008, 2);
    const retried = h.fake
      .callsTo("sendMessage")
      .find((c) => c.status === 200 && c.body.chat_id === "1008" && c.body.text === refused?.body.text);
    expect(refused && retried && retried.at - refused.at).toBeGreaterThanOrEqual(1000);
    // The reply after the refused one waited for it: the person reads them in order.
    expect(messages[0]?.text).toBe(refused?.body.text);
    await h.settle();
    // Each reply once: the refused one was not sent twice.
    expect(new Set(messages.map((m) => m.text)).size).toBe(messages.length);
    expect(h.fake.sentMessages(1008)).toHaveLength(2);
  });

  it("retries after a Telegram server error and delivers once", async () => {
    h.fake.fail({ status: 502 }, { chatId: 1009 });
    await h.post(h.fake.updates.text(1009, "/start"));
    await h.fake.waitFor("sendMessage", { chatId: 1009, status: 502 });
    const messages = await h.fake.waitForMessages(1009, 2);
    await h.settle();
    expect(new Set(messages.map((m) => m.text)).size).toBe(2);
    expect(await identity(1009)).toMatchObject({ reachable: true });
  });
});

describe("sending to Telegram", () => {
  const adapter = () => {
    const telegram = h.runtime.channels.find((c) => c.name === "TELEGRAM");
    if (!telegram) throw new Error("Telegram is not configured");
    return telegram;
  };
  const chat = (id: number) => ({ channel: "TELEGRAM" as const, platformUserId: String(id) });

  it("splits a text too long for one message at a paragraph, with the buttons under the last part", async () => {
    const paragraph = "Kỳ chi trả tháng này. ".repeat(60).trim();
    const text = Array.from({ length: 5 }, () => paragraph).join("\n\n");
    expect(text.length).toBeGreaterThan(4096);
    const result = await adapter().send(chat(1101), { text, buttons: [[{ label: "Quay lại", data: "menu" }]] });
    const parts = h.fake.sentMessages(1101);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts.map((p) => p.text).join("\n\n")).toBe(text);
    expect(parts.map((p) => p.buttons)).toEqual([[], [[{ text: "Quay lại", data: "menu" }]]]);
    expect(result).toEqual({ ok: true, platformMessageId: String(parts[1]?.messageId) });
  });

  it("tells the outbox which refusals are for good and which are for now", async () => {
    const reply = { text: "Xin chào", buttons: [] };
    h.fake.fail({ status: 400, description: "Bad Request: chat not found" }, { chatId: 1102 });
    expect(await adapter().send(chat(1102), reply)).toEqual({
      ok: false,
      permanent: true,
      reason: "Bad Request: chat not found",
    });
    h.fake.fail({ status: 403, description: "Forbidden: user is deactivated" }, { chatId: 1102 });
    expect(await adapter().send(chat(1102), reply)).toEqual({
      ok: false,
      permanent: true,
      reason: "Forbidden: user is deactivated",
    });
    h.fake.fail({ status: 429, retryAfter: 7 }, { chatId: 1102 });
    expect(await adapter().send(chat(1102), reply)).toMatchObject({ ok: false, permanent: false, retryAfterMs: 7000 });
    h.fake.fail({ status: 503 }, { chatId: 1102 });
    expect(await adapter().send(chat(1102), reply)).toMatchObject({ ok: false, permanent: false });
    expect(await adapter().send(chat(1102), reply)).toMatchObject({ ok: true });
  });
});
