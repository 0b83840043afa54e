import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../src/lib/text.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { plan, seedPayoutWorld, type PayoutWorld } from "./noticeWorld.ts";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

// Reminders go out 2 days before the payout day at 08:00 Vietnam time (the defaults). Xã Hòa An and
// Xã Tân Lập pay August on the 5th, Xã Bình Minh on the 12th; some payouts carry a day of their own.
describe("payout reminders: the day comes from the payout or from its commune's schedule", () => {
  let db: TestDatabase;
  let world: PayoutWorld;
  let people: { cuc: string; dung: string; binh: string; em: string };

  const reminded = async () => {
    const rows = await db.prisma.payoutNotice.findMany({
      where: { kind: "REMINDER" },
      select: { payout: { select: { beneficiaryId: true } } },
    });
    const names = new Map([
      [world.dao, "Đào"],
      [people.cuc, "Cúc"],
      [people.dung, "Dũng"],
      [people.binh, "Bình"],
      [people.em, "Em"],
    ]);
    return rows.map((r) => names.get(r.payout.beneficiaryId)).sort();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedPayoutWorld(db.prisma);
    const hoaAn = await db.prisma.commune.findUniqueOrThrow({ where: { id: world.communeId } });
    const august = await db.prisma.payoutPeriod.findUniqueOrThrow({ where: { month: d("2026-08-01") } });
    const commune = async (code: string, name: string, day: string) => {
      const { id } = await db.prisma.commune.create({ data: { code, name, provinceId: hoaAn.provinceId } });
      const point = await db.prisma.payoutPoint.create({
        data: { communeId: id, name: "Trạm y tế xã", address: `Thôn 1, ${name}` },
      });
      await db.prisma.payoutSchedule.create({
        data: {
          periodId: august.id,
          communeId: id,
          pointId: point.id,
          date: d(day),
          startTime: "07:30",
          endTime: "11:00",
        },
      });
      return { id, pointId: point.id };
    };
    const binhMinh = await commune("91102", "Xã Bình Minh", "2026-08-12");
    const tanLap = await commune("91103", "Xã Tân Lập", "2026-08-05");
    const person = async (fullName: string, personalId: string, communeId = binhMinh.id) =>
      (
        await db.prisma.beneficiary.create({
          data: {
            personalId,
            personalIdLast4: personalId.slice(-4),
            fullName,
            fullNameAscii: foldVietnamese(fullName),
            dateOfBirth: d("1942-02-02"),
            sex: "FEMALE",
            communeId,
            programme: "BTXH",
            phone: null,
          },
        })
      ).id;
    const cash = (beneficiaryId: string, pointId: string, scheduledDate: Date | null) =>
      db.prisma.payout.create({
        data: {
          periodId: august.id,
          beneficiaryId,
          amount: 500_000,
          method: "CASH_POINT",
          pointId,
          scheduledDate,
          status: "SCHEDULED",
        },
      });
    const hoaAnPoint = await db.prisma.payoutPoint.findFirstOrThrow({ where: { communeId: world.communeId } });
    people = {
      // Bình Minh's schedule gives her day: the 12th.
      cuc: await person("Phạm Thị Cúc", "001142000111"),
      // Paid on a day of his own, the 5th, whatever Bình Minh's schedule says.
      dung: await person("Hoàng Văn Dũng", "001042000222"),
      // In Hòa An (which pays on the 5th), but her payout has a day of its own: the 20th.
      binh: world.binh,
      // Tân Lập pays on the 5th, as Hòa An does.
      em: await person("Đỗ Thị Em", "001142000333", tanLap.id),
    };
    await cash(people.cuc, binhMinh.pointId, null);
    await cash(people.dung, binhMinh.pointId, d("2026-08-05"));
    await cash(people.em, tanLap.pointId, null);
    await cash(people.binh, hoaAnPoint.id, d("2026-08-20"));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("reminds those whose day is near, whether the day is their own or their commune's, and nobody else", async () => {
    await plan(db.prisma, "2026-08-03T00:59:00Z");
    expect(await reminded()).toEqual([]);
    // The window of the 5th opens: Đào and Em by their communes' schedules, Dũng by his own day;
    // not Bình, although Hòa An pays that day, nor Cúc, whose commune pays later.
    await plan(db.prisma, "2026-08-03T01:00:00Z");
    expect(await reminded()).toEqual(["Dũng", "Em", "Đào"].sort());
    await plan(db.prisma, "2026-08-10T00:59:00Z");
    expect(await reminded()).toEqual(["Dũng", "Em", "Đào"].sort());
    await plan(db.prisma, "2026-08-10T01:00:00Z");
    expect(await reminded()).toEqual(["Cúc", "Dũng", "Em", "Đào"].sort());
    await plan(db.prisma, "2026-08-18T01:00:00Z");
    expect(await reminded()).toEqual(["Bình", "Cúc", "Dũng", "Em", "Đào"].sort());
  });

  it("does not remind a person whose payout day has passed without one, nor twice", async () => {
    const before = await db.prisma.payoutNotice.count({ where: { kind: "REMINDER" } });
    await plan(db.prisma, "2026-08-21T01:00:00Z");
    expect(await db.prisma.payoutNotice.count({ where: { kind: "REMINDER" } })).toBe(before);
  });
});
