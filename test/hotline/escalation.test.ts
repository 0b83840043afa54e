// A person asks for a human in the chat: the ticket, what they are told, and that every message
// they write while it is open reaches the agent, even one left unanswered by a crash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply as replySchema, type Reply } from "../../src/core/reply.ts";
import { applyTicketAction } from "../../src/features/hotline/ticketActions.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor } from "../chat/fixtures.ts";
import { createHarness, keys, type Harness, type Person } from "../chat/harness.ts";
import { seedPayoutWorld, type PayoutWorld } from "../chat/payoutWorld.ts";

const params = (replies: Reply[]) => replies.flatMap((r) => r.text).map((t) => t.params);

describe("escalation from the chat to the hotline", () => {
  let db: TestDatabase;
  let h: Harness;
  let world: PayoutWorld;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    // Wednesday 15 July 2026, 10:00 in Vietnam: the hotline is open.
    h = createHarness(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function linked(id: string, beneficiaryId: string): Promise<Person> {
    const p = h.person(id);
    await p.send(await codeFor(db.prisma, world, beneficiaryId, h.clock.now()));
    await p.press("role:self");
    await p.press("consent:yes");
    return p;
  }

  async function ticketOf(p: Person) {
    return db.prisma.hotlineTicket.findFirstOrThrow({
      where: { identityId: await p.identityId() },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
  }

  it("gives an 86-year-old who presses 'Cần người giúp' a ticket number, the answer time, and puts them first", async () => {
    const dao = await linked("web-hl-dao", world.dao);
    const replies = await dao.press("hotline");
    expect(keys(replies)).toEqual([["hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"]]);
    const ticket = await ticketOf(dao);
    expect(params(replies)[0]).toEqual({ number: ticket.number });
    // Asked at 10:00 with an hour to answer.
    expect(params(replies)[1]).toEqual({ time: "11:00", date: { date: "2026-07-15" } });
    expect(ticket).toMatchObject({
      topic: "talk_to_human",
      priority: "HIGH",
      status: "NEW",
      beneficiaryId: world.dao,
      communeId: world.communeId,
    });
  });

  it("puts everything the person writes while the ticket is open into it, and menus still work", async () => {
    const dao = h.person("web-hl-dao");
    const number = (await ticketOf(dao)).number;
    expect(keys(await dao.send("tôi muốn hỏi thêm về hồ sơ"))).toEqual([["hotline:chat.added"]]);
    expect(params(await dao.send("tôi ở thôn 3"))).toEqual([{ number }]);
    expect(keys(await dao.press("menu"))[0]?.[0]).toMatch(/^chat:menu/);
    const texts = (await ticketOf(dao)).messages.filter((m) => m.author === "PERSON").map((m) => m.text);
    expect(texts).toEqual(["tôi muốn hỏi thêm về hồ sơ", "tôi ở thôn 3"]);
  });

  it("keeps a walkthrough going while the ticket is open, and still files what the person types", async () => {
    const dao = h.person("web-hl-dao");
    await dao.press("elig");
    const replies = await dao.send("80");
    expect(keys(replies).flat()).not.toContain("hotline:chat.added");
    expect((await ticketOf(dao)).messages.at(-1)).toMatchObject({ author: "PERSON", text: "80" });
    await dao.press("menu");
  });

  it("does not open a second ticket when the person asks again", async () => {
    const dao = h.person("web-hl-dao");
    expect(keys(await dao.press("hotline"))[0]).toEqual([
      "hotline:chat.alreadyOpen",
      "hotline:chat.dueBy",
      "hotline:chat.addMore",
    ]);
    expect(await db.prisma.hotlineTicket.count({ where: { identityId: await dao.identityId() } })).toBe(1);
  });

  it("files a message stored before a crash into the ticket when processing resumes", async () => {
    const dao = h.person("web-hl-dao");
    const identityId = await dao.identityId();
    // Stored by the webhook, then the instance died before answering it.
    await db.prisma.inboundMessage.create({
      data: {
        channel: "WEB",
        platformMessageId: "crash-1",
        identityId,
        kind: "text",
        text: "bác sĩ bảo tôi nằm viện",
        payload: { kind: "text", text: "bác sĩ bảo tôi nằm viện" },
        receivedAt: h.clock.now(),
      },
    });
    expect(await h.engine.recover()).toBe(1);
    const last = (await ticketOf(dao)).messages.at(-1);
    expect(last).toMatchObject({ author: "PERSON", text: "bác sĩ bảo tôi nằm viện" });
  });

  it("brings a ticket that waited for the person back to the agent when they answer", async () => {
    const dao = h.person("web-hl-dao");
    const ticket = await ticketOf(dao);
    const agent = await db.prisma.staffUser.create({
      data: { username: "hl-agent", fullName: "Tổng đài viên Mai", passwordHash: "x", role: "HOTLINE_AGENT" },
    });
    const staff = {
      id: agent.id,
      username: agent.username,
      fullName: agent.fullName,
      role: agent.role,
      communeIds: null,
    };
    expect(
      await applyTicketAction(
        db.prisma,
        staff,
        ticket.number,
        { kind: "reply", text: "Bác ở thôn nào ạ?" },
        h.clock.now(),
        null,
      ),
    ).toEqual({ ok: true });
    expect((await ticketOf(dao)).status).toBe("WAITING_FOR_PERSON");
    await dao.send("thôn 3 ạ");
    expect(await ticketOf(dao)).toMatchObject({ status: "ASSIGNED", assigneeId: agent.id });

    expect(
      await applyTicketAction(
        db.prisma,
        staff,
        ticket.number,
        { kind: "resolve", outcome: "Đã trả lời" },
        h.clock.now(),
        null,
      ),
    ).toEqual({ ok: true });
    // The agent's answer and, after resolution, the satisfaction question go out through the delivery engine.
    const queued = await db.prisma.outboundMessage.findMany({
      where: { identityId: await dao.identityId(), kind: "HOTLINE" },
      orderBy: { createdAt: "asc" },
    });
    expect(queued.map((m) => keys([replySchema.parse(m.reply)])[0])).toEqual([
      ["hotline:chat.staffReply"],
      ["hotline:chat.resolved", "hotline:chat.rateAsk"],
    ]);
    expect(queued[0]?.ticketMessageId).not.toBeNull();
    await dao.press(`hl:rate:${ticket.number}:3`);
    // Queued rows carry the database's time and this chat's clock is in July: read the last direct reply.
    const thanks = await db.prisma.outboundMessage.findFirstOrThrow({
      where: { identityId: await dao.identityId(), kind: "REPLY" },
      orderBy: { createdAt: "desc" },
    });
    expect(keys([replySchema.parse(thanks.reply)])).toEqual([["hotline:chat.rated"]]);
    expect((await ticketOf(dao)).satisfaction).toBe(3);
  });

  it("tells someone writing on a Saturday that the hotline is closed and when they will be answered", async () => {
    const sat = createHarness(db.prisma, new Date("2026-07-18T13:00:00Z"));
    const replies = await sat.person("web-hl-weekend").send("tôi muốn gặp nhân viên");
    expect(keys(replies)).toEqual([["hotline:chat.opened", "hotline:chat.closedNow", "hotline:chat.addMore"]]);
    // Monday opens at 07:30; an hour of working time later.
    expect(params(replies)[1]).toEqual({ time: "08:30", date: { date: "2026-07-20" } });
  });

  it("asks a person about a scam whether they want an agent, and treats it as urgent", async () => {
    const p = h.person("web-hl-scam");
    const replies = await p.press("hl:esc:fraud");
    expect(keys(replies)[0]?.[0]).toBe("hotline:chat.opened");
    expect((await ticketOf(p)).priority).toBe("URGENT");
  });
});
