// Long polling against a Bot API that misbehaves the way networks make it: a getUpdates request
// that is never answered, and a server that answers every poll at once with nothing. The Bot API
// holds a poll at most its `timeout`; the client keeps its own deadline and never spins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramHarness, type TelegramHarness } from "./telegramHarness.ts";

let h: TelegramHarness;

beforeAll(async () => {
  h = await startTelegramHarness({
    mode: "polling",
    env: { TELEGRAM_POLL_TIMEOUT_SECONDS: "1", TELEGRAM_POLL_DEADLINE_GRACE_SECONDS: "1" },
  });
});

afterAll(async () => {
  await h?.close();
});

describe("long polling", () => {
  it("gives up a getUpdates that hangs and asks again, so a message waits one deadline, not for ever", async () => {
    await h.fake.waitFor("getUpdates", { count: 1 });
    h.fake.hangPolls(1);
    // Let the current poll end (its 1 s timeout) so the next one is the one that hangs.
    await new Promise((r) => setTimeout(r, 1200));
    h.fake.pushUpdate(h.fake.updates.text(5001, "/start"));
    const messages = await h.fake.waitForMessages(5001, 1, 20_000);
    expect(messages[0]?.text.length).toBeGreaterThan(0);
  });

  it("backs off when the server answers every poll at once with nothing, instead of spinning", async () => {
    h.fake.answerPollsAtOnce(true);
    const before = h.fake.callsTo("getUpdates").length;
    await new Promise((r) => setTimeout(r, 3000));
    const polls = h.fake.callsTo("getUpdates").length - before;
    h.fake.answerPollsAtOnce(false);
    // Without a pause a loop makes thousands of requests in 3 s; backing off from 1 s it makes a few.
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(6);
    h.fake.pushUpdate(h.fake.updates.text(5002, "/start"));
    await h.fake.waitForMessages(5002, 1, 40_000);
  });
});

describe("the fake Bot API, set up as Telegram's cloud", () => {
  it("refuses a webhook that is not HTTPS or not on port 443, 80, 88 or 8443, in Telegram's words", async () => {
    const { startFakeTelegramApi } = await import("../fakes/telegramApi.ts");
    const cloud = await startFakeTelegramApi({ cloud: true });
    try {
      const set = async (url: string) =>
        (
          await fetch(`${cloud.apiRoot}/bot${cloud.token}/setWebhook`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ url }),
          })
        ).json();
      expect(await set("http://ansinh.example.vn/hook")).toEqual({
        ok: false,
        error_code: 400,
        description: "Bad Request: bad webhook: HTTPS url must be provided for webhook",
      });
      expect(await set("https://ansinh.example.vn:3000/hook")).toEqual({
        ok: false,
        error_code: 400,
        description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
      });
      expect(await set("https://ansinh.example.vn:8443/hook")).toEqual({ ok: true, result: true });
    } finally {
      await cloud.close();
    }
  });
});
