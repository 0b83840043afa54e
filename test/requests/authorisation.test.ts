import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideRequest } from "../../src/features/requests/review.ts";
import { keys, buttons, createHarness, type Harness, type Person } from "../chat/harness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { numbersInClear } from "../helpers/storedText.ts";
import { chatter, linkSelf, noticesFor, seedRequestWorld, type RequestWorld } from "./world.ts";

const DAY = 86_400_000;
const HOA_ID = "001190222333";

describe("a relative asks in the chat to collect for a beneficiary", () => {
  let db: TestDatabase;
  let world: RequestWorld;
  let h: Harness;
  let dao: Person;
  let hoa: Person;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedRequestWorld(db.prisma);
    h = createHarness(db.prisma);
    dao = await linkSelf(db.prisma, h, world, world.dao, "web-auth-dao");
    hoa = chatter(db.prisma, h.person("web-auth-hoa"));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const progress = (replies: Awaited<ReturnType<Person["send"]>>) =>
    replies.flatMap((r) => r.text).find((t) => t.key === "requests:progress")?.params;

  it("proves whom she collects for, explains every wrong answer, and keeps her answers when she leaves", async () => {
    const first = await hoa.press("rq:auth");
    expect(keys(first)).toEqual([
      ["requests:auth.intro"],
      ["requests:progress", "requests:auth.whoIntro", "requests:auth.whoId", "chat:id.exampleId"],
    ]);
    expect(progress(first)).toEqual({ n: 1, total: 6 });
    // A wrong ID is explained, and the same question stays open.
    expect(keys(await hoa.send("12345"))).toEqual([["requests:problem.idFormat", "chat:id.exampleId"]]);
    await hoa.send("001140123456");
    await hoa.send("9/5/1940");
    const found = await hoa.send("5678");
    expect(found[0]?.text[0]).toEqual({ key: "requests:auth.whoFound", params: { name: "Nguyễn Thị Đào" } });
    expect(progress(found)).toEqual({ n: 2, total: 6 });
    expect(keys(await hoa.send("H0a"))[0]).toEqual(["requests:problem.name", "requests:example.name"]);
    await hoa.send("lê thị hoa");
    expect(buttons(await hoa.send("bạn"))).toContain("rq:rel:child");
    await hoa.press("rq:rel:child");
    expect(keys(await hoa.send("0011902223"))[0]?.[0]).toBe("requests:problem.idFormat");
    expect(progress(await hoa.send(HOA_ID))).toEqual({ n: 3, total: 6 });

    // She leaves for the menu: the conversation forgets the question, the draft keeps the answers.
    await hoa.press("menu");
    const draft = await db.prisma.changeRequest.findFirstOrThrow({
      where: { submittedById: await hoa.identityId(), status: "DRAFT" },
    });
    expect(draft).toMatchObject({ kind: "AUTHORISATION", beneficiaryId: world.dao });
    expect(JSON.stringify(draft.data)).toContain(HOA_ID);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({
      where: { identityId: await hoa.identityId() },
    });
    expect(JSON.stringify(conversation.state ?? null)).not.toContain(HOA_ID);
  });

  it("resumes the next day where she left, refuses a month in the past, and sends a summary she checked", async () => {
    h.clock.advance(DAY);
    const again = await hoa.press("rq:auth");
    expect(keys(again)).toEqual([["requests:resume.found", "requests:resume.at", "requests:resume.ask"]]);
    expect(again[0]?.text[1]?.params).toEqual({ n: 3, total: 6 });
    expect(keys(await hoa.press("rq:continue"))[0]).toContain("requests:auth.askRelativePhone");
    expect(keys(await hoa.send("0123"))[0]?.[0]).toBe("requests:problem.phone");
    const month = await hoa.send("0987 654 321");
    expect(buttons(month)).toEqual(["rq:m:2026-08-01", "rq:m:2026-09-01", "rq:m:2026-10-01", "cancel", "hotline"]);
    expect(keys(await hoa.send("6/2026"))[0]?.[0]).toBe("requests:problem.past");
    await hoa.press("rq:m:2026-08-01");
    await hoa.press("rq:dur:12");
    const summary = await hoa.press("rq:next");
    expect(progress(summary)).toEqual({ n: 6, total: 6 });
    const texts = summary[0]?.text ?? [];
    expect(texts.find((t) => t.key === "requests:auth.summaryWho")?.params).toMatchObject({
      name: "Lê Thị Hoa",
      person: "Nguyễn Thị Đào",
    });
    expect(texts.find((t) => t.key === "requests:auth.summaryTime")?.params).toEqual({
      from: "08/2026",
      until: { date: "2027-07-31" },
      count: 12,
    });
    expect(texts.map((t) => t.key)).toContain("requests:auth.warning");
    // A change from the summary comes back to the summary.
    await hoa.press("rq:edit:relativeName");
    const edited = await hoa.send("Lê Thị Hoà");
    expect(edited[0]?.text.find((t) => t.key === "requests:auth.summaryWho")?.params).toMatchObject({
      name: "Lê Thị Hoà",
    });

    const sent = await hoa.press("rq:send");
    // On the web chat without a public address, the form opens as a link on the page's own site.
    expect(keys(sent)[0]).toEqual(["requests:auth.sent", "requests:auth.formButton"]);
    expect(sent[0]?.buttons?.flat()[0]?.url).toMatch(/^\/forms\/authorisation\/[A-Za-z0-9_-]{32}$/);
    const request = await db.prisma.changeRequest.findFirstOrThrow({
      where: { submittedById: await hoa.identityId() },
    });
    expect(request.status).toBe("PENDING");
    // Đào's own chat hears at once that someone asked to collect her money.
    expect(await noticesFor(db.prisma, await dao.identityId())).toEqual([
      { keys: ["requests:notice.submittedAuthorisation", "requests:notice.notYou"], buttons: ["menu"] },
    ]);
    // The same request cannot wait twice.
    await hoa.press("rq:auth");
    for (const step of [
      "lê thị hoa",
      "rq:rel:child",
      HOA_ID,
      "0987654321",
      "rq:m:2026-09-01",
      "rq:dur:3",
      "rq:next",
      "rq:send",
    ]) {
      if (step.startsWith("rq:")) await hoa.press(step);
      else await hoa.send(step);
    }
    const again2 = await db.prisma.changeRequest.count({ where: { beneficiaryId: world.dao, status: "PENDING" } });
    expect(again2).toBe(1);
  });

  it("tells both people when the officer approves, lets the relative link, and lets the beneficiary revoke", async () => {
    const request = await db.prisma.changeRequest.findFirstOrThrow({
      where: { beneficiaryId: world.dao, status: "PENDING" },
    });
    const missing = await decideRequest(
      db.prisma,
      world.officer,
      { requestId: request.id, decision: "approve", checklist: ["certifiedPaper"] },
      h.clock.now(),
    );
    expect(missing).toEqual({ ok: false, problem: "checklist" });
    const ok = await decideRequest(
      db.prisma,
      world.officer,
      { requestId: request.id, decision: "approve", checklist: ["certifiedPaper", "beneficiaryId", "relativeId"] },
      h.clock.now(),
    );
    expect(ok.ok).toBe(true);

    const hoaNotices = await noticesFor(db.prisma, await hoa.identityId());
    expect(hoaNotices.at(-1)).toEqual({
      keys: ["requests:notice.approvedAuthorisation", "requests:auth.warning", "requests:notice.approvedLink"],
      buttons: [`rq:link:${request.id}`, "menu"],
    });
    expect((await noticesFor(db.prisma, await dao.identityId())).at(-1)?.keys).toEqual([
      "requests:notice.approvedAuthorisation",
      "requests:auth.warning",
    ]);
    // Open months from August name her as receiver; July was already sent.
    const payouts = await db.prisma.payout.findMany({
      where: { beneficiaryId: world.dao },
      include: { period: true },
      orderBy: { period: { month: "asc" } },
    });
    expect(payouts.map((p) => p.receivedBy)).toEqual([null, "Lê Thị Hoà", "Lê Thị Hoà"]);

    expect(keys(await hoa.press(`rq:link:${request.id}`))[0]?.[0]).toBe("chat:consent.what");
    expect(keys(await hoa.press("consent:yes"))[0]?.[0]).toBe("chat:linked.representative");
    // Đào's own chat cannot use that button.
    expect(keys(await dao.press(`rq:link:${request.id}`))[0]).toEqual(["requests:link.notAllowed"]);

    // Only Đào can take it back.
    expect(keys(await hoa.press("rq:revoke"))[0]).toEqual(["requests:revoke.onlySelf"]);
    expect(keys(await dao.press("rq:revoke"))[0]).toEqual(["requests:revoke.confirm", "requests:revoke.effect"]);
    expect(keys(await dao.press("rq:yes"))[0]).toEqual(["requests:revoke.done"]);
    expect((await noticesFor(db.prisma, await hoa.identityId())).at(-1)?.keys).toEqual(["requests:notice.revoked"]);
    expect(await db.prisma.payout.count({ where: { beneficiaryId: world.dao, receivedBy: { not: null } } })).toBe(0);
    expect(await db.prisma.chatLink.count({ where: { identityId: await hoa.identityId() } })).toBe(0);
  });

  it("keeps the relative's ID and the beneficiary's encrypted in the database, and finds them by their hash", async () => {
    expect(await numbersInClear(db.prisma, ["001140123456", HOA_ID])).toEqual([]);
    const hoaRow = await db.prisma.relative.findFirst({ where: { beneficiaryId: world.dao, personalId: HOA_ID } });
    expect(hoaRow?.personalId).toBe(HOA_ID);
  });
});
