import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor, seedChatWorld, type ChatWorld } from "./fixtures.ts";
import { buttons, createHarness, keys, type Harness } from "./harness.ts";

describe("linking a chat with a printed code, through the engine", () => {
  let db: TestDatabase;
  let world: ChatWorld;
  let h: Harness;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedChatWorld(db.prisma);
    h = createHarness(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("links the person themself after consent, uses the code up, and audits it", async () => {
    const code = await codeFor(db.prisma, world, world.dao, h.clock.now());
    const dao = h.person("web-dao");
    expect(keys(await dao.send({ kind: "start" }))).toEqual([["chat:welcome"], ["chat:menu.unlinked"]]);
    expect(keys(await dao.press("link:code"))).toEqual([["chat:code.ask", "chat:code.example"]]);
    // Typed the way people type it: lower case, a space instead of the dash.
    const found = await dao.send(code.toLowerCase().replace("-", " "));
    expect(found[0]?.text[0]).toEqual({
      key: "chat:code.found",
      params: { title: { key: "chat:title.female" }, name: "Nguyễn Thị Đào" },
    });
    // The two roles, and a person one tap away.
    expect(buttons(found)).toEqual(["role:self", "role:rel", "hotline"]);
    expect(keys(await dao.press("role:self"))).toEqual([
      ["chat:consent.what", "chat:consent.why", "chat:consent.withdraw", "chat:consent.ask"],
    ]);
    const linked = await dao.press("consent:yes");
    // Done, the one safety rule, and the menu's buttons under the same bubble.
    expect(keys(linked)).toEqual([["chat:linked.self", "chat:help.safety"]]);
    expect(buttons(linked)).toContain("pay:next");

    const identityId = await dao.identityId();
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { id: identityId },
      include: { links: true },
    });
    expect(identity.beneficiaryId).toBe(world.dao);
    expect(identity.consentAt).toEqual(h.clock.now());
    expect(identity.links).toMatchObject([{ beneficiaryId: world.dao, role: "SELF", via: "LINK_CODE" }]);
    const stored = await db.prisma.linkCode.findFirstOrThrow({ where: { beneficiaryId: world.dao } });
    expect(stored.usedAt).not.toBeNull();
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "chat.link", entityId: world.dao } });
    expect(audit.actor).toBe(`chat:${identityId}`);
    expect(audit.detail).toMatchObject({ role: "SELF", via: "LINK_CODE" });

    // Their information shows the ID masked only.
    const me = await dao.press("me");
    expect(me[0]?.text.map((t) => t.params)).toContainEqual({ id: "••••••••3456" });
    expect(JSON.stringify(me)).not.toContain("001140123456");
  });

  it("links a relative as the person's representative", async () => {
    const code = await codeFor(db.prisma, world, world.ba, h.clock.now());
    const nephew = h.person("web-nephew");
    await nephew.press("link:code");
    await nephew.send(code);
    await nephew.press("role:rel");
    const linked = await nephew.press("consent:yes");
    // Told as the relative, about "bác Ba".
    expect(linked[0]?.text[0]).toEqual({
      key: "chat:linked.representative",
      params: { title: { key: "chat:elder.male" }, name: "Ba", context: "relative" },
    });
    expect(buttons(linked)).toContain("pay:next");
    const link = await db.prisma.chatLink.findFirstOrThrow({ where: { identityId: await nephew.identityId() } });
    expect(link).toMatchObject({ beneficiaryId: world.ba, role: "REPRESENTATIVE", via: "LINK_CODE" });
  });

  it("redeems the code a /start deep link carries", async () => {
    const code = await codeFor(db.prisma, world, world.binh, h.clock.now());
    const binh = h.person("web-binh-deeplink");
    const replies = await binh.send({ kind: "start", payload: code.replace("-", "") });
    expect(keys(replies)).toEqual([["chat:welcome"], ["chat:code.found", "chat:role.ask"]]);
  });

  it("stores nothing when consent is declined, and the code still works afterwards", async () => {
    const code = await codeFor(db.prisma, world, world.binh, h.clock.now());
    const binh = h.person("web-binh-declines");
    await binh.send(code);
    await binh.press("role:self");
    const declined = await binh.press("consent:no");
    expect(keys(declined)).toEqual([["chat:consent.declinedCode"]]);
    expect(buttons(declined)).toContain("link:code");
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { id: await binh.identityId() },
      include: { links: true },
    });
    expect(identity).toMatchObject({ beneficiaryId: null, consentAt: null, links: [] });
    expect(await db.prisma.linkCode.count({ where: { beneficiaryId: world.binh, usedAt: { not: null } } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "chat.link", entityId: world.binh } })).toBe(0);
  });

  it("links only one of two chats racing for the same code", async () => {
    const code = await codeFor(db.prisma, world, world.binh, h.clock.now());
    const first = h.person("web-race-1");
    const second = h.person("web-race-2");
    for (const p of [first, second]) {
      await p.send(code);
      await p.press("role:self");
    }
    expect(keys(await first.press("consent:yes"))[0]).toEqual(["chat:linked.self", "chat:help.safety"]);
    expect(keys(await second.press("consent:yes"))).toEqual([["chat:code.alreadyUsed"]]);
    expect(await db.prisma.chatLink.count({ where: { beneficiaryId: world.binh } })).toBe(1);
  });

  it("answers a wrong code kindly and counts it: the sixth try in the window is refused", async () => {
    const guesser = h.person("web-guesser");
    await guesser.press("link:code");
    for (let i = 0; i < 5; i++) {
      const wrong = await guesser.send("ZZZZ-ZZZ" + String(2 + i));
      expect(keys(wrong)).toEqual([["chat:code.wrong", "chat:code.tryAgain", "chat:contact.hotline"]]);
    }
    const refused = await guesser.send("ZZZZ-ZZZ9");
    expect(keys(refused)).toEqual([["chat:limit.tooMany", "chat:limit.whatNow", "chat:contact.hotline"]]);
    expect(buttons(refused)).toContain("hotline");
    // The identity check is closed to this chat too: it is the same limit.
    expect(keys(await guesser.press("link:id"))[0]?.[0]).toBe("chat:limit.tooMany");
  });
});
