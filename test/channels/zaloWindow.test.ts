// Zalo's reply window through the real wire (OA help centre, article 64000261136): 8 free replies
// within 48 h of the person's last message, reset by each new message; beyond that a message is a
// paid proactive one. The fake Zalo bills each message by those rules; the bot must never spend
// beyond the budget without counting it, and notices outside the window go as a transaction
// message or to the phone, at once when Zalo refuses for window or quota.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbound } from "../../src/delivery/enqueue.ts";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { startFakeZaloApi, type FakeZaloApi } from "../fakes/zaloApi.ts";
import { reminderParams } from "../delivery/world.ts";
import { movableClock, startTestApp, type ChatTestApp } from "../helpers/app.ts";

let zalo: FakeZaloApi;
let phones: FakePhoneGateway;
let app: ChatTestApp;
let webhook: string;
let nextUser = 1;
const newUser = () => `95${String(nextUser++).padStart(16, "0")}`;

beforeAll(async () => {
  const clock = movableClock();
  zalo = await startFakeZaloApi({ now: () => clock.now() });
  phones = await startFakePhoneGateway();
  app = await startTestApp({
    chat: true,
    clock,
    env: {
      ...zalo.env(),
      QUIET_HOURS: "off",
      SMS_GATEWAY_URL: phones.smsUrl,
      SMS_GATEWAY_TOKEN: phones.smsToken,
      ZALO_TRANSACTION_TEMPLATES: JSON.stringify({
        "notices:reminder": {
          templateType: "transaction_event",
          header: "Nhắc lịch nhận tiền",
          table: { "Số tiền": "amount", Ngày: "date" },
        },
      }),
    },
  });
  webhook = `${app.url}/channels/zalo/webhook`;
});

afterAll(async () => {
  await app?.close();
  await phones?.close();
  await zalo?.close();
});

async function settled(): Promise<void> {
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
}

/** The person writes to the OA (and is answered). Returns the msg_id Zalo gave the message. */
async function writes(user: string, text: string): Promise<string> {
  const event = zalo.events.text(user, text);
  expect((await zalo.deliver(webhook, event)).status).toBe(200);
  await settled();
  const msgId = (event.message as { msg_id: string }).msg_id;
  return msgId;
}

async function identityOf(user: string) {
  return app.prisma.chatIdentity.findUniqueOrThrow({
    where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
  });
}

/** A beneficiary with a phone, linked to the Zalo chat, as the notice planner would find them. */
async function linkedWithPhone(user: string, phone: string): Promise<string> {
  const province = await app.prisma.province.create({
    data: { code: `Z${user.slice(-6)}`, name: `Tỉnh Zalo ${user.slice(-4)}` },
  });
  const commune = await app.prisma.commune.create({
    data: { code: `ZC${user.slice(-6)}`, name: "Xã Cửa Sổ", provinceId: province.id },
  });
  const personalId = `0011450${user.slice(-5)}`;
  const b = await app.prisma.beneficiary.create({
    data: {
      personalId,
      personalIdLast4: personalId.slice(-4),
      fullName: "Trần Thị Cúc",
      fullNameAscii: "tran thi cuc",
      dateOfBirth: new Date("1941-03-02"),
      sex: "FEMALE",
      communeId: commune.id,
      programme: "BTXH",
      phone,
    },
  });
  const identity = await identityOf(user);
  await app.prisma.chatIdentity.update({
    where: { id: identity.id },
    data: { beneficiaryId: b.id, linkedAt: new Date(), consentAt: new Date() },
  });
  await app.prisma.chatLink.create({
    data: { identityId: identity.id, beneficiaryId: b.id, role: "SELF", via: "LINK_CODE" },
  });
  return b.id;
}

async function queueNotice(user: string, beneficiaryId: string, key: string, tag: string): Promise<void> {
  const identity = await identityOf(user);
  await enqueueOutbound(app.prisma, [
    {
      kind: "NOTIFICATION",
      to: { identityId: identity.id, channel: "ZALO" },
      reply: {
        text: [{ key, params: reminderParams("Trần Thị Cúc") }],
        buttons: [[{ label: { key: "chat:button.nextPayout" }, data: "payout:next" }]],
      },
      noticeKey: `zw:${tag}`,
      beneficiaryId,
      dedupeKey: `zw:${tag}:${identity.id}`,
    },
  ]);
  await settled();
  await settled();
}

const noticeRows = (tag: string) =>
  app.prisma.outboundMessage.findMany({ where: { noticeKey: `zw:${tag}` }, orderBy: { createdAt: "asc" } });

describe("answers to a person on Zalo", () => {
  it("quote the person's message and are free; beyond 8 in the window they are sent and counted as paid", async () => {
    const user = newUser();
    const msgId = await writes(user, "xin chào");
    const first = zalo.messagesTo(user);
    expect(first).toMatchObject([{ kind: "cs", quoteMessageId: msgId, billing: "free" }]);

    // A hotline agent answers ten times before the person writes again.
    const identity = await identityOf(user);
    await enqueueOutbound(
      app.prisma,
      Array.from({ length: 10 }, (_, i) => ({
        kind: "HOTLINE" as const,
        to: { identityId: identity.id, channel: "ZALO" as const },
        reply: { text: [{ key: "chat:welcome" }] },
        dedupeKey: `zw:agent:${user}:${i}`,
      })),
    );
    for (let i = 0; i < 12; i++) await settled();
    const billed = zalo.messagesTo(user).map((m) => m.billing);
    expect(billed).toHaveLength(11);
    // Zalo counted 8 free replies (the first answer and seven of the agent's), then paid ones.
    expect(billed.filter((b) => b === "free")).toHaveLength(8);
    const window = await app.prisma.zaloWindow.findUniqueOrThrow({ where: { userId: user } });
    expect(window).toMatchObject({ freeReplies: 8, proactive: 3 });

    // The person writes again: the budget starts again.
    await writes(user, "cảm ơn");
    expect(zalo.messagesTo(user).at(-1)).toMatchObject({ billing: "free" });
    expect(await app.prisma.zaloWindow.findUniqueOrThrow({ where: { userId: user } })).toMatchObject({
      freeReplies: 1,
      proactive: 3,
    });
  });

  it("that Zalo accepted with an answer cut short are recorded as sent and not sent again", async () => {
    const user = newUser();
    zalo.garbleNextSends(1);
    await writes(user, "xin chào");
    await settled();
    expect(zalo.messagesTo(user)).toHaveLength(1);
    const rows = await app.prisma.outboundMessage.findMany({ where: { identity: { platformUserId: user } } });
    expect(rows.map((r) => r.status)).toEqual(["SENT"]);
  });
});

describe("a notice to a Zalo follower", () => {
  it("inside the window is a free consultation message quoting the person's last message", async () => {
    const user = newUser();
    const msgId = await writes(user, "lịch nhận tiền");
    const beneficiaryId = await linkedWithPhone(user, "0911000001");
    await queueNotice(user, beneficiaryId, "notices:reminder", "inside");
    expect(zalo.messagesTo(user).at(-1)).toMatchObject({ kind: "cs", billing: "free", quoteMessageId: msgId });
    expect((await noticeRows("inside")).map((r) => r.status)).toEqual(["SENT"]);
  });

  it("outside the window goes as a transaction message, with its header, table and buttons", async () => {
    const user = newUser();
    await writes(user, "xin chào");
    const beneficiaryId = await linkedWithPhone(user, "0911000002");
    app.clock.advance(49 * 3_600_000);
    await queueNotice(user, beneficiaryId, "notices:reminder", "outside");
    const sent = zalo.messagesTo(user).at(-1);
    expect(sent).toMatchObject({ kind: "transaction", billing: "transaction" });
    expect(sent?.text).toContain("Nhắc lịch nhận tiền");
    expect(sent?.text).toContain("Số tiền: 750.000 đ");
    expect(sent?.buttons.map((b) => [b.type, b.payload])).toEqual([["oa.query.hide", "#btn:payout:next"]]);
    expect((await noticeRows("outside")).map((r) => [r.channel, r.status])).toEqual([["ZALO", "SENT"]]);
  });

  it("outside the window, without a transaction template, goes to the phone at once and the chat stays open", async () => {
    const user = newUser();
    await writes(user, "xin chào");
    const beneficiaryId = await linkedWithPhone(user, "0911000003");
    app.clock.advance(49 * 3_600_000);
    const before = zalo.messagesTo(user).length;
    await queueNotice(user, beneficiaryId, "notices:paidCash", "notemplate");
    expect(zalo.messagesTo(user)).toHaveLength(before);
    expect((await noticeRows("notemplate")).map((r) => [r.channel, r.status, r.failureReason])).toEqual([
      ["ZALO", "FAILED", "zalo_outside_window"],
      ["SMS", "SENT", null],
    ]);
    expect(phones.delivered.filter((m) => m.phone === "84911000003")).toHaveLength(1);
    expect(await identityOf(user)).toMatchObject({ reachable: true });
  });

  it("refused by Zalo for quota goes to the phone at once, with one try", async () => {
    const user = newUser();
    await writes(user, "xin chào");
    const beneficiaryId = await linkedWithPhone(user, "0911000004");
    app.clock.advance(49 * 3_600_000);
    zalo.setTransactionQuota(0);
    try {
      await queueNotice(user, beneficiaryId, "notices:reminder", "quota");
    } finally {
      zalo.setTransactionQuota(1000);
    }
    expect(zalo.calls.filter((c) => c.endpoint === "transaction" && c.error === -211)).toHaveLength(1);
    expect((await noticeRows("quota")).map((r) => [r.channel, r.status, r.failureReason])).toEqual([
      ["ZALO", "FAILED", "zalo_quota"],
      ["SMS", "SENT", null],
    ]);
    expect(await identityOf(user)).toMatchObject({ reachable: true });
  });

  it("refused by Zalo as outside the window (-230) goes to the phone at once", async () => {
    const user = newUser();
    await writes(user, "xin chào");
    const beneficiaryId = await linkedWithPhone(user, "0911000005");
    zalo.failNextSends({ error: -230, message: "User has not interacted with the OA in the past 7 days" });
    await queueNotice(user, beneficiaryId, "notices:paidCash", "refused230");
    expect((await noticeRows("refused230")).map((r) => [r.channel, r.status, r.failureReason])).toEqual([
      ["ZALO", "FAILED", "zalo_outside_window"],
      ["SMS", "SENT", null],
    ]);
    // The free reply the refused message did not use is given back.
    expect(await app.prisma.zaloWindow.findUniqueOrThrow({ where: { userId: user } })).toMatchObject({
      freeReplies: 1,
    });
  });
});
