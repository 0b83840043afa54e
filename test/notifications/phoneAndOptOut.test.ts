import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { linkChat, notices, payoutOf, plan, seedPayoutWorld, type PayoutWorld } from "./noticeWorld.ts";

const JULY_15 = "2026-07-15T03:00:00Z";
const SMS = { SMS_GATEWAY_URL: "http://sms.example.test/send" };
// An approved template for the person's own SCHEDULED notice only.
const ZNS = {
  ...SMS,
  ZNS_TEMPLATES: JSON.stringify({
    "notices:scheduledCash": { templateId: "123", params: { ten: "name", ngay: "date", so_tien: "amount" } },
  }),
  ZALO_APP_ID: "app",
  ZALO_OA_SECRET_KEY: "secret",
};

describe("payout notices for people without a usable chat", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let aug: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
  });
  afterEach(async () => {
    await db?.destroy();
  });

  const recipients = async (payoutId: string, kind: "SCHEDULED" | "UNCOLLECTED" = "SCHEDULED") =>
    (await db.prisma.payoutNotice.findUniqueOrThrow({ where: { payoutId_kind: { payoutId, kind } } })).recipients;

  it("sends one SMS to the authorised relative's phone when nobody has a chat", async () => {
    await db.prisma.relative.update({ where: { id: world.hoa }, data: { phone: "0977000111" } });
    await plan(db.prisma, JULY_15, SMS);
    const sent = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(sent.map((m) => [m.channel, m.phone, m.identityId, m.status])).toEqual([
      ["SMS", "0977000111", null, "QUEUED"],
    ]);
    expect(sent[0]?.dedupeKey).toBe(`notice:SCHEDULED:${aug}:0977000111`);
    expect(sent[0]?.reply.text[0]?.key).toBe("notices:scheduledCashForRelative");
    expect(await recipients(aug)).toBe(1);
  });

  it("uses the person's own phone when no authorisation is valid on the payout day, by ZNS where Zalo has the notice's template", async () => {
    await db.prisma.relative.update({ where: { id: world.hoa }, data: { phone: "0977000111" } });
    await db.prisma.authorisation.update({ where: { id: world.authorisationId }, data: { status: "REVOKED" } });
    // A chat that blocked the bot is no path.
    await linkChat(db.prisma, world.dao, { channel: "TELEGRAM", reachable: false });
    await plan(db.prisma, JULY_15, ZNS);
    const sent = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(sent.map((m) => [m.channel, m.phone])).toEqual([["ZNS", "0912345678"]]);
    expect(sent[0]?.reply.text[0]?.key).toBe("notices:scheduledCash");
    // No approved template for the uncollected notice: it goes by SMS.
    const july = await notices(db.prisma, {
      noticeKey: `notice:UNCOLLECTED:${await payoutOf(db.prisma, world.dao, "2026-07-01")}`,
    });
    expect(july.map((m) => [m.channel, m.phone])).toEqual([["SMS", "0912345678"]]);
  });

  it("writes no message when no phone channel is configured, or there is no phone: the notice counts nobody", async () => {
    await plan(db.prisma, JULY_15);
    expect(await notices(db.prisma, { beneficiaryId: world.dao })).toEqual([]);
    expect(await recipients(aug)).toBe(0);
    const ba = await payoutOf(db.prisma, world.ba, "2026-08-01");
    expect(await recipients(ba)).toBe(0);
  });

  it("writes the notice already skipped for a chat that turned notices off, and sends no SMS instead", async () => {
    const off = await linkChat(db.prisma, world.dao, { notificationsOff: true });
    await linkChat(db.prisma, world.dao, { consent: false });
    await plan(db.prisma, JULY_15, SMS);
    const sent = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(sent.map((m) => [m.identityId, m.status, m.failureReason])).toEqual([[off, "SKIPPED", "opted_out"]]);
    expect(await recipients(aug)).toBe(0);
  });
});
