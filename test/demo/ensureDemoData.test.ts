import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { verifyPassword } from "../../src/features/staff/password.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const log = createLogger({ level: "silent" });
const clock = fixedClock(new Date("2026-11-22T03:00:00.000Z"));
const LOGINS = [
  { username: "admin", password: "admin-demo-2026", role: "ADMIN" },
  { username: "tinh", password: "tinh-demo-2026", role: "PROVINCE_OFFICER" },
  { username: "xa1", password: "xa1-demo-2026", role: "COMMUNE_OFFICER" },
  { username: "xa2", password: "xa2-demo-2026", role: "COMMUNE_OFFICER" },
  { username: "tongdai", password: "tongdai-demo-2026", role: "HOTLINE_AGENT" },
];

describe("ensureDemoData on an empty database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const counts = async () => ({
    beneficiaries: await db.prisma.beneficiary.count(),
    payouts: await db.prisma.payout.count(),
    lines: await db.prisma.payoutLine.count(),
    accounts: await db.prisma.payoutAccount.count(),
    authorisations: await db.prisma.authorisation.count(),
    staff: await db.prisma.staffUser.count(),
    scopes: await db.prisma.staffScope.count(),
    categories: await db.prisma.benefitCategory.count(),
    periods: await db.prisma.payoutPeriod.count(),
    schedules: await db.prisma.payoutSchedule.count(),
  });

  it("loads the policy and the demo province and returns the demo logins", async () => {
    const result = await ensureDemoData({ prisma: db.prisma, log, clock, seed: 7 });
    expect(result).toEqual({ created: true, logins: LOGINS });

    const c = await counts();
    expect(c).toMatchObject({ beneficiaries: 2_000, payouts: 8_000, staff: 5, scopes: 4, periods: 4 });
    expect(c.categories).toBeGreaterThan(20);
    expect(c.accounts).toBeGreaterThan(800);
    expect(c.authorisations).toBeGreaterThan(100);

    const next = await db.prisma.payoutPeriod.findFirstOrThrow({ orderBy: { month: "desc" } });
    expect([next.month.toISOString().slice(0, 10), next.status]).toEqual(["2026-12-01", "SCHEDULED"]);
    // Each payout's amount is the sum of its lines.
    const mismatched = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Payout" p
      WHERE p.amount <> (SELECT coalesce(sum(l.amount), 0) FROM "PayoutLine" l WHERE l."payoutId" = p.id)`;
    expect(mismatched[0]?.n).toBe(0);
    // Paid on the scheduled day, in Vietnam time.
    const paidElsewhen = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Payout"
      WHERE status = 'PAID' AND ("paidAt" + interval '7 hours')::date <> "scheduledDate"`;
    expect(paidElsewhen[0]?.n).toBe(0);
  });

  it("stores payout lines the way the bot explains them", async () => {
    const categoryId = async (code: string) =>
      (await db.prisma.benefitCategory.findUniqueOrThrow({ where: { code } })).id;
    const warInvalid = await db.prisma.payoutLine.findFirstOrThrow({
      where: { categoryId: await categoryId("NCC_WAR_INVALID") },
    });
    expect(warInvalid).toMatchObject({ kind: "MONTHLY", baseLevel: 2_789_000, coefficient: null });
    expect([1_878_000, 3_667_000, 5_450_000, 7_240_000, 8_941_000]).toContain(warInvalid.amount);
    const old80 = await db.prisma.payoutLine.findFirstOrThrow({
      where: { categoryId: await categoryId("BTXH_OLD_80") },
    });
    expect([old80.amount, old80.baseLevel, old80.coefficient?.toString(), old80.legalBasis]).toEqual([
      1_080_000,
      540_000,
      "2",
      "Nghị định 335/2026/NĐ-CP",
    ]);
    const carried = await db.prisma.payoutLine.findFirstOrThrow({ where: { kind: "CARRIED_OVER" } });
    expect(carried.label).toMatch(/^Tiền chưa nhận kỳ \d{2}\/\d{4} chuyển sang$/);
  });

  it("gives the demo staff their areas and working passwords", async () => {
    const xa1 = await db.prisma.staffUser.findUniqueOrThrow({
      where: { username: "xa1" },
      include: { scopes: { include: { commune: true, province: true } } },
    });
    expect(xa1.scopes.map((s) => [s.commune?.code, s.province])).toEqual([["A0101", null]]);
    const tinh = await db.prisma.staffUser.findUniqueOrThrow({
      where: { username: "tinh" },
      include: { scopes: { include: { province: true } } },
    });
    expect(tinh.scopes.map((s) => s.province?.name)).toEqual(["Tỉnh An Hòa"]);
    const admin = await db.prisma.staffUser.findUniqueOrThrow({
      where: { username: "admin" },
      include: { scopes: true },
    });
    expect(admin.scopes).toEqual([]);
    expect(await verifyPassword("admin-demo-2026", admin.passwordHash)).toBe(true);
    // Authorisations in the first commune were approved by its officer after checking the papers.
    const approved = await db.prisma.authorisation.findFirstOrThrow({
      where: { status: "APPROVED", beneficiary: { commune: { code: "A0101" } } },
      include: { decidedBy: true, relative: true },
    });
    expect(approved.decidedBy?.username).toBe("xa1");
    expect(approved.documentsChecked).toMatchObject({ giayUyQuyen: true });
    expect(approved.validUntil > approved.validFrom).toBe(true);
    expect(approved.relative.personalIdLast4).toBe(approved.relative.personalId?.slice(-4));
  });

  it("creates nothing the second time, and still shows the logins", async () => {
    const before = await counts();
    const result = await ensureDemoData({ prisma: db.prisma, log, clock, seed: 7 });
    expect(result).toEqual({ created: false, logins: LOGINS });
    expect(await counts()).toEqual(before);
  });

  it("leaves out a demo login whose password was changed", async () => {
    await db.prisma.staffUser.update({ where: { username: "tongdai" }, data: { passwordHash: "scrypt$changed" } });
    const result = await ensureDemoData({ prisma: db.prisma, log, clock, seed: 7 });
    expect(result.logins.map((l) => l.username)).toEqual(["admin", "tinh", "xa1", "xa2"]);
  });
});

describe("ensureDemoData on a database with real beneficiaries", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("only syncs the policy and adds no demo people or demo staff", async () => {
    const province = await db.prisma.province.create({ data: { code: "T01", name: "Tỉnh Thật" } });
    const commune = await db.prisma.commune.create({
      data: { code: "T0101", name: "Xã Thật", provinceId: province.id },
    });
    await db.prisma.beneficiary.create({
      data: {
        personalId: "001145000001",
        personalIdLast4: "0001",
        fullName: "Nguyễn Văn A",
        fullNameAscii: "nguyen van a",
        dateOfBirth: new Date("1945-03-01T00:00:00Z"),
        sex: "MALE",
        communeId: commune.id,
        programme: "BTXH",
      },
    });
    const result = await ensureDemoData({ prisma: db.prisma, log, clock, seed: 7 });
    expect(result).toEqual({ created: false, logins: [] });
    expect(await db.prisma.beneficiary.count()).toBe(1);
    expect(await db.prisma.staffUser.count()).toBe(0);
    expect(await db.prisma.benefitCategory.count()).toBeGreaterThan(20);
  });
});
