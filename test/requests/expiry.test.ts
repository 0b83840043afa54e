import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../../src/core/i18n.ts";
import { exportPayoutList } from "../../src/features/exports/payoutList.ts";
import { authorisationExpiryJob, runAuthorisationExpiry } from "../../src/features/requests/expiry.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createHarness } from "../chat/harness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { listRows, readSheet } from "../imports/fixtures.ts";
import { linkSelf, noticesFor, seedRequestWorld, type RequestWorld } from "./world.ts";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
/** 08:00 in Vietnam on that day, when the job runs. */
const morning = (day: string) => new Date(`${day}T01:00:00.000Z`);

describe("an authorisation coming to its end", () => {
  let db: TestDatabase;
  let world: RequestWorld;
  let daoChat: string;
  let hoaChat: string;
  let authorisationId: string;
  const deps = () => ({ prisma: db.prisma, reminderDays: [30, 7] });

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedRequestWorld(db.prisma);
    const h = createHarness(db.prisma);
    daoChat = await (await linkSelf(db.prisma, h, world, world.dao, "web-exp-dao")).identityId();
    const hoa = await db.prisma.chatIdentity.create({
      data: { channel: "TELEGRAM", platformUserId: "7001", relativeId: world.hoa, consentAt: new Date() },
    });
    hoaChat = hoa.id;
    const a = await db.prisma.authorisation.create({
      data: {
        beneficiaryId: world.dao,
        relativeId: world.hoa,
        validFrom: d("2026-08-01"),
        validUntil: d("2026-08-31"),
        status: "APPROVED",
      },
    });
    authorisationId = a.id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("reminds both people 30 and 7 days before the last day, once each", async () => {
    expect(await runAuthorisationExpiry(deps(), morning("2026-07-15"))).toEqual({ reminded: 0, expired: 0 });
    expect(await runAuthorisationExpiry(deps(), morning("2026-08-01"))).toEqual({ reminded: 2, expired: 0 });
    // The next day's run finds the 30-day reminder already sent.
    expect(await runAuthorisationExpiry(deps(), morning("2026-08-02"))).toEqual({ reminded: 0, expired: 0 });
    expect(await runAuthorisationExpiry(deps(), morning("2026-08-24"))).toEqual({ reminded: 2, expired: 0 });
    for (const chat of [daoChat, hoaChat]) {
      const reminders = (await noticesFor(db.prisma, chat)).filter((n) => n.keys[0] === "requests:notice.expiring");
      expect(reminders).toHaveLength(2);
    }
    const last = await db.prisma.outboundMessage.findUniqueOrThrow({
      where: { dedupeKey: `authorisation:${authorisationId}:expires:7:${hoaChat}` },
    });
    expect(JSON.stringify(last.reply)).toContain('"days":7');
  });

  it("runs on schedule through the scheduler, and ends the authorisation the day after its last day", async () => {
    const clock = fixedClock(morning("2026-09-01"));
    const scheduler = createScheduler({
      prisma: db.prisma,
      log: createLogger({ level: "silent" }),
      clock,
      owner: "test",
    });
    scheduler.register(authorisationExpiryJob(deps()));
    expect(await scheduler.fire("authorisation-expiry", morning("2026-09-01"))).toBe(true);
    // Another instance firing the same minute does nothing.
    expect(await scheduler.fire("authorisation-expiry", morning("2026-09-01"))).toBe(false);
    expect((await db.prisma.authorisation.findUniqueOrThrow({ where: { id: authorisationId } })).status).toBe(
      "EXPIRED",
    );
    expect((await noticesFor(db.prisma, hoaChat)).at(-1)?.keys).toEqual(["requests:notice.expired"]);
    expect((await noticesFor(db.prisma, daoChat)).at(-1)?.keys).toEqual(["requests:notice.expired"]);
  });

  it("lists the relative on August's payout list and the beneficiary alone on September's", async () => {
    const exportDeps = { prisma: db.prisma, i18n: await createI18n() };
    const receiver = async (month: string) => {
      const [first] = listRows(
        await readSheet((await exportPayoutList(exportDeps, { communeId: world.communeId, month, staff: null })).data),
      );
      return [first?.get("Họ và tên"), first?.get("Người nhận thay")];
    };
    expect(await receiver("2026-08")).toEqual(["Nguyễn Thị Đào", "Lê Thị Hoa"]);
    expect(await receiver("2026-09")).toEqual(["Nguyễn Thị Đào", null]);
  });
});
