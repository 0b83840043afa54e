import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buttons, createHarness, keys, type Harness } from "./harness.ts";
import { seedPayoutWorld } from "./payoutWorld.ts";

const texts = (replies: Reply[]) => replies.flatMap((r) => r.text);

describe("safety answers and free text understood by intent, through the engine", () => {
  let db: TestDatabase;
  let h: Harness;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedPayoutWorld(db.prisma);
    h = createHarness(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("tells what to bring for 'mang giấy gì': the căn cước, and for a relative the certified authorisation", async () => {
    const replies = await h.person("web-safe-docs").send("mang giấy gì");
    expect(keys(replies)).toEqual([
      ["payouts:documents.self", "payouts:documents.relative", "payouts:documents.lost", "chat:contact.hotline"],
    ]);
  });

  it("warns about scams when someone asks for an OTP, with the rule first and the usual tricks one tap further", async () => {
    const p = h.person("web-safe-otp");
    const replies = await p.send("có người xin mã OTP");
    const k = keys(replies)[0] ?? [];
    expect(k).toEqual(["chat:scam.rule", "chat:scam.communeNever", "chat:scam.whatToDo", "chat:contact.hotline"]);
    const tricks = keys(await p.press("scam:more"))[0] ?? [];
    expect(tricks).toEqual(
      expect.arrayContaining([
        "chat:scam.exampleCalls",
        "chat:scam.exampleLinks",
        "chat:scam.exampleFees",
        "chat:scam.exampleGifts",
      ]),
    );
  });

  it("answers 'bà mất rồi' with condolences, the funeral support in force and how to claim it; the rule behind 'Vì sao'", async () => {
    const p = h.person("web-safe-death");
    const replies = await p.send("bà mất rồi");
    // Not linked: both programmes' support. Then a ticket, so that a person follows up.
    expect(keys(replies)).toEqual([
      ["chat:death.sorry", "chat:death.funeralBtxh", "chat:death.funeralNcc", "chat:death.how", "chat:death.bring"],
      ["hotline:chat.why.death", "hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"],
    ]);
    expect(keys(await p.press("death:why"))).toEqual([["chat:death.whyBtxh", "chat:death.whyNcc", "chat:death.stop"]]);
    // 20 × the base level of the month: 540,000 from 2026-07-01 (Decree 335/2026).
    expect(texts(replies).find((t) => t.key === "chat:death.funeralBtxh")?.params).toEqual({
      amount: { vnd: 10_800_000 },
    });
  });

  it("passes 'gặp nhân viên' to a hotline agent with a ticket number", async () => {
    const replies = await h.person("web-safe-human").send("tôi muốn gặp nhân viên");
    expect(keys(replies)).toEqual([["hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"]]);
    expect(texts(replies)[0]?.params).toEqual({ number: expect.any(Number) });
  });

  it("passes the question to a hotline agent after two messages in a row it cannot understand", async () => {
    const p = h.person("web-safe-unclear");
    expect(keys(await p.send("giá xăng hôm nay"))).toEqual([["chat:notUnderstood"]]);
    const second = await p.send("dự báo thời tiết ngày mai");
    expect(keys(second)).toEqual([
      ["chat:unclear.again", "hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"],
    ]);
    // What they write next goes to the agent instead of another guess.
    expect(keys(await p.send("giá vàng"))).toEqual([["hotline:chat.added"]]);
  });

  it("starts counting again when a button is pressed in between", async () => {
    const p = h.person("web-safe-unclear-reset");
    await p.send("giá xăng hôm nay");
    await p.press("scam");
    expect(keys(await p.send("dự báo thời tiết ngày mai"))).toEqual([["chat:notUnderstood"]]);
  });

  it("walks through the eligibility guide one question at a time and names what may apply", async () => {
    const p = h.person("web-safe-guide");
    const first = await p.press("elig");
    expect(keys(first)).toEqual([["chat:elig.intro", "chat:elig.askAge", "chat:elig.ageHint"]]);
    expect(buttons(first)).toContain("el:age:80");
    expect(keys(await p.send("mẹ tôi 81 tuổi"))).toEqual([["chat:elig.askPension"]]);
    expect(keys(await p.send("khong co"))).toEqual([["chat:elig.askHousehold"]]);
    expect(keys(await p.press("el:household:poor"))).toEqual([["chat:elig.askDisability"]]);
    expect(keys(await p.press("el:disability:none"))).toEqual([["chat:elig.askSupporter"]]);
    expect(keys(await p.press("el:supporter:no"))).toEqual([["chat:elig.askHiv"]]);
    expect(keys(await p.press("el:hiv:no"))).toEqual([["chat:elig.askNcc"]]);
    const result = await p.press("el:ncc:none");
    const all = keys(result).flat();
    expect(all.some((k) => k.startsWith("entitlements:eligibility"))).toBe(true);
    expect(keys(result).at(-1)).toEqual(["chat:menu.unlinked"]);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({
      where: { identityId: await p.identityId() },
    });
    expect(conversation.state).toBeNull();
  });

  it("starts the eligibility guide from a question about benefits", async () => {
    const replies = await h.person("web-safe-guide-text").send("người già 80 tuổi được hưởng chế độ gì");
    expect(keys(replies)[0]).toContain("chat:elig.askAge");
  });
});
