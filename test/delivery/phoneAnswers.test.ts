// ZNS and SMS through the real wire, against a fake gateway answering the way zalo.cloud's ZNS
// guide shows (numbers as strings, refusal codes): a delivered ZNS is never mistaken for a failure
// and sent again, and a phone that refuses ZNS gets its SMS at once, however long the ZNS queue is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbound, type OutboundDraft } from "../../src/delivery/enqueue.ts";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { queueNotices, reminderParams, seedRecipients } from "./world.ts";

let db: TestDatabase;
let phones: FakePhoneGateway;
let fake: FakeTelegramApi;
let h: TelegramHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  phones = await startFakePhoneGateway();
  fake = await startFakeTelegramApi();
  h = await startTelegramHarness({
    db,
    fake,
    env: {
      QUIET_HOURS: "off",
      SMS_GATEWAY_URL: phones.smsUrl,
      SMS_GATEWAY_TOKEN: phones.smsToken,
      ZALO_APP_ID: "fake-app",
      ZALO_OA_SECRET_KEY: "fake-oa-secret",
      ZALO_ACCESS_TOKEN: phones.accessToken,
      ZNS_API_ROOT: phones.znsRoot,
      ZNS_TEMPLATES: JSON.stringify({
        "notices:reminder": { templateId: "7001", params: { customer_name: "name", amount: "amount" } },
      }),
      ZNS_RATE_PER_SECOND: "10",
    },
  });
});

afterAll(async () => {
  await h?.close();
  await fake?.close();
  await phones?.close();
  await db?.destroy();
});

const intl = (phone: string) => `84${phone.slice(1)}`;
const rowsOf = (tag: string) =>
  h.prisma.outboundMessage.findMany({
    where: { noticeKey: { startsWith: `test:${tag}:` } },
    orderBy: { createdAt: "asc" },
  });

async function until<T>(check: () => Promise<T | null>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a ZNS message Zalo accepted", () => {
  it("with its quota written as strings is sent once, marked sent with Zalo's msg_id, and counted", async () => {
    const people = await seedRecipients(h.prisma, 3, { withChat: () => false });
    await queueNotices(h.prisma, people, "strings", "ZNS");
    const rows = await until(async () => {
      const r = await rowsOf("strings");
      return r.every((x) => x.status === "SENT") ? r : null;
    }, "the ZNS notices to be sent");
    for (const p of people) expect(phones.delivered.filter((m) => m.phone === intl(p.phone!))).toHaveLength(1);
    expect(rows.every((r) => r.channel === "ZNS" && /^zns\d+a8f3$/.test(r.platformMessageId ?? ""))).toBe(true);
    const quota = await h.prisma.senderQuota.findFirstOrThrow({ where: { sender: "ZNS" } });
    expect(quota.used).toBeGreaterThanOrEqual(3);
    // Zalo's "remainingQuota":"497" (a string) is what the day's count now says.
    expect(quota.remaining).toBe(500 - phones.delivered.filter((m) => m.via === "ZNS").length);
    // Nothing was handed to SMS: no ZNS was taken for a failure.
    expect(phones.delivered.filter((m) => m.via === "SMS" && people.some((p) => m.phone === intl(p.phone!)))).toEqual(
      [],
    );
  });

  it("whose answer cannot be read (a 2xx cut short) is recorded as sent and not sent again", async () => {
    const [person] = await seedRecipients(h.prisma, 1, { withChat: () => false });
    phones.garbleZnsAnswers(1);
    await queueNotices(h.prisma, [person!], "garbled", "ZNS");
    const [row] = await until(async () => {
      const r = await rowsOf("garbled");
      return r.every((x) => x.status === "SENT") ? r : null;
    }, "the garbled ZNS to be recorded");
    await new Promise((r) => setTimeout(r, 1500));
    expect(phones.calls.filter((c) => c.phone === intl(person!.phone!))).toHaveLength(1);
    expect(phones.delivered.filter((m) => m.phone === intl(person!.phone!))).toHaveLength(1);
    expect(row?.status).toBe("SENT");
  });
});

describe("a phone that refuses ZNS", () => {
  it.each([-114, -141, -108] as const)(
    "(%i) gets the notice by SMS after one ZNS try, while thousands of other ZNS notices still wait",
    async (code) => {
      const [person] = await seedRecipients(h.prisma, 1, { withChat: () => false });
      phones.refusesZns(intl(person!.phone!), code);
      const tag = `refuses${-code}`;
      await queueNotices(h.prisma, [person!], tag, "ZNS");
      // A province's run of notices queued behind it: 10 ZNS a second, minutes of work.
      const backlog: OutboundDraft[] = Array.from({ length: 2000 }, (_, i) => ({
        kind: "NOTIFICATION",
        to: { phone: `09${String(60_000_000 + -code * 10_000 + i)}`, channel: "ZNS" },
        reply: { text: [{ key: "notices:reminder", params: reminderParams(`Người Chờ ${i}`) }] },
        noticeKey: `backlog:${tag}:${i}`,
        dedupeKey: `backlog:${tag}:${i}`,
      }));
      await enqueueOutbound(h.prisma, backlog);
      try {
        await refusedThenSms(person!.phone!, code, tag);
      } finally {
        // The backlog is not what this case is about: it is ended so the next case starts clean.
        await h.prisma.outboundMessage.updateMany({
          where: { noticeKey: { startsWith: `backlog:${tag}:` }, status: "QUEUED" },
          data: { status: "SKIPPED", failureReason: "test_cleanup" },
        });
      }
    },
    120_000,
  );

  async function refusedThenSms(phone: string, code: number, tag: string): Promise<void> {
    const sms = await until(
      async () => phones.delivered.find((m) => m.via === "SMS" && m.phone === intl(phone)) ?? null,
      "the SMS",
    );
    // The reminder itself, without diacritics as the gateway is set to send.
    expect(sms.text).toContain("05/08/2026");
    // One ZNS try: the refusal was final.
    expect(phones.calls.filter((c) => c.via === "ZNS" && c.phone === intl(phone))).toEqual([
      { via: "ZNS", phone: intl(phone), status: 200, error: code },
    ]);
    const waiting = await h.prisma.outboundMessage.count({
      where: { noticeKey: { startsWith: `backlog:${tag}:` }, status: "QUEUED" },
    });
    expect(waiting).toBeGreaterThan(1000);
    // The gateway's answer is written a moment after the gateway has the message.
    await expect
      .poll(async () => (await rowsOf(tag)).map((r) => [r.channel, r.status, r.failureReason]), { timeout: 20_000 })
      .toEqual([
        ["ZNS", "FAILED", `zns_error_${code}`],
        ["SMS", "SENT", null],
      ]);
  }
});
