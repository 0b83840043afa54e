import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warnWithoutAutovacuum } from "../src/db/admin.ts";
import { bulkStatement } from "../src/db/bulkWrite.ts";
import { bulkTransaction } from "../src/db/hotRows.ts";
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

  it("sets the message queues to be vacuumed early, and warns when the server does not vacuum at all", async () => {
    const options = await db.prisma.$queryRaw<{ relname: string; reloptions: string[] | null }[]>`
      SELECT relname, reloptions FROM pg_class WHERE relname IN ('OutboundMessage', 'InboundMessage') ORDER BY relname`;
    expect(
      options.map((o) => [o.relname, o.reloptions?.includes("autovacuum_vacuum_scale_factor=0.01") ?? false]),
    ).toEqual([
      ["InboundMessage", false],
      ["OutboundMessage", true],
    ]);
    const warnings: string[] = [];
    const log = { warn: (_: object, msg: string) => warnings.push(msg) };
    const [setting] = await db.prisma.$queryRaw<
      { autovacuum: string }[]
    >`SELECT current_setting('autovacuum') AS autovacuum`;
    await warnWithoutAutovacuum(db.prisma, log);
    expect(warnings).toEqual(setting?.autovacuum === "off" ? [expect.stringContaining("autovacuum is off")] : []);
  });

  it("writes nothing of a bulk transaction that outlives its time limit", async () => {
    const province = { code: "T99", name: "Tỉnh Quá Giờ" };
    const insert = bulkStatement.insert(db.prisma, "Province", { id: "text", code: "text", name: "text" }, [
      { id: "province-late", ...province },
    ]);
    const late = bulkTransaction(
      db.prisma,
      async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await tx.run(insert);
      },
      { timeout: 150, maxWait: 1000 },
    );
    await expect(late).rejects.toThrow(/expired|closed|timeout/i);
    expect(await db.prisma.province.count({ where: { code: province.code } })).toBe(0);
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
