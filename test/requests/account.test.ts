import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideRequest } from "../../src/features/requests/review.ts";
import { buttons, createHarness, keys, type Harness, type Person } from "../chat/harness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { numbersInClear } from "../helpers/storedText.ts";
import { linkSelf, noticesFor, seedRequestWorld, type RequestWorld } from "./world.ts";

describe("a beneficiary changes how she is paid, through the chat and the officer", () => {
  let db: TestDatabase;
  let world: RequestWorld;
  let h: Harness;
  let dao: Person;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedRequestWorld(db.prisma);
    h = createHarness(db.prisma);
    dao = await linkSelf(db.prisma, h, world, world.dao, "web-acc-dao");
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function approveLatest(checklist: string[]) {
    const request = await db.prisma.changeRequest.findFirstOrThrow({
      where: { beneficiaryId: world.dao, status: "PENDING" },
    });
    const outcome = await decideRequest(
      db.prisma,
      world.officer,
      { requestId: request.id, decision: "approve", checklist },
      h.clock.now(),
    );
    expect(outcome.ok).toBe(true);
  }

  async function methods() {
    const rows = await db.prisma.payout.findMany({
      where: { beneficiaryId: world.dao },
      include: { period: true, account: true },
      orderBy: { period: { month: "asc" } },
    });
    return rows.map((p) => [p.method, p.account?.provider ?? null]);
  }

  it("reads the bank guide, sends an account whose number and holder are checked, and is paid into it from the first open month", async () => {
    const types = await dao.press("rq:account");
    expect(buttons(types)).toEqual([
      "rq:type:BANK",
      "rq:type:EWALLET",
      "rq:type:MOBILE_MONEY",
      "rq:type:VNEID",
      "rq:type:CASH",
      "cancel",
      "hotline",
    ]);
    const guide = await dao.press("rq:type:BANK");
    expect(keys(guide)).toEqual([
      [
        "requests:progress",
        "requests:account.guide.BANK.title",
        "requests:account.guide.BANK.steps",
        "requests:account.guide.BANK.bring",
      ],
      ["requests:account.ekyc", "requests:account.fees", "requests:account.safety"],
    ]);
    await dao.press("rq:have");
    await dao.press("rq:prov:0");
    // Too short, then letters, then right.
    expect(keys(await dao.send("12345"))).toEqual([["requests:problem.accountLength", "requests:example.account"]]);
    expect(keys(await dao.send("15002O5123456"))[0]?.[0]).toBe("requests:problem.accountDigits");
    expect(keys(await dao.send("1500 2051 23456"))[0]).toContain("requests:account.askHolder");
    // Someone else's name is refused with the reason and the name that would be right.
    const wrong = await dao.send("TRAN VAN BA");
    expect(wrong[0]?.text[0]).toEqual({ key: "requests:problem.holderName", params: { name: "Nguyễn Thị Đào" } });
    const summary = await dao.send("nguyen thi dao");
    expect(summary[0]?.text.find((t) => t.key === "requests:account.summaryAccount")?.params).toEqual({
      person: "Nguyễn Thị Đào",
      provider: "Agribank",
      account: "••••••••3456",
      holder: "NGUYEN THI DAO",
    });
    const sent = await dao.press("rq:send");
    expect(sent[0]?.text[1]).toEqual({ key: "requests:account.from", params: { month: "08/2026" } });

    await approveLatest(["holderMatches", "accountProof"]);
    // July was already sent to the payment service: it stays cash.
    expect(await methods()).toEqual([
      ["CASH_POINT", null],
      ["BANK", "Agribank"],
      ["BANK", "Agribank"],
    ]);
    expect((await noticesFor(db.prisma, await dao.identityId())).at(-1)?.keys).toEqual([
      "requests:notice.approvedAccount",
      "chat:help.safety",
    ]);
  });

  it("goes back to cash the same way, after August has been sent too", async () => {
    await db.prisma.payoutPeriod.update({
      where: { month: new Date("2026-08-01T00:00:00Z") },
      data: { status: "SCHEDULED" },
    });
    await dao.press("rq:account");
    const cash = await dao.press("rq:type:CASH");
    expect(cash[0]?.text[0]).toEqual({ key: "requests:progress", params: { n: 2, total: 3 } });
    await dao.press("rq:cash:CASH_HOME");
    const sent = await dao.press("rq:send");
    expect(keys(sent)[0]?.[0]).toBe("requests:account.sentCash");
    expect(sent[0]?.text[1]?.params).toEqual({ month: "09/2026" });
    await approveLatest(["personConfirmed"]);
    expect(await methods()).toEqual([
      ["CASH_POINT", null],
      ["BANK", "Agribank"],
      ["CASH_HOME", null],
    ]);
    const accounts = await db.prisma.payoutAccount.findMany({ where: { beneficiaryId: world.dao } });
    expect(accounts.map((a) => a.status)).toEqual(["CLOSED"]);
  });

  it("updates a phone number, and reports a death that stops the open months and explains funeral support", async () => {
    await dao.press("rq:change");
    await dao.press("rq:what:phone");
    expect(keys(await dao.send("12345"))[0]?.[0]).toBe("requests:problem.phone");
    await dao.send("0977 111 222");
    expect(keys(await dao.press("rq:send"))[0]?.[0]).toBe("requests:change.sent");
    await approveLatest(["personConfirmed"]);
    expect((await db.prisma.beneficiary.findUniqueOrThrow({ where: { id: world.dao } })).phone).toBe("0977111222");

    await dao.press("rq:change");
    await dao.press("rq:what:death");
    expect(keys(await dao.send("1/1/2099"))[0]?.[0]).toBe("requests:problem.deathDate");
    await dao.send("10/7/2026");
    const sent = await dao.press("rq:send");
    // The family heard about the funeral support when they told the death (July's level, as the
    // month of death); the report says what comes next.
    expect(keys(sent)).toEqual([["requests:change.sent", "requests:change.officerChecksDeath"]]);
    await approveLatest(["deathCertificate"]);
    const after = await db.prisma.beneficiary.findUniqueOrThrow({ where: { id: world.dao } });
    expect(after.status).toBe("DECEASED");
    // Payment stops from the month after the date of death, not the day it was recorded.
    expect(after.statusEffectiveOn?.toISOString().slice(0, 10)).toBe("2026-07-10");
    // September was still open: it is gone; July and August were sent and stay for the officer.
    expect(await db.prisma.payout.count({ where: { beneficiaryId: world.dao } })).toBe(2);
    expect((await noticesFor(db.prisma, await dao.identityId())).at(-1)?.keys[0]).toBe("requests:notice.approvedDeath");
  });

  it("keeps the account number and the ID encrypted in the database, and finds the account by its number", async () => {
    expect(await numbersInClear(db.prisma, ["1500205123456", "001140123456"])).toEqual([]);
    const account = await db.prisma.payoutAccount.findFirstOrThrow({
      where: { beneficiaryId: world.dao, accountNumber: "1500205123456" },
    });
    expect(account).toMatchObject({ accountNumber: "1500205123456", accountLast4: "3456" });
  });
});
