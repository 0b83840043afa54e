import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsJob, fireCampaigns } from "../../src/features/broadcasts/campaignFire.ts";
import { pickedOn } from "../../src/features/broadcasts/campaignPeople.ts";
import { saveCampaign, setCampaignActive } from "../../src/features/broadcasts/campaignService.ts";
import type { CampaignTrigger } from "../../src/features/broadcasts/campaignTrigger.ts";
import { sendDueBroadcasts } from "../../src/features/broadcasts/send.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { eight, seedCampaignWorld, TEXT, type CampaignWorld } from "./campaignWorld.ts";

describe("campaigns relative to dates", () => {
  let db: TestDatabase;
  let w: CampaignWorld;
  const settings = (now: Date) => ({ approvalThreshold: 1000, now });

  beforeAll(async () => {
    db = await createTestDatabase();
    w = await seedCampaignWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** Names of the people a broadcast goes to, once the broadcasts job has written its report lines. */
  async function reached(broadcastId: string, now: Date): Promise<string[]> {
    await sendDueBroadcasts({ prisma: db.prisma, config: { zns: null, sms: null } }, now, { onlyId: broadcastId });
    const lines = await db.prisma.broadcastDelivery.findMany({
      where: { broadcastId },
      select: { beneficiaryId: true },
    });
    const people = await db.prisma.beneficiary.findMany({
      where: { id: { in: lines.map((l) => l.beneficiaryId) } },
      select: { fullName: true },
    });
    return people.map((p) => p.fullName).sort();
  }

  const broadcastsOf = (campaignId: string) =>
    db.prisma.broadcast.findMany({ where: { campaignId }, orderBy: { createdAt: "asc" } });

  const create = (name: string, trigger: CampaignTrigger, now: Date, extra: Record<string, unknown> = {}) =>
    saveCampaign(
      db.prisma,
      w.officers.hoaAn,
      { name, trigger, audience: { communeIds: [w.communes.hoaAn], ...extra }, template: TEXT, active: true },
      settings(now),
    );

  it("3 days before payout day picks the people whose day, from the payout or the commune's schedule, is 3 days ahead, across the month end", async () => {
    const rule: CampaignTrigger = { kind: "beforePayout", days: 3 };
    const names = async (day: string, communes = [w.communes.hoaAn]): Promise<string[]> => {
      const picked = await pickedOn(db.prisma, rule, communes, day);
      if (picked === "everyone") throw new Error("the payout rule picks people, not everyone");
      return picked.map((id) => Object.entries(w.people).find(([, v]) => v === id)?.[0] ?? id).sort();
    };
    expect(await names("2026-06-27")).toEqual(["minh"]);
    expect(await names("2026-06-28")).toEqual([]);
    // Lan's July payout has no day of its own: the commune's July schedule says 02/07. Hùng was
    // paid already, Sương is suspended, Tư lives in another commune.
    expect(await names("2026-06-29")).toEqual(["lan"]);
    expect(await names("2026-06-30")).toEqual(["bao"]);
    expect(await names("2026-06-29", [w.communes.hoaAn, w.communes.dongBa])).toEqual(["lan", "tu"]);
  });

  it("30 days before an authorisation ends picks its beneficiary, unless the authorisation was renewed", async () => {
    const rule: CampaignTrigger = { kind: "beforeAuthorisationEnd", days: 30 };
    expect(await pickedOn(db.prisma, rule, [w.communes.hoaAn], "2026-06-29")).toEqual([w.people.lan]);
    expect(await pickedOn(db.prisma, rule, [w.communes.hoaAn], "2026-06-30")).toEqual([w.people.hung]);
    expect(await pickedOn(db.prisma, rule, [w.communes.hoaAn], "2026-06-28")).toEqual([]);
  });

  it("fires once a day at its time, however many instances fire, and again the next day, also late after a pause", async () => {
    const id = await create("Nhắc trước ngày chi trả", { kind: "beforePayout", days: 3 }, eight("2026-06-28", "10:00"));
    // Switched on after today's send time: the first fire is tomorrow's.
    await fireCampaigns({ prisma: db.prisma }, eight("2026-06-28", "10:05"));
    expect(await db.prisma.campaignFire.count({ where: { campaignId: id } })).toBe(0);

    // Two instances, each with its own scheduler, fire the same minute.
    const log = createLogger({ level: "silent" });
    // The job runs at the scheduler's clock; both instances' clocks show the same time.
    const clock = fixedClock(eight("2026-06-29"));
    const instances = ["a", "b"].map((owner) => {
      const s = createScheduler({ prisma: db.prisma, log, clock, owner });
      s.register(campaignsJob({ prisma: db.prisma }));
      return s;
    });
    await fireCampaigns({ prisma: db.prisma }, eight("2026-06-29", "07:59"));
    expect(await broadcastsOf(id)).toHaveLength(0);
    const ran = await Promise.all(instances.map((s) => s.fire("campaigns", eight("2026-06-29"))));
    expect(ran.filter(Boolean)).toHaveLength(1);
    // Two runs past the coordinator at once (clocks a minute apart) still make one broadcast.
    await Promise.all([
      fireCampaigns({ prisma: db.prisma }, eight("2026-06-29", "08:01")),
      fireCampaigns({ prisma: db.prisma }, eight("2026-06-29", "08:01")),
    ]);
    let broadcasts = await broadcastsOf(id);
    expect(broadcasts.map((b) => [b.fireKey, b.status, b.recipients])).toEqual([["2026-06-29", "SCHEDULED", 1]]);
    expect(await reached(broadcasts[0]!.id, eight("2026-06-29", "08:02"))).toEqual(["Nguyễn Thị Lan"]);

    // Later the same day: nothing more.
    clock.set(eight("2026-06-29", "09:00"));
    expect(await instances[0]!.fire("campaigns", eight("2026-06-29", "09:00"))).toBe(true);
    expect(await broadcastsOf(id)).toHaveLength(1);

    // The next day the service was down at 08:00 and comes back in the afternoon: it still fires.
    clock.set(eight("2026-06-30", "14:37"));
    expect(await instances[1]!.fire("campaigns", eight("2026-06-30", "14:37"))).toBe(true);
    broadcasts = await broadcastsOf(id);
    expect(broadcasts.map((b) => b.fireKey)).toEqual(["2026-06-29", "2026-06-30"]);
    expect(await reached(broadcasts[1]!.id, eight("2026-06-30", "14:38"))).toEqual(["Phạm Văn Bảo"]);

    // A day whose rule picks nobody is recorded without a broadcast, and not looked at again.
    await fireCampaigns({ prisma: db.prisma }, eight("2026-07-01"));
    expect(await broadcastsOf(id)).toHaveLength(2);
    expect(
      await db.prisma.campaignFire.findMany({
        where: { campaignId: id },
        orderBy: { fireKey: "asc" },
        select: { fireKey: true, recipients: true },
      }),
    ).toEqual([
      { fireKey: "2026-06-29", recipients: 1 },
      { fireKey: "2026-06-30", recipients: 1 },
      { fireKey: "2026-07-01", recipients: 0 },
    ]);
  });

  it("on day 1 of each month reaches the people with no account yet; a campaign switched off does not fire", async () => {
    const monthly = await create("Mở tài khoản", { kind: "dayOfMonth", day: 1 }, eight("2026-06-20"), {
      noAccount: true,
    });
    const off = await create("Tin hằng tháng", { kind: "dayOfMonth", day: 1 }, eight("2026-06-20"));
    await setCampaignActive(db.prisma, w.officers.hoaAn, off, false, settings(eight("2026-06-25")));

    await fireCampaigns({ prisma: db.prisma }, eight("2026-06-30", "20:00"));
    expect(await broadcastsOf(monthly)).toHaveLength(0);
    await fireCampaigns({ prisma: db.prisma }, eight("2026-07-01", "08:00"));
    const [b] = await broadcastsOf(monthly);
    expect(b?.fireKey).toBe("2026-07-01");
    // Minh and Bảo have verified accounts, Hùng's is not verified yet; Sương is suspended.
    expect(await reached(b!.id, eight("2026-07-01", "08:01"))).toEqual(["Lê Văn Hùng", "Nguyễn Thị Lan"]);
    expect(await broadcastsOf(off)).toHaveLength(0);
    expect(await db.prisma.campaignFire.count({ where: { campaignId: off } })).toBe(0);
  });
});
