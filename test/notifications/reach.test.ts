import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peopleToVisit } from "../../src/features/notifications/peopleToVisit.ts";
import { reachByCommune } from "../../src/features/notifications/reachByCommune.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedReachWorld, type ReachWorld } from "./reachWorld.ts";

const TODAY = "2026-07-15";

describe("the reach report", () => {
  let db: TestDatabase;
  let world: ReachWorld;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedReachWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("counts, per commune of the area, who is reached by own chat, by a relative's chat, by phone only, or not at all", async () => {
    const rows = await reachByCommune(db.prisma, [world.communes.a, world.communes.b], TODAY);
    expect(
      rows.map(({ communeName, total, ownChat, relativeChat, phoneOnly, none, noticesOff }) => ({
        communeName,
        total,
        ownChat,
        relativeChat,
        phoneOnly,
        none,
        noticesOff,
      })),
    ).toEqual([
      { communeName: "Phường Đông Ba", total: 2, ownChat: 0, relativeChat: 1, phoneOnly: 0, none: 1, noticesOff: 0 },
      { communeName: "Xã Hòa An", total: 6, ownChat: 2, relativeChat: 1, phoneOnly: 2, none: 1, noticesOff: 1 },
    ]);
  });

  it("lists exactly the people without a usable chat, with the phone masked, and nobody outside the area", async () => {
    const visits = await peopleToVisit(db.prisma, [world.communes.a, world.communes.b], { today: TODAY });
    expect(visits.map((v) => [v.fullName, v.maskedPhone, v.reach])).toEqual([
      ["Đặng Thị Lan", null, "NONE"],
      ["Hồ Thị Em", "••••••0003", "PHONE_ONLY"],
      ["Phạm Văn Dũng", "••••••0002", "PHONE_ONLY"],
      ["Võ Thị Giang", null, "NONE"],
    ]);
    expect(visits.map((v) => v.beneficiaryId)).not.toContain(world.people.minh);
  });

  it("reconciles: the classes add up to a direct count of active people, and the visit list to phone-only plus unreachable", async () => {
    const rows = await reachByCommune(db.prisma, null, TODAY);
    for (const r of rows) {
      expect(r.ownChat + r.relativeChat + r.phoneOnly + r.none).toBe(r.total);
      expect(r.total).toBe(await db.prisma.beneficiary.count({ where: { communeId: r.communeId, status: "ACTIVE" } }));
      const ownDirect = await db.prisma.beneficiary.count({
        where: {
          communeId: r.communeId,
          status: "ACTIVE",
          chatLinks: {
            some: { role: "SELF", identity: { consentAt: { not: null }, consentWithdrawnAt: null, reachable: true } },
          },
        },
      });
      expect(r.ownChat).toBe(ownDirect);
      const visits = await peopleToVisit(db.prisma, [r.communeId], { today: TODAY });
      expect(visits).toHaveLength(r.phoneOnly + r.none);
      expect(visits.filter((v) => v.reach === "PHONE_ONLY")).toHaveLength(r.phoneOnly);
    }
    expect(rows.map((r) => r.communeName)).toContain("Xã Thủy Xuân");
  });

  it("pages the visit list and narrows it to one commune", async () => {
    const all = await peopleToVisit(db.prisma, null, { today: TODAY });
    const second = await peopleToVisit(db.prisma, null, { today: TODAY, take: 2, skip: 2 });
    expect(second).toEqual(all.slice(2, 4));
    const onlyB = await peopleToVisit(db.prisma, [world.communes.a, world.communes.b], {
      today: TODAY,
      communeId: world.communes.b,
    });
    expect(onlyB.map((v) => v.fullName)).toEqual(["Đặng Thị Lan"]);
    // A commune outside the area gives nobody, whatever is asked.
    expect(await peopleToVisit(db.prisma, [world.communes.a], { today: TODAY, communeId: world.communes.c })).toEqual(
      [],
    );
  });
});
