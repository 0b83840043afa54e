// The nightly retention job: a year after a conversation, what the person wrote and what the bot
// answered is gone from the copy an officer hands over; notices keep their delivery record for the
// reports, without their words, until that record too has aged out; nothing waiting is touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createI18n, type I18n } from "../../src/core/i18n.ts";
import { copyChatData } from "../../src/features/privacy/chatData.ts";
import { pruneHistory } from "../../src/features/privacy/retention.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const DAY = 86_400_000;
const now = new Date("2026-12-06T20:45:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const settings = loadConfig({ CHAT_HISTORY_DAYS: "365", DELIVERY_RECORD_DAYS: "400" });

let db: TestDatabase;
let world: World;
let i18n: I18n;
let identityId: string;

const reply = (text: string) => ({ text: [{ key: "broadcasts:message", params: { text } }] });

beforeAll(async () => {
  db = await createTestDatabase();
  i18n = await createI18n();
  world = await seedWorld(db.prisma);
  const identity = await db.prisma.chatIdentity.create({
    data: {
      channel: "TELEGRAM",
      platformUserId: "9001",
      beneficiaryId: world.people.dao,
      linkedAt: ago(500),
      consentAt: ago(500),
    },
  });
  identityId = identity.id;
  await db.prisma.chatLink.create({
    data: { identityId, beneficiaryId: world.people.dao, role: "SELF", via: "LINK_CODE" },
  });
  const said = (id: string, text: string, at: Date, processed: boolean) =>
    db.prisma.inboundMessage.create({
      data: {
        channel: "TELEGRAM",
        platformMessageId: id,
        identityId,
        kind: "text",
        text,
        payload: { kind: "text", text },
        receivedAt: at,
        processedAt: processed ? at : null,
      },
    });
  await said("1", "tiền tháng trước bao nhiêu", ago(370), true);
  await said("2", "bao giờ nhận tiền tháng này", ago(20), true);
  // Stored but never answered (the service was down): it is still to be answered.
  await said("3", "cho tôi hỏi lịch nhận", ago(370), false);
  const sent = (kind: "REPLY" | "NOTIFICATION", text: string, at: Date, status: "SENT" | "QUEUED" = "SENT") =>
    db.prisma.outboundMessage.create({
      data: {
        channel: "TELEGRAM",
        identityId,
        kind,
        priority: kind === "REPLY" ? 100 : 10,
        reply: reply(text),
        status,
        createdAt: at,
        sentAt: status === "SENT" ? at : null,
        beneficiaryId: world.people.dao,
        noticeKey: kind === "NOTIFICATION" ? `notice:PAID:${text}` : null,
      },
    });
  await sent("REPLY", "một năm trước: 1.250.000 đ", ago(370));
  await sent("REPLY", "tháng này: ngày 10", ago(20));
  await sent("NOTIFICATION", "đã nhận tháng 11 năm ngoái", ago(380));
  await sent("NOTIFICATION", "đã nhận tháng 10 năm kia", ago(420));
  await sent("NOTIFICATION", "chờ gửi", ago(380), "QUEUED");
});
afterAll(async () => {
  await db?.destroy();
});

describe("the chat history retention", () => {
  it("removes what was said and answered more than CHAT_HISTORY_DAYS ago from the person's copy, keeping the recent conversation", async () => {
    const summary = await pruneHistory(db.prisma, settings, now);
    expect(summary).toEqual({ inbound: 1, replies: 1, erased: 1, records: 1 });
    const copy = await copyChatData(db.prisma, i18n, world.people.dao, now);
    const texts = JSON.stringify(copy?.chats[0]?.messages ?? []);
    expect(texts).toContain("bao giờ nhận tiền tháng này");
    expect(texts).toContain("tháng này: ngày 10");
    expect(texts).not.toContain("tiền tháng trước bao nhiêu");
    expect(texts).not.toContain("một năm trước");
    expect(texts).not.toContain("đã nhận tháng 11 năm ngoái");
  });

  it("keeps a year-old notice's delivery record, without its words, and drops records older than DELIVERY_RECORD_DAYS", async () => {
    const notices = await db.prisma.outboundMessage.findMany({
      where: { identityId, kind: "NOTIFICATION" },
      orderBy: { createdAt: "asc" },
    });
    expect(notices.map((n) => [n.noticeKey, n.status])).toEqual([
      ["notice:PAID:đã nhận tháng 11 năm ngoái", "SENT"],
      ["notice:PAID:chờ gửi", "QUEUED"],
    ]);
    expect(notices[0]?.reply).toEqual({ erased: true });
    expect(notices[1]?.reply).toEqual(reply("chờ gửi"));
  });

  it("never touches a message still waiting to be answered, and a second run finds nothing more", async () => {
    expect(await db.prisma.inboundMessage.count({ where: { identityId, processedAt: null } })).toBe(1);
    expect(await pruneHistory(db.prisma, settings, now)).toEqual({ inbound: 0, replies: 0, erased: 0, records: 0 });
  });
});
