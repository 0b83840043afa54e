import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database.ts";

describe("database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("is migrated and records what was applied", async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    expect(await db.migrate()).toEqual([]);
  });

  it("keeps calendar dates and integer VND exactly", async () => {
    const province = await db.prisma.province.create({ data: { code: "T01", name: "Tỉnh Thử" } });
    const commune = await db.prisma.commune.create({
      data: { code: "T0101", name: "Xã Thử", provinceId: province.id },
    });
    const b = await db.prisma.beneficiary.create({
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
    const again = await db.prisma.beneficiary.findUniqueOrThrow({ where: { id: b.id } });
    expect(again.dateOfBirth.toISOString().slice(0, 10)).toBe("1945-03-01");
  });
});
