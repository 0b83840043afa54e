// Topics that always need a person open a ticket by themselves, after the bot's own answer: money
// not come after the payout day, a scam that has happened, a death, a complaint. A chat with an
// open ticket keeps that one ticket, made more urgent when needed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor } from "../chat/fixtures.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "../chat/harness.ts";
import { seedPayoutWorld, type PayoutWorld } from "../chat/payoutWorld.ts";

const NOTICE = ["hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"];
const flat = (replies: Reply[]) => keys(replies).flat();
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("a ticket opened by the topic itself", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  // Wednesday 15 July 2026, 10:00 in Vietnam: the hotline is open.
  let h: Harness;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    h = createHarness(db.prisma);
    // Bình is paid at home: June paid, July's payout on the 20th.
    const period = (month: string) => db.prisma.payoutPeriod.findFirstOrThrow({ where: { month: day(month) } });
    const home = {
      beneficiaryId: world.binh,
      amount: 500_000,
      method: "CASH_HOME" as const,
      windowStart: "08:00",
      windowEnd: "16:00",
    };
    await db.prisma.payout.create({
      data: {
        ...home,
        periodId: (await period("2026-06-01")).id,
        scheduledDate: day("2026-06-20"),
        status: "PAID",
        paidAt: new Date("2026-06-20T03:00:00Z"),
      },
    });
    await db.prisma.payout.create({
      data: { ...home, periodId: (await period("2026-07-01")).id, scheduledDate: day("2026-07-20") },
    });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function linked(harness: Harness, id: string, beneficiaryId: string): Promise<Person> {
    const p = harness.person(id);
    await p.send(await codeFor(db.prisma, world, beneficiaryId, harness.clock.now()));
    await p.press("role:self");
    await p.press("consent:yes");
    return p;
  }

  async function tickets(p: Person) {
    return db.prisma.hotlineTicket.findMany({
      where: { identityId: await p.identityId() },
      include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });
  }

  async function onlyTicket(p: Person) {
    const all = await tickets(p);
    expect(all).toHaveLength(1);
    const [t] = all;
    if (!t) throw new Error("no ticket");
    return t;
  }

  describe("money not come", () => {
    it("before the payout day tells the day, with a person one press away, and opens nothing", async () => {
      const binh = await linked(h, "web-auto-binh", world.binh);
      const replies = await binh.send("chưa thấy tiền");
      expect(keys(replies)).toEqual([
        ["payouts:now.notDue", "payouts:next.homeDate", "payouts:next.window", "payouts:next.homeStay"],
      ]);
      expect(replies[0]?.text[1]?.params).toMatchObject({ date: { date: "2026-07-20" } });
      expect(buttons(replies)).toEqual(["pay:next", "menu", "hotline"]);
      expect(await tickets(binh)).toEqual([]);
    });

    it("after the payout day passed unpaid opens an urgent ticket by itself, asked without diacritics", async () => {
      // Tuesday 21 July, 10:00: the 20th has passed and July is still not paid.
      const later = createHarness(db.prisma, new Date("2026-07-21T03:00:00Z"));
      const binh = later.person("web-auto-binh");
      const replies = await binh.send("tien chua ve");
      // Brought home on the 20th, and nothing reported since: it should have come.
      expect(flat(replies)).toContain("payouts:now.pendingHome");
      expect(keys(replies).at(-1)).toEqual(["hotline:chat.why.payout_missing", ...NOTICE]);
      // The answer no longer offers to call a person: one has been called.
      expect(
        replies
          .flatMap((r) => r.buttons ?? [])
          .flat()
          .map((b) => b.data),
      ).not.toContain("hotline");
      const ticket = await onlyTicket(binh);
      expect(ticket).toMatchObject({
        topic: "payout_missing",
        priority: "URGENT",
        status: "NEW",
        beneficiaryId: world.binh,
        communeId: world.communeId,
      });
      expect(replies.at(-1)?.text[1]?.params).toEqual({ number: ticket.number });
      expect(replies.at(-1)?.text[2]?.params).toEqual({ time: "11:00", date: { date: "2026-07-21" } });

      // The person can keep writing to the agent.
      expect(keys(await binh.send("tôi ở nhà cả ngày hôm qua"))).toEqual([["hotline:chat.added"]]);
      expect((await onlyTicket(binh)).messages.map((m) => m.text)).toEqual(["tôi ở nhà cả ngày hôm qua"]);
    });

    it("opens one for a transfer that failed", async () => {
      const ba = await linked(h, "web-auto-ba", world.ba);
      const replies = await ba.send("tháng này tôi chưa nhận được tiền");
      expect(flat(replies)).toContain("payouts:todo.failed");
      expect(keys(replies).at(-1)).toEqual(["hotline:chat.why.payout_missing", ...NOTICE]);
      expect(await onlyTicket(ba)).toMatchObject({
        topic: "payout_missing",
        priority: "URGENT",
        beneficiaryId: world.ba,
      });
    });
  });

  describe("suspected fraud", () => {
    it("only warns, with the button, when the person asks whether a call is a scam", async () => {
      const p = h.person("web-auto-scam-question");
      const replies = await p.send("cuộc gọi này có phải lừa đảo không");
      expect(keys(replies)[0]?.slice(0, 2)).toEqual(["chat:scam.rule", "chat:scam.communeNever"]);
      expect(buttons(replies)).toEqual(["scam:more", "hl:esc:fraud", "menu"]);
      expect(await tickets(p)).toEqual([]);
    });

    it("warns first, then opens an urgent ticket with the words, for a scam that has happened", async () => {
      const p = h.person("web-auto-scam-report");
      const words = "co nguoi goi xin ma OTP, toi da doc cho ho roi";
      const replies = await p.send(words);
      expect(keys(replies)[0]?.[0]).toBe("chat:scam.rule");
      expect(keys(replies).at(-1)).toEqual(["hotline:chat.why.fraud", ...NOTICE]);
      // Someone not linked gets a ticket too: the chat is all there is to go on.
      const ticket = await onlyTicket(p);
      expect(ticket).toMatchObject({ topic: "fraud", priority: "URGENT", beneficiaryId: null, communeId: null });
      expect(ticket.messages.map((m) => [m.author, m.text])).toEqual([["PERSON", words]]);
    });
  });

  describe("a complaint", () => {
    it.each([
      ["web-auto-complaint", "Tôi muốn khiếu nại cán bộ xã"],
      ["web-auto-complaint-plain", "toi rat buc xuc vi xa lam sai"],
    ])("opens a complaint ticket, not a general one (%s)", async (id, words) => {
      const p = h.person(id);
      const replies = await p.send(words);
      expect(keys(replies)).toEqual([["hotline:chat.why.complaint", ...NOTICE]]);
      expect(await onlyTicket(p)).toMatchObject({ topic: "complaint", priority: "HIGH" });
    });

    it("is answered in English too, and out of hours says when the hotline opens", async () => {
      // Saturday 18 July, 20:00 in Vietnam.
      const weekend = createHarness(db.prisma, new Date("2026-07-18T13:00:00Z"));
      const p = weekend.person("web-auto-complaint-en");
      await p.press("lang:en");
      const replies = await p.send("I want to make a complaint about the commune office");
      expect(keys(replies)).toEqual([
        ["hotline:chat.why.complaint", "hotline:chat.opened", "hotline:chat.closedNow", "hotline:chat.addMore"],
      ]);
      expect(replies[0]?.text[2]?.params).toEqual({ time: "08:30", date: { date: "2026-07-20" } });
      expect(await onlyTicket(p)).toMatchObject({ topic: "complaint" });
      const identity = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await p.identityId() } });
      expect(identity.locale).toBe("en");
      const t = (await createI18n()).t("en");
      expect(t("hotline:chat.why.complaint")).toBe(
        "I am sorry about this. Your complaint will be looked at carefully.",
      );
    });

    it("reports a scam told in English as fraud", async () => {
      const p = h.person("web-auto-scam-en");
      await p.press("lang:en");
      const replies = await p.send("Someone called and asked me for my OTP");
      expect(keys(replies)[0]?.[0]).toBe("chat:scam.rule");
      expect(await onlyTicket(p)).toMatchObject({ topic: "fraud", priority: "URGENT" });
    });
  });

  describe("a death", () => {
    it("tells someone not linked about funeral support, then opens a ticket so a person follows up", async () => {
      const p = h.person("web-auto-death");
      const replies = await p.send("bà tôi mất rồi");
      expect(keys(replies)).toEqual([
        ["chat:death.sorry", "chat:death.funeralBtxh", "chat:death.funeralNcc", "chat:death.how", "chat:death.bring"],
        ["hotline:chat.why.death", ...NOTICE],
      ]);
      expect(await onlyTicket(p)).toMatchObject({ topic: "death", priority: "HIGH", beneficiaryId: null });
    });

    it("tells a linked chat first, opens a ticket, and the report to the commune goes on when the family is ready", async () => {
      const dao = await linked(h, "web-auto-death-dao", world.dao);
      const replies = await dao.send("ba toi mat roi");
      // A person linked for social assistance: that programme's support only.
      expect(keys(replies)[0]).toEqual([
        "chat:death.sorry",
        "chat:death.funeralBtxh",
        "chat:death.how",
        "chat:death.bring",
      ]);
      expect(keys(replies).at(-1)).toEqual(["hotline:chat.why.death", ...NOTICE]);
      expect(await onlyTicket(dao)).toMatchObject({ topic: "death", beneficiaryId: world.dao });
      expect(keys(await dao.press("death:report"))[0]).toContain("requests:change.askDeathDate");
      // The date is an answer to the report's question, and the agent sees it too.
      expect(keys(await dao.send("10/7/2026"))[0]).toContain("requests:change.summaryDeath");
      expect((await onlyTicket(dao)).messages.at(-1)).toMatchObject({ author: "PERSON", text: "10/7/2026" });
    });
  });

  describe("a chat that already has an open ticket", () => {
    it("answers a scam report, files it into the same ticket and makes the ticket urgent", async () => {
      const p = h.person("web-auto-open");
      await p.press("hotline");
      expect(await onlyTicket(p)).toMatchObject({ topic: "talk_to_human", priority: "NORMAL" });
      const replies = await p.send("có người lấy mất tiền trợ cấp của tôi");
      expect(keys(replies)[0]?.[0]).toBe("chat:scam.rule");
      expect(keys(replies).at(-1)).toEqual([
        "hotline:chat.why.fraud",
        "hotline:chat.alreadyOpen",
        "hotline:chat.dueBy",
        "hotline:chat.addMore",
      ]);
      const ticket = await onlyTicket(p);
      expect(ticket).toMatchObject({ topic: "fraud", priority: "URGENT" });
      expect(ticket.messages.map((m) => m.text)).toEqual(["có người lấy mất tiền trợ cấp của tôi"]);
    });

    it("keeps the more urgent topic when a complaint follows", async () => {
      const p = h.person("web-auto-open");
      expect(keys(await p.send("tôi không hài lòng")).at(-1)?.[1]).toBe("hotline:chat.alreadyOpen");
      const ticket = await onlyTicket(p);
      expect(ticket).toMatchObject({ topic: "fraud", priority: "URGENT" });
      expect(ticket.messages.map((m) => m.text)).toEqual([
        "có người lấy mất tiền trợ cấp của tôi",
        "tôi không hài lòng",
      ]);
    });
  });
});
