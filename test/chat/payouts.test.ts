import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor } from "./fixtures.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "./harness.ts";
import { DAO_MONTHLY, seedPayoutWorld, type PayoutWorld } from "./payoutWorld.ts";

/** Every paragraph of every reply, in order. */
const texts = (replies: Reply[]) => replies.flatMap((r) => r.text);
const paragraph = (replies: Reply[], key: string) => texts(replies).find((t) => t.key === key);

describe("payout answers in the chat, through the engine", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let h: Harness;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    h = createHarness(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function linked(name: string, beneficiaryId: string, role: "role:self" | "role:rel"): Promise<Person> {
    const p = h.person(name);
    await p.send(await codeFor(db.prisma, world, beneficiaryId, h.clock.now()));
    await p.press(role);
    await p.press("consent:yes");
    return p;
  }

  it("tells an older person paid in cash the day, the hours and the place, asked without diacritics", async () => {
    const dao = await linked("web-pay-dao", world.dao, "role:self");
    const replies = await dao.send("bao gio co tien");
    expect(paragraph(replies, "payouts:whose")).toBeUndefined();
    // The payout has no day of its own: the commune's schedule gives it.
    expect(paragraph(replies, "payouts:next.cashDate")?.params).toMatchObject({ date: { date: "2026-08-05" } });
    expect(paragraph(replies, "payouts:next.window")?.params).toEqual({ start: "07:30", end: "11:00" });
    expect(paragraph(replies, "payouts:next.place")?.params).toEqual({
      place: world.pointName,
      address: world.pointAddress,
    });
    expect(paragraph(replies, "payouts:next.amount")?.params).toEqual({ amount: { vnd: 3 * DAO_MONTHLY } });
    expect(paragraph(replies, "payouts:next.carried")?.params).toMatchObject({ amount: { vnd: 2 * DAO_MONTHLY } });
    expect(buttons(replies)).toContain("docs");
  });

  it("tells a person paid by bank the bank and only the last digits of the account", async () => {
    const ba = await linked("web-pay-ba", world.ba, "role:self");
    const replies = await ba.press("pay:next");
    expect(paragraph(replies, "payouts:next.transfer")?.params).toMatchObject({
      date: { date: "2026-08-05" },
      provider: "Vietcombank",
      account: "••••6789",
    });
    // July's transfer failed: that comes first, it is the news.
    expect(keys(replies)[0]?.[0]).toBe("payouts:now.failed");
    expect(JSON.stringify(replies)).not.toContain("0071000123456789");
    expect(buttons(replies)).not.toContain("docs");
  });

  it("shows a relative the payout of the person they represent, and names that person", async () => {
    const hoa = await linked("web-pay-hoa", world.dao, "role:rel");
    const replies = await hoa.press("pay:next");
    // Her mother by honorific and given name, in the wording for a relative.
    expect(texts(replies)[0]).toEqual({
      key: "payouts:next.cashDate",
      params: { title: { key: "chat:elder.female" }, name: "Đào", date: { date: "2026-08-05" }, context: "relative" },
    });
  });

  it("lists the last months with what to do about money not collected", async () => {
    const dao = await linked("web-pay-history", world.dao, "role:self");
    const replies = await dao.press("pay:history");
    const lines = texts(replies).filter((t) => t.key === "payouts:history.line");
    expect(lines.map((l) => [l.params?.month, l.params?.status])).toEqual([
      [7, { key: "payouts:status.CARRIED_OVER" }],
      [6, { key: "payouts:status.CARRIED_OVER" }],
      [5, { key: "payouts:status.PAID" }],
    ]);
    expect(texts(replies).filter((t) => t.key === "payouts:todo.carriedOver")).toHaveLength(2);
    expect(paragraph(replies, "payouts:todo.receivedBy")?.params).toEqual({ name: "Lê Thị Hoa" });
    // Two months running: "may be suspended" after three.
    expect(paragraph(replies, "payouts:missed.streak")?.params).toMatchObject({ count: 2 });
  });

  it("says what to do about a failed transfer, with the reason given", async () => {
    const ba = await linked("web-pay-failed", world.ba, "role:self");
    const replies = await ba.press("pay:history");
    expect(keys(replies)[0]).toEqual(expect.arrayContaining(["payouts:todo.failed", "payouts:todo.reason"]));
    expect(paragraph(replies, "payouts:todo.reason")?.params).toEqual({ reason: "Tài khoản đã bị khóa" });
    expect(paragraph(replies, "payouts:missed.streak")).toBeUndefined();
  });

  it("answers 'chưa thấy tiền' with what happened to the latest money: not collected at the point, so it carries over", async () => {
    const dao = await linked("web-pay-missing", world.dao, "role:self");
    const replies = await dao.send("chưa thấy tiền");
    // The 3-month suspension rule is said for her social-assistance allowance.
    expect(keys(replies)).toEqual([
      ["payouts:now.uncollected", "payouts:todo.uncollected", "payouts:missed.suspendAssistance"],
    ]);
    // Cash not collected at the point is not missing money: nobody is called.
    expect(await db.prisma.hotlineTicket.count({ where: { identityId: await dao.identityId() } })).toBe(0);
  });

  it("calls a person for a failed transfer asked about", async () => {
    const ba = await linked("web-pay-missing-ba", world.ba, "role:self");
    const replies = await ba.send("chưa nhận được tiền tháng này");
    expect(keys(replies)[0]).toEqual(["payouts:now.failed", "payouts:todo.reason", "payouts:todo.failed"]);
    expect(keys(replies)[1]?.[0]).toBe("hotline:chat.why.payout_missing");
  });

  it("shows the amount with a button that explains it", async () => {
    const dao = await linked("web-pay-why", world.dao, "role:self");
    const amount = await dao.press("pay:amount");
    expect(paragraph(amount, "payouts:amount.next")?.params).toMatchObject({
      month: 8,
      year: 2026,
      amount: { vnd: 3 * DAO_MONTHLY },
    });
    expect(buttons(amount)).toEqual(["why:2026-08-01", "pay:next", "menu", "hotline"]);
    const why = await dao.press("why:2026-08-01");
    const explained = keys(why).flat();
    expect(explained.some((k) => k.startsWith("entitlements:explain"))).toBe(true);
    // The rule and the numbers: 500,000 × 2.0 = 1,000,000.
    expect(JSON.stringify(why)).toContain(`{"vnd":${DAO_MONTHLY}}`);
    expect(buttons(why)).toContain("menu");
  });

  it("answers 'sao tiền tăng' with the explanation of the coming payout", async () => {
    const dao = await linked("web-pay-why-text", world.dao, "role:self");
    const why = await dao.send("sao tiền tháng này tăng vậy");
    expect(
      keys(why)
        .flat()
        .some((k) => k.startsWith("entitlements:explain")),
    ).toBe(true);
  });

  it("gives someone not linked the general rules and the ways to link", async () => {
    const p = h.person("web-pay-unlinked");
    const replies = await p.send("bao giờ có tiền");
    expect(keys(replies)).toEqual([["payouts:general.monthly", "payouts:general.ways", "payouts:general.link"]]);
    expect(buttons(replies)).toEqual(["link:code", "link:id", "menu", "hotline"]);
    expect(keys(await p.press("pay:history"))[0]).toContain("payouts:general.link");
  });

  it("offers payout buttons in the menu of a linked chat and the guide in the menu of a new one", async () => {
    const dao = await linked("web-pay-menu", world.dao, "role:self");
    expect(buttons(await dao.send("menu"))).toEqual([
      "pay:next",
      "pay:amount",
      "pay:missing",
      "rq:menu",
      "hotline",
      "lang:en",
      "more",
    ]);
    expect(buttons(await h.person("web-pay-menu-new").send("menu"))).toEqual([
      "link:code",
      "link:id",
      "elig",
      "rq:auth",
      "hotline",
      "lang:en",
      "more",
    ]);
  });
});
