import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply as replySchema, type Reply } from "../../src/core/reply.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor } from "../chat/fixtures.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "../chat/harness.ts";
import { notices, payoutOf, plan, seedPayoutWorld, type PayoutWorld } from "./noticeWorld.ts";

describe("turning payout notices off and on from the chat", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let h: Harness;
  let dao: Person;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    h = createHarness(db.prisma);
    dao = h.person("web-notices-dao");
    await dao.send(await codeFor(db.prisma, world, world.dao, h.clock.now()));
    await dao.press("role:self");
    await dao.press("consent:yes");
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** The bot's answers to one message (notices queued for the same chat are left out). */
  async function answers(act: () => Promise<unknown>): Promise<Reply[]> {
    const where = { identityId: await dao.identityId(), kind: "REPLY" as const };
    const before = await db.prisma.outboundMessage.count({ where });
    await act();
    const rows = await db.prisma.outboundMessage.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: before,
    });
    return rows.map((r) => replySchema.parse(r.reply));
  }

  /** The buttons under every answer (the information comes in two messages). */
  const allButtons = (replies: Reply[]) => replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.data));

  it("shows in the person's information that notices are on, with the button to turn them off", async () => {
    const replies = await answers(() => dao.press("me"));
    expect(keys(replies).flat()).toContain("notices:state.on");
    expect(allButtons(replies)).toContain("notif:off");
  });

  it("typing “tat thong bao” turns them off, says how to turn them back on, and skips the notices already queued", async () => {
    await plan(db.prisma, "2026-07-15T03:00:00Z");
    const identityId = await dao.identityId();
    const queued = (await notices(db.prisma, { beneficiaryId: world.dao })).filter((m) => m.identityId === identityId);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((m) => m.status === "QUEUED")).toBe(true);

    const replies = await answers(() => dao.send("tat thong bao"));
    expect(keys(replies)).toEqual([["notices:optOut.off", "notices:optOut.howBack"]]);
    expect(buttons(replies)).toEqual(["notif:on", "menu", "hotline"]);
    const after = await db.prisma.outboundMessage.findMany({ where: { id: { in: queued.map((m) => m.id) } } });
    expect(after.map((m) => [m.status, m.failureReason])).toEqual(queued.map(() => ["SKIPPED", "opted_out"]));
    expect((await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: identityId } })).notificationsOff).toBe(true);
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "chat.notifications.off", entityId: identityId },
    });
    expect(audit?.actor).toBe(`chat:${identityId}`);
  });

  it("writes later notices already skipped, and shows the state as off", async () => {
    const identityId = await dao.identityId();
    await plan(db.prisma, "2026-08-03T01:00:00Z");
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    const [reminder] = await notices(db.prisma, { noticeKey: `notice:REMINDER:${aug}` });
    expect([reminder?.identityId, reminder?.status, reminder?.failureReason]).toEqual([
      identityId,
      "SKIPPED",
      "opted_out",
    ]);
    const replies = await answers(() => dao.press("me"));
    expect(keys(replies).flat()).toContain("notices:state.off");
    expect(allButtons(replies)).toContain("notif:on");
  });

  it("the “Bật thông báo” button turns them back on; the next notice is queued again", async () => {
    const replies = await answers(() => dao.press("notif:on"));
    expect(keys(replies)).toEqual([["notices:optOut.on"]]);
    await db.prisma.payout.update({
      where: { id: await payoutOf(db.prisma, world.dao, "2026-08-01") },
      data: { status: "PAID", paidAt: new Date("2026-08-05T02:00:00Z") },
    });
    await plan(db.prisma, "2026-08-05T03:00:00Z");
    const [paid] = await notices(db.prisma, {
      noticeKey: `notice:PAID:${await payoutOf(db.prisma, world.dao, "2026-08-01")}`,
    });
    expect(paid?.status).toBe("QUEUED");
  });

  it("works with diacritics and in the middle of another question, which is asked again", async () => {
    await dao.press("link:id");
    const replies = await answers(() => dao.send("Tắt thông báo"));
    expect(keys(replies)[0]).toEqual(["notices:optOut.off", "notices:optOut.howBack"]);
    expect(replies).toHaveLength(2);
    expect(
      (await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await dao.identityId() } })).notificationsOff,
    ).toBe(true);
  });
});
