import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { linkChat, notices, payoutOf, plan, seedPayoutWorld, type PayoutWorld } from "./noticeWorld.ts";

// 10:00 in Vietnam: outside the quiet hours.
const JULY_15 = "2026-07-15T03:00:00Z";
// What officers type into a place's name and address: quotes, a backslash, an apostrophe, braces,
// a tab and a character outside the basic plane. A page's messages travel to the database as one
// document, and each of these is a character that document must carry as it is.
const NAME = 'Nhà văn hóa "Thôn 3" \\ khu {B}';
const ADDRESS = "Ngõ 5/2\tđường Lê Lợi, xã Hòa An's 🏠";

describe("payout notices: the place is said exactly as the officer typed it", () => {
  let db: TestDatabase;
  let world: PayoutWorld;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    await db.prisma.payoutPoint.updateMany({
      where: { name: world.pointName },
      data: { name: NAME, address: ADDRESS },
    });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("carries quotes, backslashes, tabs and emoji into the stored message unchanged", async () => {
    const chat = await linkChat(db.prisma, world.dao);
    await plan(db.prisma, JULY_15);
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    const [msg] = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(msg?.identityId).toBe(chat);
    expect(msg?.reply.text.find((t) => t.key === "payouts:next.place")?.params).toEqual({
      place: NAME,
      address: ADDRESS,
    });
    expect(msg?.reply.text[0]?.params).toMatchObject({ place: NAME, address: ADDRESS });
  });
});
