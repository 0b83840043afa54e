import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedChatWorld, type ChatWorld } from "./fixtures.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "./harness.ts";

const DAO_ID = "001140123456";
const BINH_ID = "001150999000";

describe("linking a chat with ID, date of birth and phone, through the engine", () => {
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

  /** Answers the three questions; returns the replies to the last answer. */
  async function check(p: Person, id: string, dob: string, phone: string) {
    await p.press("link:id");
    await p.send(id);
    await p.send(dob);
    return p.send(phone);
  }

  it("links the person themself after the three steps and consent", async () => {
    const p = h.person("web-id-self");
    expect(keys(await p.press("link:id"))).toEqual([["chat:id.intro", "chat:id.askId", "chat:id.exampleId"]]);
    const step2 = await p.send("001 140 123 456");
    expect(step2[0]?.text[0]).toEqual({ key: "chat:id.gotId", params: { id: "••••••••3456" } });
    expect(keys(await p.send("9/5/1940"))).toEqual([["chat:id.askPhone", "chat:id.examplePhone"]]);
    // The conversation state never holds the full ID.
    const conversation = await db.prisma.conversation.findUniqueOrThrow({
      where: { identityId: await p.identityId() },
    });
    expect(JSON.stringify(conversation.state)).not.toContain(DAO_ID);
    expect(keys(await p.send("5678"))).toEqual([["chat:id.verified", "chat:role.ask"]]);
    await p.press("role:self");
    expect(keys(await p.press("consent:yes"))[0]).toEqual(["chat:linked.self", "chat:help.safety"]);
    const link = await db.prisma.chatLink.findFirstOrThrow({ where: { identityId: await p.identityId() } });
    expect(link).toMatchObject({ beneficiaryId: world.dao, role: "SELF", via: "IDENTITY_CHECK" });
  });

  it("answers a wrong date of birth, an unknown ID and a record without a phone in exactly the same words", async () => {
    const wrongDob = await check(h.person("web-id-wrong-dob"), DAO_ID, "10/5/1940", "5678");
    const unknownId = await check(h.person("web-id-unknown"), "001140999999", "9/5/1940", "5678");
    const noPhone = await check(h.person("web-id-no-phone"), "001045777888", "12/3/1945", "5678");
    expect(keys(wrongDob)).toEqual([["chat:id.mismatch", "chat:id.mismatchHint", "chat:contact.hotline"]]);
    expect(unknownId).toEqual(wrongDob);
    expect(noPhone).toEqual(wrongDob);
  });

  it("links a relative as representative only through an approved authorisation naming them", async () => {
    const hoa = h.person("web-id-hoa");
    await check(hoa, DAO_ID, "09/05/1940", "0912 345 678");
    expect(keys(await hoa.press("role:rel"))).toEqual([["chat:relative.askId", "chat:id.exampleId"]]);
    expect(keys(await hoa.send("001190222333"))[0]?.[0]).toBe("chat:consent.what");
    await hoa.press("consent:yes");
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { id: await hoa.identityId() },
      include: { links: true },
    });
    expect(identity.relativeId).toBe(world.hoa);
    expect(identity.links).toMatchObject([
      {
        beneficiaryId: world.dao,
        role: "REPRESENTATIVE",
        via: "AUTHORISATION",
        authorisationId: world.authorisationId,
      },
    ]);

    // A nephew on record, but without an authorisation, is told how to get one.
    const tu = h.person("web-id-tu");
    await check(tu, DAO_ID, "09/05/1940", "5678");
    await tu.press("role:rel");
    const refused = await tu.send("001095444555");
    expect(keys(refused)).toEqual([
      ["chat:relative.needAuthorisation", "chat:relative.orCode", "chat:contact.hotline"],
    ]);
    // The way to get one: ask the commune for it from here.
    expect(buttons(refused)).toContain("rq:auth");
    expect(await db.prisma.chatLink.count({ where: { identityId: await tu.identityId() } })).toBe(0);
  });

  it("refuses the sixth try in the window in the same chat, never blocks the owner's own check, and allows tries again once the window has passed", async () => {
    const attacker = h.person("web-id-attacker");
    for (let i = 0; i < 5; i++)
      expect(keys(await check(attacker, BINH_ID, `1/1/19${30 + i}`, "0000"))[0]?.[0]).toBe("chat:id.mismatch");
    expect(keys(await attacker.press("link:id"))).toEqual([
      ["chat:limit.tooMany", "chat:limit.whatNow", "chat:contact.hotline"],
    ]);

    // The record was guessed at five times by someone else: its owner, in their own chat, is not held up.
    const owner = h.person("web-id-owner");
    expect(keys(await check(owner, BINH_ID, "2/1/1950", "0111"))).toEqual([["chat:id.verified", "chat:role.ask"]]);

    h.clock.advance(24 * 3600_000 + 60_000);
    expect(keys(await attacker.press("link:id"))[0]?.[0]).toBe("chat:id.intro");
  });

  it("counts the web chats given to one client together: new chats do not bring new tries at the same ID", async () => {
    // Web chat ids as the service gives them out: random part, client part, tag (chatOrigin.ts).
    const webChat = (n: number, client: string) =>
      h.person(`${String(n).padStart(22, "w")}.${client}.${"t".repeat(32)}`);
    const first = webChat(1, "clientAAAAA");
    for (let i = 0; i < 5; i++)
      expect(keys(await check(first, DAO_ID, `1/1/19${30 + i}`, "0000"))[0]?.[0]).toBe("chat:id.mismatch");
    // A fresh chat from the same client: the ID is still refused there, even with the right answers…
    expect(keys(await check(webChat(2, "clientAAAAA"), DAO_ID, "9/5/1940", "5678"))[0]?.[0]).toBe("chat:limit.tooMany");
    // …and from another client the right answers link at once.
    expect(keys(await check(webChat(3, "clientBBBBB"), DAO_ID, "9/5/1940", "5678"))).toEqual([
      ["chat:id.verified", "chat:role.ask"],
    ]);
    // One client's wrong codes and checks across many chats stop at four times the per-chat limit.
    for (let n = 10; n < 14; n++) {
      const chat = webChat(n, "clientCCCCC");
      for (let i = 0; i < 5; i++)
        expect(keys(await check(chat, `0011409900${n}`, "1/1/1950", "0000"))[0]?.[0]).toBe("chat:id.mismatch");
    }
    expect(keys(await webChat(21, "clientCCCCC").press("link:id"))[0]?.[0]).toBe("chat:limit.tooMany");
    expect(keys(await webChat(22, "clientDDDDD").press("link:id"))[0]?.[0]).toBe("chat:id.intro");
  });
});
