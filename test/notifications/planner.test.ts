import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { payoutNoticesJob } from "../../src/features/notifications/planPayoutNotices.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { DAO_MONTHLY } from "../chat/payoutWorld.ts";
import { linkChat, notices, payoutOf, plan, seedPayoutWorld, type PayoutWorld } from "./noticeWorld.ts";

// 10:00 in Vietnam: outside the quiet hours.
const JULY_15 = "2026-07-15T03:00:00Z";
const first = (w: { reply: { text: { key: string; params?: unknown }[] } }) => w.reply.text[0];
const keysOf = (w: { reply: { text: { key: string }[] } }) => w.reply.text.map((t) => t.key);

describe("payout notices: what they say and to whom", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let chat: { dao: string; hoa: string; ba: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    chat = {
      dao: await linkChat(db.prisma, world.dao),
      hoa: await linkChat(db.prisma, world.dao, {
        channel: "TELEGRAM",
        role: "REPRESENTATIVE",
        authorisationId: world.authorisationId,
        relativeId: world.hoa,
      }),
      ba: await linkChat(db.prisma, world.ba, { channel: "ZALO" }),
    };
    // One payout per transaction: the walk goes on past payouts whose notice is not due yet.
    await plan(db.prisma, JULY_15, {}, 1);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("tells a person paid in cash the day, the hours, the place, the amount and to bring the căn cước", async () => {
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    const [msg, ...others] = await notices(db.prisma, {
      noticeKey: `notice:SCHEDULED:${aug}`,
      beneficiaryId: world.dao,
    }).then((all) => all.filter((m) => m.identityId === chat.dao));
    expect(others).toEqual([]);
    expect(msg).toMatchObject({
      kind: "NOTIFICATION",
      status: "QUEUED",
      channel: "WEB",
      dedupeKey: `notice:SCHEDULED:${aug}:${chat.dao}`,
    });
    expect(msg?.notBefore.toISOString()).toBe("2026-07-15T03:00:00.000Z");
    expect(first(msg!)).toEqual({
      key: "notices:scheduledCash",
      params: {
        name: "Nguyễn Thị Đào",
        month: "8/2026",
        amount: { vnd: 3 * DAO_MONTHLY },
        date: { date: "2026-08-05" },
        time: "07:30-11:00",
        place: world.pointName,
        address: world.pointAddress,
        account: "",
        provider: "",
        receiver: "",
        count: 0,
      },
    });
    expect(keysOf(msg!)).toEqual([
      "notices:scheduledCash",
      "payouts:next.window",
      "payouts:next.place",
      "payouts:documents.self",
    ]);
    expect(msg?.reply.buttons?.flat().map((b) => b.data)).toEqual(["pay:next", "notif:off"]);
  });

  it("tells the authorised relative whose money it is and to bring the authorisation paper", async () => {
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    const [msg] = (await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` })).filter(
      (m) => m.identityId === chat.hoa,
    );
    expect(msg?.channel).toBe("TELEGRAM");
    expect(first(msg!)).toMatchObject({
      key: "notices:scheduledCashForRelative",
      params: { name: "Nguyễn Thị Đào", date: { date: "2026-08-05" } },
    });
    expect(keysOf(msg!)).toContain("payouts:documents.relative");
  });

  it("tells a person paid by bank the date, the amount and only the last digits of the account", async () => {
    const aug = await payoutOf(db.prisma, world.ba, "2026-08-01");
    const [msg, ...more] = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(more).toEqual([]);
    expect(msg?.identityId).toBe(chat.ba);
    expect(first(msg!)).toMatchObject({
      key: "notices:scheduledAccount",
      params: { account: "••••6789", provider: "Vietcombank", amount: { vnd: 750_000 }, date: { date: "2026-08-05" } },
    });
    expect(JSON.stringify(msg?.reply)).not.toContain("0071000123456789");
    expect(keysOf(msg!)).toEqual(["notices:scheduledAccount", "notices:noOtp"]);
  });

  it("says what to do about a failed transfer, with the reason, and that the money is not lost", async () => {
    const july = await payoutOf(db.prisma, world.ba, "2026-07-01");
    const [msg] = await notices(db.prisma, { noticeKey: `notice:FAILED:${july}` });
    expect(keysOf(msg!)).toEqual(["notices:failed", "notices:failedWhatToDo", "payouts:todo.reason"]);
    expect(msg?.reply.text[2]?.params).toEqual({ reason: "Tài khoản đã bị khóa" });
    expect(msg?.reply.buttons?.flat().map((b) => b.data)).toEqual(["pay:history", "notif:off"]);
  });

  it("warns about suspension from the second uncollected month in a row, and says how to avoid it", async () => {
    const june = await payoutOf(db.prisma, world.dao, "2026-06-01");
    const july = await payoutOf(db.prisma, world.dao, "2026-07-01");
    const juneOwn = (await notices(db.prisma, { noticeKey: `notice:UNCOLLECTED:${june}` })).find(
      (m) => m.identityId === chat.dao,
    );
    expect(keysOf(juneOwn!)).toEqual(["notices:uncollected"]);
    const julyAll = await notices(db.prisma, { noticeKey: `notice:UNCOLLECTED:${july}` });
    const own = julyAll.find((m) => m.identityId === chat.dao);
    const relative = julyAll.find((m) => m.identityId === chat.hoa);
    expect(keysOf(own!)).toEqual(["notices:uncollected", "notices:streak", "notices:avoidSuspension"]);
    expect(own?.reply.text[1]?.params).toEqual({ count: 2 });
    expect(first(own!)?.params).toMatchObject({ count: 2, month: "7/2026" });
    expect(keysOf(relative!)).toEqual([
      "notices:uncollectedForRelative",
      "notices:streak",
      "notices:avoidSuspensionForRelative",
    ]);
  });

  it("records each notice once with the number of messages, and a second run writes nothing new", async () => {
    const before = await db.prisma.outboundMessage.count();
    const records = await db.prisma.payoutNotice.findMany({ orderBy: [{ kind: "asc" }] });
    expect(records.map((r) => [r.kind, r.recipients]).sort()).toEqual(
      [
        ["FAILED", 1],
        ["SCHEDULED", 1],
        ["SCHEDULED", 2],
        ["UNCOLLECTED", 2],
        ["UNCOLLECTED", 2],
      ].sort(),
    );
    const again = await plan(db.prisma, JULY_15);
    expect(again).toEqual({ enabled: true, notices: {}, messages: 0 });
    const later = await plan(db.prisma, "2026-07-16T03:00:00Z");
    expect(later.messages).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(before);
  });

  it("sends no reminder before NOTICE_REMINDER_DAYS_BEFORE days at NOTICE_REMINDER_TIME, then one for the cash payout only", async () => {
    // 2 days before the 5th at 08:00 Vietnam time is 2026-08-03T01:00Z.
    expect((await plan(db.prisma, "2026-08-03T00:59:00Z")).notices.REMINDER).toBeUndefined();
    const due = await plan(db.prisma, "2026-08-03T01:00:00Z");
    expect(due.notices).toEqual({ REMINDER: 1 });
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    const sent = await notices(db.prisma, { noticeKey: `notice:REMINDER:${aug}` });
    expect(sent.map((m) => m.identityId).sort()).toEqual([chat.dao, chat.hoa].sort());
    expect(keysOf(sent.find((m) => m.identityId === chat.hoa)!)[0]).toBe("notices:reminderForRelative");
    expect(await db.prisma.payoutNotice.count({ where: { kind: "REMINDER" } })).toBe(1);
  });

  it("writes nothing when notices are turned off for the service", async () => {
    await db.prisma.payout.update({
      where: { id: await payoutOf(db.prisma, world.ba, "2026-08-01") },
      data: { status: "PAID", paidAt: new Date("2026-08-05T02:00:00Z") },
    });
    expect(await plan(db.prisma, "2026-08-05T05:00:00Z", { NOTICES_ENABLED: "false" })).toEqual({
      enabled: false,
      notices: {},
      messages: 0,
    });
  });

  it("says the money is in the account, once it is paid, and not for a payout paid long ago", async () => {
    const summary = await plan(db.prisma, "2026-08-05T05:00:00Z");
    expect(summary.notices).toEqual({ PAID: 1 });
    const [msg] = await notices(db.prisma, {
      noticeKey: `notice:PAID:${await payoutOf(db.prisma, world.ba, "2026-08-01")}`,
    });
    expect(first(msg!)).toMatchObject({
      key: "notices:paidAccount",
      params: { account: "••••6789", date: { date: "2026-08-05" } },
    });
    // June's payout was paid on 5 June: history, not news.
    expect(
      await db.prisma.payoutNotice.count({
        where: { kind: "PAID", payoutId: await payoutOf(db.prisma, world.ba, "2026-06-01") },
      }),
    ).toBe(0);
  });

  it("says a cash payout was collected, and by whom: to the person, with 'Tôi chưa nhận được' when it was someone else", async () => {
    await db.prisma.payout.update({
      where: { id: await payoutOf(db.prisma, world.dao, "2026-08-01") },
      data: { status: "PAID", paidAt: new Date("2026-08-05T02:30:00Z"), receivedBy: "Lê Thị Hoa" },
    });
    await plan(db.prisma, "2026-08-05T06:00:00Z");
    const own = (
      await notices(db.prisma, { noticeKey: `notice:PAID:${await payoutOf(db.prisma, world.dao, "2026-08-01")}` })
    ).find((m) => m.identityId === chat.dao);
    expect(keysOf(own!)).toEqual(["notices:paidToRelative", "notices:paidToRelativeCheck"]);
    expect(own!.reply.buttons?.[0]?.[0]?.data).toBe(`nr:${await payoutOf(db.prisma, world.dao, "2026-08-01")}`);
  });
});

describe("payout notices: expired authorisations, quiet hours and the scheduler", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let chat: { dao: string; hoa: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    // The authorisation ends before August's payout day.
    await db.prisma.authorisation.update({
      where: { id: world.authorisationId },
      data: { validUntil: new Date("2026-07-31T00:00:00Z") },
    });
    chat = {
      dao: await linkChat(db.prisma, world.dao),
      hoa: await linkChat(db.prisma, world.dao, {
        role: "REPRESENTATIVE",
        authorisationId: world.authorisationId,
        relativeId: world.hoa,
      }),
    };
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("runs each fire once however many instances fire it", async () => {
    const config = loadConfig({ NODE_ENV: "test" });
    const schedulers = ["a", "b"].map((owner) => {
      const s = createScheduler({
        prisma: db.prisma,
        log: createLogger({ level: "silent" }),
        clock: fixedClock(new Date(JULY_15)),
        owner,
      });
      s.register(payoutNoticesJob({ prisma: db.prisma, config }));
      return s;
    });
    const fired = await Promise.all(schedulers.map((s) => s.fire("payout-notices", new Date(JULY_15))));
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(await db.prisma.jobRun.count({ where: { name: "payout-notices" } })).toBe(1);
  });

  it("when a relative's authorisation has expired, the payout reminder goes to the beneficiary", async () => {
    const aug = await payoutOf(db.prisma, world.dao, "2026-08-01");
    await plan(db.prisma, "2026-08-03T01:00:00Z");
    const scheduled = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    const reminder = await notices(db.prisma, { noticeKey: `notice:REMINDER:${aug}` });
    expect(scheduled.map((m) => m.identityId)).toEqual([chat.dao]);
    expect(reminder.map((m) => m.identityId)).toEqual([chat.dao]);
    expect(first(reminder[0]!)?.key).toBe("notices:reminder");
    // July's payout day was inside the authorisation: the relative heard about that one.
    const july = await payoutOf(db.prisma, world.dao, "2026-07-01");
    expect(
      (await notices(db.prisma, { noticeKey: `notice:UNCOLLECTED:${july}` })).map((m) => m.identityId).sort(),
    ).toEqual([chat.dao, chat.hoa].sort());
  });

  it("holds notices planned at night until the quiet hours end, and does not send a reminder on top of a notice planned inside its window", async () => {
    const aug = await payoutOf(db.prisma, world.ba, "2026-08-01");
    await linkChat(db.prisma, world.ba);
    // August's period went to the payment service late: at 22:00 on the 3rd, Vietnam time.
    await db.prisma.payout.update({
      where: { id: aug },
      data: { method: "CASH_POINT", accountId: null, scheduledDate: new Date("2026-08-05T00:00:00Z") },
    });
    await db.prisma.payoutNotice.deleteMany({ where: { payoutId: aug } });
    await db.prisma.outboundMessage.deleteMany({ where: { noticeKey: { contains: aug } } });
    await plan(db.prisma, "2026-08-03T15:00:00Z");
    const [msg] = await notices(db.prisma, { noticeKey: `notice:SCHEDULED:${aug}` });
    expect(msg?.notBefore.toISOString()).toBe("2026-08-04T00:00:00.000Z");
    const reminder = await db.prisma.payoutNotice.findUnique({
      where: { payoutId_kind: { payoutId: aug, kind: "REMINDER" } },
    });
    expect(reminder?.recipients).toBe(0);
    expect(await notices(db.prisma, { noticeKey: `notice:REMINDER:${aug}` })).toEqual([]);
  });
});

describe("payout notices: a month of many people", () => {
  let db: TestDatabase;
  afterAll(async () => {
    await db?.destroy();
  });

  it("plans every payout of the month exactly once, whatever its person's id looks like, with pages of two", async () => {
    db = await createTestDatabase();
    const world = await seedPayoutWorld(db.prisma);
    const august = await db.prisma.payoutPeriod.findFirstOrThrow({ where: { status: "SCHEDULED" } });
    // Ids as the service makes them, and ids as another system may have made them (imported records).
    const ids = [
      ...Array.from({ length: 30 }, () => randomUUID()),
      "0",
      "1",
      "9-a",
      "a",
      "f",
      "fff",
      "g-not-hex",
      "Z",
      "zz",
      "~",
      "Đào",
    ];
    for (const [n, id] of ids.entries()) {
      const personalId = `0011950${String(n).padStart(5, "0")}`;
      await db.prisma.beneficiary.create({
        data: {
          id,
          personalId,
          personalIdLast4: personalId.slice(-4),
          fullName: "Lê Thị Mười",
          fullNameAscii: "le thi muoi",
          dateOfBirth: new Date("1944-01-01T00:00:00Z"),
          sex: "FEMALE",
          communeId: world.communeId,
          programme: "BTXH",
          payouts: {
            create: {
              periodId: august.id,
              amount: DAO_MONTHLY,
              method: "CASH_POINT",
              scheduledDate: new Date("2026-08-05T00:00:00Z"),
            },
          },
        },
      });
    }
    const summary = await plan(db.prisma, JULY_15, {}, 2);

    const payouts = await db.prisma.payout.findMany({
      where: { periodId: august.id, status: "SCHEDULED" },
      select: { id: true, notices: { where: { kind: "SCHEDULED" }, select: { kind: true } } },
    });
    expect(payouts.length).toBeGreaterThan(ids.length);
    expect(payouts.filter((p) => p.notices.length !== 1)).toEqual([]);
    expect(summary.notices.SCHEDULED).toBe(payouts.length);
  });
});
