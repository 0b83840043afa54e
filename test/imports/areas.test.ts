import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../src/features/imports/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { importDeps, officer } from "./fixtures.ts";

describe("importing the areas list", () => {
  let db: TestDatabase;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    deps = await importDeps(db.prisma);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const csv = [
    "Mã tỉnh,Tên tỉnh,Mã xã,Tên xã,Loại",
    "01,Thành phố Hà Nội,00004,Phường Ba Đình,phường",
    "01,Thành phố Hà Nội,00008,Phường Ngọc Hà,",
    "91,Tỉnh An Giang,30001,Đặc khu Phú Quốc,đặc khu",
    "91,Tỉnh An Giang,30002,Xã Mỹ Hòa Hưng,Xã",
  ].join("\r\n");

  it("creates provinces and communes, then finds nothing to change", async () => {
    const first = await runImport(deps, {
      kind: "areas",
      fileName: "dia-ban.csv",
      data: Buffer.from(csv),
      dryRun: false,
      staff: null,
    });
    expect(first).toMatchObject({ errors: [], created: 4, applied: true });
    const communes = await db.prisma.commune.findMany({ orderBy: { code: "asc" }, include: { province: true } });
    expect(communes.map((c) => [c.code, c.name, c.kind, c.province.code])).toEqual([
      ["00004", "Phường Ba Đình", "PHUONG", "01"],
      ["00008", "Phường Ngọc Hà", "PHUONG", "01"],
      ["30001", "Đặc khu Phú Quốc", "DAC_KHU", "91"],
      ["30002", "Xã Mỹ Hòa Hưng", "XA", "91"],
    ]);
    const again = await runImport(deps, {
      kind: "areas",
      fileName: "dia-ban.csv",
      data: Buffer.from(csv),
      dryRun: false,
      staff: null,
    });
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 4 });
    expect(await db.prisma.importRun.count({ where: { kind: "AREAS" } })).toBe(2);
  });

  it("reports conflicting province names and refuses commune officers", async () => {
    const bad = csv + "\r\n01,Hà Nội,00010,Phường Hoàn Kiếm,phường";
    const report = await runImport(deps, {
      kind: "areas",
      fileName: "x.csv",
      data: Buffer.from(bad),
      dryRun: true,
      staff: null,
    });
    expect(report.errors.map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [6, "Tên tỉnh", "province_conflict", { firstRow: 2 }],
    ]);
    const staff = await officer(db.prisma, []);
    const refused = await runImport(deps, {
      kind: "areas",
      fileName: "dia-ban.csv",
      data: Buffer.from(csv),
      dryRun: false,
      staff,
    });
    expect(refused.errors.map((e) => e.code)).toEqual(["areas_admin_only"]);
  });
});
