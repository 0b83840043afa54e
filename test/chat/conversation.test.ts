import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeFor, seedChatWorld, type ChatWorld } from "./fixtures.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "./harness.ts";

describe("a conversation with the bot, through the engine", () => {
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

  async function linkWithCode(p: Person, beneficiaryId: string, role: "role:self" | "role:rel"): Promise<void> {
    await p.send(await codeFor(db.prisma, world, beneficiaryId, h.clock.now()));
    await p.press(role);
    await p.press("consent:yes");
  }

  it("lets a relative who collects for two people switch between them", async () => {
    const p = h.person("web-two-people");
    await linkWithCode(p, world.ba, "role:rel");
    await linkWithCode(p, world.binh, "role:rel");
    const menu = await p.send("menu");
    // The person last linked, by honorific and given name; six buttons and "Khác".
    expect(menu[0]?.text[0]?.params).toMatchObject({ name: "Bình" });
    expect(buttons(menu)).toEqual(["pay:next", "pay:amount", "pay:missing", "rq:menu", "hotline", "lang:en", "more"]);
    expect(buttons(await p.press("more"))).toEqual([
      "pay:history",
      "me",
      "switch",
      "add",
      "docs",
      "scam",
      "elig",
      "unlink",
      "help",
      "menu",
      "hotline",
    ]);

    const list = await p.press("switch");
    expect(buttons(list)).toEqual([`sw:${world.ba}`, `sw:${world.binh}`, "menu", "hotline"]);
    const switched = await p.press(`sw:${world.ba}`);
    expect(switched[0]?.text[0]).toMatchObject({ key: "chat:menu.greetRepresentative", params: { name: "Ba" } });
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await p.identityId() } });
    expect(identity.beneficiaryId).toBe(world.ba);

    // Unlinking "only this person" keeps the other one, selected.
    expect(buttons(await p.send("xoa lien ket"))).toEqual(["ul:one", "ul:all", "ul:no", "hotline"]);
    expect(keys(await p.press("ul:one"))[0]).toEqual(["chat:unlink.doneOne"]);
    const after = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { id: await p.identityId() },
      include: { links: true },
    });
    expect(after.links.map((l) => l.beneficiaryId)).toEqual([world.binh]);
    expect(after.beneficiaryId).toBe(world.binh);
    expect(after.consentWithdrawnAt).toBeNull();
  });

  it("unlinks after confirmation, records the withdrawn consent and audits it", async () => {
    const p = h.person("web-unlink");
    await linkWithCode(p, world.dao, "role:self");
    expect(keys(await p.send("Xóa liên kết"))).toEqual([["chat:unlink.confirm", "chat:unlink.after"]]);
    const done = await p.press("ul:yes");
    expect(keys(done)).toEqual([["chat:unlink.doneAll", "chat:unlink.relink"]]);
    expect(buttons(done)).toContain("link:code");
    const identityId = await p.identityId();
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { id: identityId },
      include: { links: true },
    });
    expect(identity).toMatchObject({ links: [], beneficiaryId: null });
    expect(identity.consentWithdrawnAt).toEqual(h.clock.now());
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "chat.unlink", actor: `chat:${identityId}` },
    });
    expect(audit.detail).toMatchObject({ beneficiaryIds: [world.dao], remaining: 0 });
    // Nothing of the person is shown any more.
    expect(keys(await p.press("me"))).toEqual([["chat:menu.unlinked"]]);
  });

  it("leaves a flow on 'hủy' in the middle and forgets it", async () => {
    const p = h.person("web-cancel");
    await p.press("link:id");
    await p.send("001140123456");
    expect(keys(await p.send("hủy"))).toEqual([["chat:cancelled", "chat:menu.unlinked"]]);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({
      where: { identityId: await p.identityId() },
    });
    expect(conversation.state).toBeNull();
    // A date typed now is not taken as an answer any more.
    expect(keys(await p.send("9/5/1940"))).toEqual([["chat:notUnderstood"]]);
  });

  it("after a long pause, says the step was left unfinished, then continues where it was", async () => {
    const p = h.person("web-timeout");
    await p.press("link:id");
    await p.send("001140123456");
    h.clock.advance(45 * 60_000);
    const notice = await p.send("9/5/1940");
    expect(keys(notice)).toEqual([["chat:timeout.unfinished", "chat:timeout.ask"]]);
    expect(buttons(notice)).toEqual(["resume", "restart", "menu", "hotline"]);
    expect(keys(await p.press("resume"))).toEqual([["chat:id.askDob", "chat:id.exampleDob"]]);
    expect(keys(await p.send("9/5/1940"))).toEqual([["chat:id.askPhone", "chat:id.examplePhone"]]);
    h.clock.advance(45 * 60_000);
    await p.send("5678");
    expect(keys(await p.press("restart"))).toEqual([["chat:id.intro", "chat:id.askId", "chat:id.exampleId"]]);
  });

  it("answers a message re-sent by the platform only once", async () => {
    const p = h.person("web-duplicate");
    const first = await p.send("menu", "dup-1");
    const again = await p.send("menu", "dup-1");
    expect(keys(first)).toEqual([["chat:menu.unlinked"]]);
    expect(again).toEqual([]);
    const inbound = await db.prisma.inboundMessage.count({ where: { identityId: await p.identityId() } });
    expect(inbound).toBe(1);
  });

  it("switches to English and remembers it for the chat", async () => {
    const p = h.person("web-english");
    const replies = await p.send("English");
    expect(keys(replies)).toEqual([["chat:language.switched"], ["chat:menu.unlinked"]]);
    expect(buttons(replies)).toContain("lang:vi");
    expect((await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await p.identityId() } })).locale).toBe("en");
    expect(buttons(await p.send("help"))).toEqual(["menu", "hotline"]);
    await p.send("Tiếng Việt");
    expect((await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await p.identityId() } })).locale).toBe("vi");
  });

  it("answers a sticker kindly with the menu", async () => {
    const p = h.person("web-sticker");
    const replies = await p.send({ kind: "unsupported", what: "sticker" });
    expect(keys(replies)).toEqual([["chat:unsupported"]]);
    expect(buttons(replies)).toContain("link:code");
  });

  it("apologises and shows the menu when a stored state can no longer be read", async () => {
    const p = h.person("web-old-state");
    await p.press("link:code");
    await db.prisma.conversation.update({
      where: { identityId: await p.identityId() },
      data: { state: { flow: "linkByCode", step: "askShoeSize" } },
    });
    expect(keys(await p.send("ABCD-EFGH"))[0]).toEqual(["chat:reset"]);
  });
});
