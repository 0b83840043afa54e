// A beneficiary with a feature phone talks to the bot by SMS, over HTTP against the running app:
// the fake gateway posts what they send (signed) and receives what the bot answers. They confirm
// the number on record, ask when and how much with keywords and in free text without accents,
// reach a person, and stop notices; a forged post is refused and leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsParts, toGsm } from "../../src/channels/sms/smsText.ts";
import { enqueueOutbound } from "../../src/delivery/enqueue.ts";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createStaff, signIn, startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { postInboundSms, startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";

const SECRET = "a-shared-secret-of-the-sms-gateway";
let gateway: FakePhoneGateway;
let app: ChatTestApp;
let inbound: string;
let person: { id: string; phone: string; fullName: string; birthYear: number };
let intl: string;
let seq = 0;
let seen = 0;

beforeAll(async () => {
  gateway = await startFakePhoneGateway();
  app = await startTestApp({
    chat: true,
    env: {
      SMS_GATEWAY_URL: gateway.smsUrl,
      SMS_GATEWAY_TOKEN: gateway.smsToken,
      SMS_INBOUND_SECRET: SECRET,
      HOTLINE_PHONE: "1900 1234",
      // Notices go out whatever the hour the test runs at.
      QUIET_HOURS: "off",
    },
  });
  inbound = `${app.url}/channels/sms/inbound`;
  await ensureDemoData({
    prisma: app.prisma,
    log: createLogger({ level: "silent" }),
    clock: app.clock,
    seed: 1,
    count: 300,
  });
  const b = await app.prisma.beneficiary.findFirstOrThrow({
    where: {
      status: "ACTIVE",
      phone: { not: null },
      chatIdentities: { none: {} },
      payouts: { some: { status: "SCHEDULED" } },
    },
    orderBy: { personalId: "asc" },
  });
  // The number is this person's alone (demo numbers may repeat).
  await app.prisma.beneficiary.updateMany({ where: { phone: b.phone, id: { not: b.id } }, data: { phone: null } });
  await app.prisma.relative.updateMany({ where: { phone: b.phone }, data: { phone: null } });
  person = { id: b.id, phone: b.phone!, fullName: b.fullName, birthYear: b.dateOfBirth.getUTCFullYear() };
  intl = `84${person.phone.slice(1)}`;
});

afterAll(async () => {
  await app?.close();
  await gateway?.close();
});

/** The person sends an SMS; the gateway's post must be taken. */
async function send(text: string, from = intl): Promise<void> {
  const status = await postInboundSms(inbound, SECRET, { from, to: "8079", text, id: `gw-${++seq}` });
  expect(status).toBe(200);
}

/** The next SMS the gateway delivers to this phone. */
async function nextSms(phone = intl): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mine = gateway.delivered.filter((m) => m.via === "SMS" && m.phone === phone);
    if (mine.length > seen) {
      seen = mine.length;
      return mine.at(-1)!.text!;
    }
    if (Date.now() > deadline) throw new Error(`no SMS to ${phone}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function readableOnAFeaturePhone(text: string): void {
  expect(text).toBe(toGsm(text));
  expect(text).not.toMatch(/[ăâđêôơưĂÂĐÊÔƠƯàáảãạ]/);
  expect(smsParts(text)).toBeLessThanOrEqual(3);
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => `${toGsm(w).charAt(0).toUpperCase()}.`)
    .join("");

describe("two-way SMS for a feature phone", () => {
  it("refuses a post with a bad or missing signature and stores nothing", async () => {
    const before = await app.prisma.inboundMessage.count();
    const fields = { from: intl, text: "TIEN", id: "forged-1" };
    expect(await postInboundSms(inbound, SECRET, fields, { signature: "0".repeat(64) })).toBe(401);
    expect(await postInboundSms(inbound, "another-secret-entirely", fields)).toBe(401);
    expect(await postInboundSms(inbound, SECRET, fields, { signature: null })).toBe(401);
    expect(await postInboundSms(inbound, SECRET, {}, { rawBody: "{not json" })).toBe(400);
    expect(await postInboundSms(inbound, SECRET, { from: intl, text: "TIEN" })).toBe(400);
    expect(await app.prisma.inboundMessage.count()).toBe(before);
    expect(await app.prisma.chatIdentity.count({ where: { channel: "SMS" } })).toBe(0);
  });

  it("an unknown number gets a polite answer with the hotline", async () => {
    await send("TIEN", "84399999001");
    const answer = await nextSms("84399999001");
    seen = 0;
    readableOnAFeaturePhone(answer);
    expect(answer).toContain("chua co trong ho so");
    expect(answer).toContain("1900 1234");
  });

  it("links by the number on record with the year of birth", async () => {
    await send("TIEN");
    const ask = await nextSms();
    readableOnAFeaturePhone(ask);
    expect(ask).toContain(initials(person.fullName));
    expect(ask).not.toContain(toGsm(person.fullName));
    expect(ask).toContain("NAM SINH");

    await send(String(person.birthYear === 1950 ? 1951 : 1950));
    expect(await nextSms()).toContain("chua dung");

    await send(String(person.birthYear));
    const done = await nextSms();
    readableOnAFeaturePhone(done);
    expect(done).toContain("Da xac nhan");
    for (const word of ["TIEN", "SOTIEN", "NGUOI", "HUY", "HD"]) expect(done).toContain(`${word}:`);
    const identity = await app.prisma.chatIdentity.findFirstOrThrow({
      where: { channel: "SMS", platformUserId: person.phone },
      include: { links: true },
    });
    expect(identity.links.map((l) => [l.beneficiaryId, l.role])).toEqual([[person.id, "SELF"]]);
  });

  it("answers TIEN, SOTIEN and free text without accents, within three parts", async () => {
    const next = await app.prisma.payout.findFirstOrThrow({
      where: { beneficiaryId: person.id, status: "SCHEDULED" },
      orderBy: { period: { month: "asc" } },
    });
    const amount = next.amount.toLocaleString("de-DE");
    // The notice of this period's payout may come first, right after linking.
    await app.runtime.outbox.drain();
    seen = gateway.delivered.filter((m) => m.via === "SMS" && m.phone === intl).length;

    await send("tien");
    const when = await nextSms();
    readableOnAFeaturePhone(when);
    expect(when).toMatch(/\d{2}\/\d{2}\/\d{4}|thang \d+/);
    expect(when).toMatch(/\n1\. /);

    await send("Số tiền");
    const much = await nextSms();
    readableOnAFeaturePhone(much);
    expect(much).toContain(amount);

    await send("bao nhieu tien thang nay vay");
    const free = await nextSms();
    readableOnAFeaturePhone(free);
    expect(free).toContain(amount);
  });

  it("the same gateway message twice is answered once", async () => {
    const fields = { from: intl, text: "SOTIEN", id: "gw-twice" };
    expect(await postInboundSms(inbound, SECRET, fields)).toBe(200);
    expect(await postInboundSms(inbound, SECRET, fields, { form: true })).toBe(200);
    await nextSms();
    await app.runtime.engine.settle();
    await app.runtime.outbox.drain();
    expect(await app.prisma.inboundMessage.count({ where: { channel: "SMS", platformMessageId: "gw-twice" } })).toBe(1);
    expect(gateway.delivered.filter((m) => m.via === "SMS" && m.phone === intl).length).toBe(seen);
  });

  it("an answer the gateway refuses for a while (429, 5xx) still arrives", async () => {
    gateway.failSms(429);
    gateway.failSms(503);
    await send("HD");
    const help = await nextSms();
    expect(help).toContain("TIEN:");
    expect(gateway.calls.filter((c) => c.via === "SMS" && c.phone === intl && c.status !== 200).length).toBe(2);
  });

  it("NGUOI reaches a person: a ticket the hotline sees", async () => {
    await send("NGUOI");
    const answer = await nextSms();
    readableOnAFeaturePhone(answer);
    const identity = await app.prisma.chatIdentity.findFirstOrThrow({
      where: { channel: "SMS", platformUserId: person.phone },
    });
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({ where: { identityId: identity.id } });
    expect(ticket.beneficiaryId).toBe(person.id);
    expect(answer).toContain(String(ticket.number));

    // The hotline agent of the person's province opens it in the console.
    const { commune } = await app.prisma.beneficiary.findUniqueOrThrow({
      where: { id: person.id },
      include: { commune: { include: { province: true } } },
    });
    await createStaff(app.prisma, {
      username: "tongdai.sms",
      password: "mat-khau-tong-dai-sms-1",
      role: "HOTLINE_AGENT",
      fullName: "Nguyễn Thị Hoa",
      provinceCodes: [commune.province.code],
    });
    const agent = await signIn(app.url, "tongdai.sms", "mat-khau-tong-dai-sms-1");
    const page = await fetch(`${app.url}/console/hotline/${ticket.number}`, { headers: { cookie: agent.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(commune.name);
  });

  it("CHUANHAN about money recorded as paid to someone else opens an urgent ticket", async () => {
    // The commune's list says a Mr Trần Văn Lộc collected this month's money for the person.
    const payout = await app.prisma.payout.findFirstOrThrow({
      where: { beneficiaryId: person.id },
      orderBy: { period: { month: "desc" } },
    });
    await app.prisma.payout.update({
      where: { id: payout.id },
      data: { status: "PAID", paidAt: app.clock.now(), receivedBy: "Trần Văn Lộc" },
    });
    await send("chua nhan");
    const answer = await nextSms();
    readableOnAFeaturePhone(answer);
    const report = await app.prisma.nonReceiptReport.findFirstOrThrow({ where: { payoutId: payout.id } });
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({
      where: { beneficiaryId: person.id, topic: "payout_missing" },
    });
    expect(ticket).toMatchObject({ priority: "URGENT" });
    expect(report.channel).toBe("SMS");
    expect(answer).toContain(String(ticket.number));
  });

  it("HUY stops notices; DK starts them again", async () => {
    await send("HUY");
    const off = await nextSms();
    readableOnAFeaturePhone(off);
    const identity = await app.prisma.chatIdentity.findFirstOrThrow({
      where: { channel: "SMS", platformUserId: person.phone },
    });
    expect(identity.notificationsOff).toBe(true);

    await enqueueOutbound(app.prisma, [
      {
        kind: "NOTIFICATION",
        to: { identityId: identity.id, channel: "SMS" },
        reply: { text: [{ key: "channels:sms.plain", params: { text: "Thong bao thu" } }] },
        beneficiaryId: person.id,
        noticeKey: "test-notice-after-huy",
      },
    ]);
    await app.runtime.outbox.drain();
    const row = await app.prisma.outboundMessage.findFirstOrThrow({ where: { noticeKey: "test-notice-after-huy" } });
    expect([row.status, row.failureReason]).toEqual(["SKIPPED", "opted_out"]);
    expect(gateway.delivered.some((m) => m.text?.includes("Thong bao thu"))).toBe(false);

    await send("DK");
    await nextSms();
    expect((await app.prisma.chatIdentity.findUniqueOrThrow({ where: { id: identity.id } })).notificationsOff).toBe(
      false,
    );
  });

  it("HUY from a number on record that never linked stops the notices sent to that phone", async () => {
    const other = await app.prisma.beneficiary.findFirstOrThrow({
      where: { status: "ACTIVE", phone: { not: null, notIn: [person.phone] }, chatIdentities: { none: {} } },
      orderBy: { personalId: "desc" },
    });
    const phone = other.phone!;
    const otherIntl = `84${phone.slice(1)}`;
    seen = 0;
    await send("Huỷ", otherIntl);
    const off = await nextSms(otherIntl);
    readableOnAFeaturePhone(off);

    await enqueueOutbound(app.prisma, [
      {
        kind: "NOTIFICATION",
        to: { phone, channel: "SMS" },
        reply: { text: [{ key: "channels:sms.plain", params: { text: "Thong bao qua so dien thoai" } }] },
        beneficiaryId: other.id,
        noticeKey: "test-phone-notice-after-huy",
      },
    ]);
    await app.runtime.outbox.drain();
    const row = await app.prisma.outboundMessage.findFirstOrThrow({
      where: { noticeKey: "test-phone-notice-after-huy" },
    });
    expect([row.status, row.failureReason]).toEqual(["SKIPPED", "opted_out"]);
    expect(gateway.delivered.some((m) => m.text?.includes("Thong bao qua so dien thoai"))).toBe(false);
  });
});
