// Writes a generated demo province inside the caller's transaction: places, payout periods and
// days, demo staff, then the people in bulk (a few seconds for 2,000 even on the embedded database).
import type { Prisma } from "../../generated/prisma/client.ts";
import { calendarDate } from "../../lib/calendarDate.ts";
import type { DemoStaffMember } from "./demoStaff.ts";
import { insertPeople, need } from "./insertPeople.ts";
import type { DemoData } from "./types.ts";

type Tx = Prisma.TransactionClient;

export interface DemoCounts {
  beneficiaries: number;
  payouts: number;
  lines: number;
}

export async function insertDemo(
  tx: Tx,
  data: DemoData,
  staff: readonly (DemoStaffMember & { passwordHash: string })[],
  now: Date,
): Promise<DemoCounts> {
  const province = await tx.province.upsert({
    where: { code: data.province.code },
    create: data.province,
    update: {},
  });
  const communeIds = new Map<string, string>();
  const pointIds = new Map<string, string>();
  for (const c of data.communes) {
    const commune = await tx.commune.upsert({
      where: { code: c.code },
      create: { code: c.code, name: c.name, kind: c.kind, provinceId: province.id, legacyDistrict: c.legacyDistrict },
      update: {},
    });
    communeIds.set(c.code, commune.id);
    for (const p of c.points) {
      const point = await tx.payoutPoint.upsert({
        where: { communeId_name: { communeId: commune.id, name: p.name } },
        create: { communeId: commune.id, name: p.name, address: p.address },
        update: {},
      });
      pointIds.set(`${c.code}|${p.name}`, point.id);
    }
  }
  const periodIds = new Map<string, string>();
  for (const p of data.periods) {
    const month = calendarDate(p.month);
    const period = await tx.payoutPeriod.upsert({ where: { month }, create: { month, status: p.status }, update: {} });
    periodIds.set(p.month, period.id);
  }
  await tx.payoutSchedule.createMany({
    skipDuplicates: true,
    data: data.schedules.map((s) => ({
      periodId: need(periodIds, s.month),
      communeId: need(communeIds, s.communeCode),
      pointId: need(pointIds, `${s.communeCode}|${s.pointName}`),
      date: calendarDate(s.date),
      startTime: s.startTime,
      endTime: s.endTime,
    })),
  });

  const staffIds = await insertStaff(tx, staff, province.id, communeIds);
  const categoryIds = new Map(
    (await tx.benefitCategory.findMany({ select: { id: true, code: true } })).map((c) => [c.code, c.id]),
  );
  return insertPeople(tx, data.people, {
    communeIds,
    pointIds,
    periodIds,
    categoryIds,
    deciderFor: (communeCode) =>
      staffIds.get(staff.find((s) => s.area === communeCode)?.username ?? "") ?? staffIds.get("tinh") ?? null,
    now: now.toISOString(),
  });
}

// A demo user is only added when nobody has taken the username (an operator's own "admin" stays).
async function insertStaff(
  tx: Tx,
  staff: readonly (DemoStaffMember & { passwordHash: string })[],
  provinceId: string,
  communeIds: Map<string, string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const s of staff) {
    const existing = await tx.staffUser.findUnique({ where: { username: s.username }, select: { id: true } });
    if (existing) {
      ids.set(s.username, existing.id);
      continue;
    }
    const user = await tx.staffUser.create({
      data: { username: s.username, fullName: s.fullName, passwordHash: s.passwordHash, role: s.role },
    });
    ids.set(s.username, user.id);
    if (s.area === "province") await tx.staffScope.create({ data: { staffId: user.id, provinceId } });
    else if (s.area) await tx.staffScope.create({ data: { staffId: user.id, communeId: need(communeIds, s.area) } });
  }
  return ids;
}
