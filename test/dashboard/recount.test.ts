import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDashboard } from "../../src/features/dashboard/loadDashboard.ts";
import { recountDashboard } from "../../src/features/dashboard/recountJob.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { NOW, seedDashboardWorld, type DashboardWorld } from "./world.ts";

const MINUTE = 60_000;

describe("the dashboard's recount job", () => {
  let db: TestDatabase;
  let world: DashboardWorld;
  const shown = (now: Date, month?: string) =>
    loadDashboard(db.prisma, [world.communes.a, world.communes.b], {
      today: "2026-07-15",
      now,
      ...(month ? { month } : {}),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedDashboardWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("counts every month of the trend the first time, then the current month on each run, and past months once a day", async () => {
    expect(await recountDashboard(db.prisma, NOW)).toEqual({ months: ["2026-05-01", "2026-06-01", "2026-07-01"] });
    expect((await shown(NOW)).totals.accountPaid).toBe(3);

    // Lan's July payout goes to cash and Khoa's June one to a bank account.
    await db.prisma.payout.updateMany({
      where: { periodId: world.periods.jul, beneficiaryId: world.people.lan },
      data: { method: "CASH_POINT" },
    });
    await db.prisma.payout.updateMany({
      where: { periodId: world.periods.jun, beneficiaryId: world.people.khoa },
      data: { method: "BANK" },
    });
    const later = new Date(NOW.getTime() + 10 * MINUTE);
    expect(await recountDashboard(db.prisma, later)).toEqual({ months: ["2026-07-01"] });
    const july = await shown(later);
    expect(july.totals.accountPaid).toBe(2);
    expect(july.countedAt).toEqual(later);
    expect(july.trend.map((p) => [p.period.month, p.accountPaid])).toEqual([
      ["2026-05-01", 2],
      ["2026-06-01", 2],
      ["2026-07-01", 2],
    ]);

    const nextDay = new Date(NOW.getTime() + 25 * 60 * MINUTE);
    expect(await recountDashboard(db.prisma, nextDay)).toEqual({ months: ["2026-05-01", "2026-06-01", "2026-07-01"] });
    expect((await shown(nextDay, "2026-06")).totals.accountPaid).toBe(3);
  });

  it("counts a commune added to the area before showing the month, and shows the other months once the job has counted them", async () => {
    const province = await db.prisma.commune.findUniqueOrThrow({
      where: { id: world.communes.a },
      select: { provinceId: true },
    });
    const added = await db.prisma.commune.create({
      data: { code: "94103", name: "Xã Mới Lập", provinceId: province.provinceId },
    });
    const page = await loadDashboard(db.prisma, [world.communes.a, world.communes.b, added.id], {
      today: "2026-07-15",
      now: NOW,
    });
    expect(page.communes.map((c) => c.communeName)).toEqual(["Phường Bình Minh", "Xã An Phú", "Xã Mới Lập"]);
    expect(page.communes.find((c) => c.communeId === added.id)?.active).toBe(0);
    // The shown month is counted at once; earlier months wait for the job and stay out of the trend.
    expect(await db.prisma.dashboardFigure.count({ where: { communeId: added.id } })).toBe(1);
    expect(page.trend.map((p) => p.period.month)).toEqual(["2026-07-01"]);
    await recountDashboard(db.prisma, new Date(NOW.getTime() + 10 * MINUTE));
    const counted = await loadDashboard(db.prisma, [world.communes.a, world.communes.b, added.id], {
      today: "2026-07-15",
      now: NOW,
    });
    expect(counted.trend.map((p) => p.period.month)).toEqual(["2026-05-01", "2026-06-01", "2026-07-01"]);
  });
});
