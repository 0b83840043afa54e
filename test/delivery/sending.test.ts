// Notices leave through the delivery engine against a fake Bot API that refuses like Telegram
// does (429 with retry_after, 403, 5xx) and a fake ZNS/SMS gateway: every message ends in exactly
// one final state, nobody gets a notice twice, nobody is dropped without a reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { noticeStatuses, queueNotices, seedRecipients } from "./world.ts";

let db: TestDatabase;
let phones: FakePhoneGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  phones = await startFakePhoneGateway();
});

afterAll(async () => {
  await phones?.close();
  await db?.destroy();
});

const env = (extra: Record<string, string> = {}) => ({
  QUIET_HOURS: "off",
  TELEGRAM_RATE_PER_SECOND: "50",
  SMS_GATEWAY_URL: phones.smsUrl,
  SMS_GATEWAY_TOKEN: phones.smsToken,
  ...extra,
});

/** Drains until nothing is queued for the tag (retries wait out their backoff in real time). */
async function sendAll(h: TelegramHarness, tag: string): Promise<void> {
  for (let round = 0; round < 100; round++) {
    await h.settle();
    const left = await h.prisma.outboundMessage.count({
      where: { noticeKey: { startsWith: `test:${tag}:` }, status: { in: ["QUEUED", "SENDING"] } },
    });
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("notices still queued");
}

describe("a payout notice to many people through Telegram", () => {
  let fake: FakeTelegramApi;
  let h: TelegramHarness;

  beforeAll(async () => {
    fake = await startFakeTelegramApi();
    h = await startTelegramHarness({ db, fake, env: env() });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it("reaches everyone once, sends a refused message again only after the 429's wait, and sends blocked people an SMS instead", async () => {
    const people = await seedRecipients(h.prisma, 30);
    const blocked = people.slice(0, 4);
    const flaky = people.slice(4, 7);
    const optedOut = people[7]!;
    for (const p of blocked) fake.block(p.chatId!);
    for (const p of flaky) fake.fail({ status: 502 }, { chatId: p.chatId! });
    await h.prisma.chatIdentity.update({ where: { id: optedOut.identityId! }, data: { notificationsOff: true } });
    fake.fail({ status: 429, retryAfter: 1 }, { chatId: people[12]!.chatId! });

    await queueNotices(h.prisma, people, "many");
    await sendAll(h, "many");

    // Every row in a final state, with a reason where it did not go.
    const rows = await h.prisma.outboundMessage.findMany({ where: { noticeKey: { startsWith: "test:many:" } } });
    expect(rows.every((r) => ["SENT", "FAILED", "SKIPPED"].includes(r.status))).toBe(true);
    expect(rows.filter((r) => r.status !== "SENT").every((r) => r.failureReason)).toBe(true);

    // Nobody twice; everyone who can be reached by chat got exactly one message.
    for (const p of people.slice(4)) {
      expect(fake.sentMessages(p.chatId!)).toHaveLength(p === optedOut ? 0 : 1);
    }
    expect(rows.find((r) => r.identityId === optedOut.identityId)).toMatchObject({
      status: "SKIPPED",
      failureReason: "opted_out",
    });

    // Blocked: marked unreachable, not retried, and reached on their phone instead.
    for (const p of blocked) {
      expect(fake.callsTo("sendMessage").filter((c) => String(c.body.chat_id) === String(p.chatId))).toHaveLength(1);
      expect(await h.prisma.chatIdentity.findUniqueOrThrow({ where: { id: p.identityId! } })).toMatchObject({
        reachable: false,
      });
      const sms = phones.delivered.filter((m) => m.via === "SMS" && m.phone === `84${p.phone!.slice(1)}`);
      expect(sms).toHaveLength(1);
      expect(sms[0]!.text).not.toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }

    // The refused message went again only once the retry_after Telegram asked for had passed: its
    // second try can only follow the bot reading the 429, so the gap is a floor, whatever the
    // machine's speed (how long sending takes is measured by `npm run bench -- notify`).
    const calls = fake.callsTo("sendMessage");
    const refused = calls.find((c) => c.status === 429)!;
    const again = calls.find((c) => c !== refused && String(c.body.chat_id) === String(refused.body.chat_id));
    expect(calls.indexOf(again!)).toBeGreaterThan(calls.indexOf(refused));
    expect(again!.at - refused.at).toBeGreaterThanOrEqual(1000);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
  });
  it("writes a result the database refused once (a deadlock under load) on the next try: each notice sent once and marked sent", async () => {
    const people = await seedRecipients(h.prisma, 6);
    // The first "sent" write for these notices fails the way a deadlock does; later ones pass.
    await h.prisma.$executeRawUnsafe(`CREATE SEQUENCE refuse_sent_once`);
    await h.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_sent_once() RETURNS trigger AS $$ BEGIN
        IF NEW.status = 'SENT' AND OLD.status = 'SENDING' AND NEW."noticeKey" LIKE 'test:refused:%' AND nextval('refuse_sent_once') = 1 THEN
          RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await h.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_sent_once BEFORE UPDATE ON "OutboundMessage" FOR EACH ROW EXECUTE FUNCTION refuse_sent_once()`,
    );
    try {
      await queueNotices(h.prisma, people, "refused");
      await sendAll(h, "refused");
      const refusals = await h.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT last_value AS n FROM refuse_sent_once`);
      expect(Number(refusals[0]!.n)).toBeGreaterThanOrEqual(1);
      expect(await noticeStatuses(h.prisma, "refused")).toEqual({ SENT: 6 });
      for (const p of people) expect(fake.sentMessages(p.chatId!)).toHaveLength(1);
    } finally {
      await h.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_sent_once ON "OutboundMessage"`);
      await h.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_sent_once()`);
      await h.prisma.$executeRawUnsafe(`DROP SEQUENCE refuse_sent_once`);
    }
  });
});

describe("two instances sending at once", () => {
  it("never exceed the bot's rate together, and the bulk is sent by one elected instance", async () => {
    const fake = await startFakeTelegramApi();
    // The platform refuses above 20 a second; each instance is set a little under it, as operators do:
    // two instances that each kept their own count would send up to 36.
    fake.rateLimit({ perSecond: 20 });
    const a = await startTelegramHarness({ db, fake, env: env({ TELEGRAM_RATE_PER_SECOND: "18" }) });
    const b = await startTelegramHarness({ db, fake, env: env({ TELEGRAM_RATE_PER_SECOND: "18" }) });
    try {
      const people = await seedRecipients(a.prisma, 50);
      await queueNotices(a.prisma, people, "two");
      // People chatting with both instances meanwhile: their replies share the same budget.
      await Promise.all([a.post(fake.updates.text(990_001, "/start")), b.post(fake.updates.text(990_002, "/start"))]);
      await Promise.all([a.settle(), b.settle()]);
      await Promise.all([sendAll(a, "two"), sendAll(b, "two")]);

      expect(fake.callsTo("sendMessage").filter((c) => c.status === 429)).toHaveLength(0);
      for (const p of people) expect(fake.sentMessages(p.chatId!)).toHaveLength(1);
      expect(fake.sentMessages(990_001).length).toBeGreaterThan(0);
      expect(fake.sentMessages(990_002).length).toBeGreaterThan(0);
      const senders = await a.prisma.outboundMessage.groupBy({
        by: ["claimedBy"],
        where: { noticeKey: { startsWith: "test:two:" } },
        _count: true,
      });
      expect(senders).toHaveLength(1);
      expect(await noticeStatuses(a.prisma, "two")).toEqual({ SENT: 50 });
    } finally {
      await a.close();
      await b.close();
      await fake.close();
    }
  });
});

describe("replies and notices", () => {
  let fake: FakeTelegramApi;
  let h: TelegramHarness;
  // Its own database: the fake numbers its updates from 1 again, and a stored update is not answered twice.
  let own: TestDatabase;

  beforeAll(async () => {
    fake = await startFakeTelegramApi();
    own = await createTestDatabase();
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await own?.destroy();
  });

  it("a person chatting is answered before a long run of notices finishes", async () => {
    h = await startTelegramHarness({ db: own, fake, env: env({ TELEGRAM_RATE_PER_SECOND: "20" }) });
    const people = await seedRecipients(h.prisma, 40);
    await queueNotices(h.prisma, people, "busy");
    h.runtime.outbox.kick();
    await fake.waitFor("sendMessage", { count: 3 });
    await h.post(fake.updates.text(991_001, "/start"));
    const [reply] = await fake.waitForMessages(991_001, 1);
    const replyCall = fake.calls.find((c) => String(c.body.chat_id) === "991001" && c.status === 200)!;
    await fake.waitFor("sendMessage", { count: 40 + 2, timeoutMs: 10_000 });
    expect(reply).toBeDefined();
    const noticeCalls = fake.calls.filter((c) => people.some((p) => String(p.chatId) === String(c.body.chat_id)));
    // Before the notices were done (they take two seconds at 20 a second): the fake's calls are in
    // the order it received them.
    expect(fake.calls.indexOf(replyCall)).toBeLessThan(fake.calls.indexOf(noticeCalls.at(-1)!));
  });

  it("notices wait out the quiet hours while replies go at once", async () => {
    await h.close();
    // Quiet from an hour ago to an hour from now, Vietnam time.
    const vn = (offsetMin: number) => {
      const d = new Date(Date.now() + 7 * 3_600_000 + offsetMin * 60_000);
      return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    };
    h = await startTelegramHarness({ db: own, fake, env: env({ QUIET_HOURS: `${vn(-60)}-${vn(60)}` }) });
    const people = await seedRecipients(h.prisma, 3);
    await queueNotices(h.prisma, people, "night");
    await h.post(fake.updates.text(991_002, "/start"));
    await h.settle();
    expect(fake.sentMessages(991_002).length).toBeGreaterThan(0);
    expect(await noticeStatuses(h.prisma, "night")).toEqual({ QUEUED: 3 });
    for (const p of people) expect(fake.sentMessages(p.chatId!)).toHaveLength(0);

    h.clock.advance(62 * 60_000);
    await sendAll(h, "night");
    expect(await noticeStatuses(h.prisma, "night")).toEqual({ SENT: 3 });
  });
});

describe("people with only a phone", () => {
  it("get a ZNS template message, then SMS when they have no Zalo or the day's ZNS quota is used", async () => {
    const fake = await startFakeTelegramApi();
    const h = await startTelegramHarness({
      db,
      fake,
      env: env({
        ZALO_APP_ID: "fake-app",
        ZALO_OA_SECRET_KEY: "fake-oa-secret",
        ZALO_ACCESS_TOKEN: phones.accessToken,
        ZNS_API_ROOT: phones.znsRoot,
        ZNS_TEMPLATES: JSON.stringify({
          "notices:reminder": { templateId: "7001", params: { customer_name: "name" } },
        }),
        ZNS_DAILY_QUOTA: "2",
      }),
    });
    try {
      const people = await seedRecipients(h.prisma, 5, { withChat: () => false });
      phones.notOnZalo(`84${people[0]!.phone!.slice(1)}`);
      await queueNotices(h.prisma, people, "phone", "ZNS");
      await sendAll(h, "phone");

      const got = (p: (typeof people)[number]) => phones.delivered.filter((m) => m.phone === `84${p.phone!.slice(1)}`);
      for (const p of people) expect(got(p)).toHaveLength(1);
      const zns = phones.delivered.filter((m) => m.via === "ZNS" && people.some((p) => got(p).includes(m)));
      expect(zns).toHaveLength(2);
      expect(zns[0]).toMatchObject({
        templateId: "7001",
        data: { customer_name: expect.stringMatching(/^Người Nhận \d$/) },
      });
      expect(got(people[0]!)[0]!.via).toBe("SMS");
      const quota = await h.prisma.senderQuota.findMany({ where: { sender: "ZNS" } });
      expect(quota[0]).toMatchObject({ used: 2 });
      const statuses = await noticeStatuses(h.prisma, "phone");
      // Five ZNS rows (two sent, three handed on) and three SMS rows, all final.
      expect(statuses).toEqual({ SENT: 5, FAILED: 3 });
    } finally {
      await h.close();
      await fake.close();
    }
  });
});
