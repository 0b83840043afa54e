// Long polling (development mode): updates come from the fake server's getUpdates queue.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTelegramHarness, type TelegramHarness } from "./telegramHarness.ts";

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness({ mode: "polling" });
});

afterAll(async () => {
  await h?.close();
});

describe("Telegram in polling mode", () => {
  it("removes any webhook, keeping the updates that wait, and serves no webhook route", async () => {
    expect(h.fake.callsTo("deleteWebhook").map((c) => c.body.drop_pending_updates)).toEqual([false]);
    const res = await fetch(`${h.url}/channels/telegram/webhook`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });

  it("answers a message it fetched with getUpdates, and confirms it with the next offset", async () => {
    const update = h.fake.updates.text(2001, "/start");
    h.fake.pushUpdate(update);
    const messages = await h.fake.waitForMessages(2001, 2);
    expect(messages.some((m) => m.buttons.length > 0)).toBe(true);
    // The next poll carries the offset past it: Telegram forgets the update only now it is stored.
    h.fake.pushUpdate(h.fake.updates.text(2001, "menu"));
    await h.fake.waitForMessages(2001, 3);
    expect(h.fake.callsTo("getUpdates").some((p) => p.body.offset === update.update_id + 1)).toBe(true);
  });

  it("keeps polling after Telegram answers a poll with a server error", async () => {
    h.fake.fail({ status: 502 }, { method: "getUpdates" });
    // The waiting poll is answered by the next push; the failure hits the poll after it.
    h.fake.pushUpdate(h.fake.updates.text(2002, "/start"));
    await h.fake.waitForMessages(2002, 2);
    h.fake.pushUpdate(h.fake.updates.text(2003, "/start"));
    await h.fake.waitFor("getUpdates", { status: 502 });
    await h.fake.waitForMessages(2003, 2);
  });

  it("stops at once even while a long poll is waiting", async () => {
    // Telegram holds the poll for its timeout (30 s) when nothing comes; stopping must not wait for it.
    await vi.waitFor(() => expect(h.fake.pollHeld()).toBe(true), { timeout: 15_000 });
    const answered = h.fake.callsTo("getUpdates").length;
    await h.runtime.stop();
    // The bot hung up the waiting poll itself: Telegram never had to answer it.
    expect(h.fake.callsTo("getUpdates")).toHaveLength(answered);
    await vi.waitFor(() => expect(h.fake.pollHeld()).toBe(false), { timeout: 15_000 });
  });
});
