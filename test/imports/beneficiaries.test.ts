import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport, type ImportReport } from "../../src/features/imports/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import {
  BENEFICIARY_HEADER,
  date,
  importDeps,
  manyPeople,
  officer,
  seedPlaces,
  xlsx,
  type Places,
  type Row,
} from "./fixtures.ts";

const shape = (r: ImportReport) => r.errors.map((e) => [e.row, e.column, e.code]);

describe("importing a beneficiary list", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    deps = await importDeps(db.prisma);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const good: Row[] = [
    [
      1,
      "Nguyễn Văn An",
      "001045000001",
      date("1945-03-01"),
      "Nam",
      "0912345678",
      "Thôn 1",
      "00001",
      "BTXH",
      "BTXH_OLD_80",
      "Đang hưởng",
    ],
    [
      2,
      "Trần Thị Bình",
      "001150000002",
      "02/05/1950",
      "Nữ",
      "",
      "",
      "Phường Bình Minh",
      "NCC",
      "NCC_WAR_INVALID:41; NCC_MARTYR_RELATIVE_1",
      "",
    ],
    [
      3,
      "Lê Văn Cường",
      "079060000003",
      "1960-12-31",
      "nam",
      "+84 987 654 321",
      "",
      "00002",
      "BTXH",
      "BTXH_SEVERE_DISABILITY_ADULT",
      "Tạm dừng",
    ],
  ];

  it("reports every broken row exactly, in the officer's row numbers, and changes nothing", async () => {
    const broken: Row[] = [
      ...good,
      [4, "Phạm Văn Dũng", "999045000004", date("1945-01-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
      [5, "Hoàng Văn Em", "001145000005", date("1945-01-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
      [6, "Vũ Thị Giang", "001230000006", "01/01/2030", "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
      [
        7,
        "Đỗ Văn Hùng",
        "001045000007",
        date("1945-01-01"),
        "Nam",
        "0212345678",
        "",
        "00001",
        "BTXH",
        "BTXH_OLD_80",
        "",
      ],
      [8, "Bùi Văn Khánh", "001045000008", date("1945-01-01"), "Nam", "", "", "99999", "BTXH", "BTXH_OLD_80", ""],
      [9, "Ngô Văn Long", "001045000009", date("1945-01-01"), "Nam", "", "", "00001", "BTXH", "NCC_WAR_INVALID:41", ""],
      [
        10,
        "Dương Văn Minh",
        "001045000010",
        date("1945-01-01"),
        "Nam",
        "",
        "",
        "00001",
        "BTXH",
        "BTXH_KHONG_CO",
        "sống khỏe",
      ],
      [11, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
    ];
    const data = await xlsx(BENEFICIARY_HEADER, broken);
    for (const dryRun of [true, false]) {
      const report = await runImport(deps, { kind: "beneficiaries", fileName: "ds.xlsx", data, dryRun, staff: null });
      expect(shape(report)).toEqual([
        [5, "Số định danh", "personal_id_province"],
        [6, "Số định danh", "personal_id_sex"],
        [7, "Ngày sinh", "date_in_future"],
        [8, "Số điện thoại", "phone_invalid"],
        [9, "Mã xã", "commune_unknown"],
        [10, "Diện hưởng", "category_programme"],
        [11, "Diện hưởng", "category_unknown"],
        [11, "Trạng thái", "status_invalid"],
        [12, "Số định danh", "duplicate_row"],
      ]);
      expect(report.errors[8]!.params).toEqual({ firstRow: 2 });
      expect(report.errors[0]!.message).toBe("Ba số đầu của số định danh không phải mã tỉnh hợp lệ.");
      expect(report.applied).toBe(false);
      expect(report.rows).toBe(11);
    }
    expect(await db.prisma.beneficiary.count()).toBe(0);
    const en = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data,
      dryRun: true,
      staff: null,
      locale: "en",
    });
    expect(en.errors[2]!.message).toBe("Date 01/01/2030 is in the future.");
  });

  it("imports around a column it does not know, naming it once, and refuses a list without a required column in one clear line", async () => {
    const data = await xlsx(
      ["Họ và tên", "Số định danh", "Ngày sinh", "Giới tính", "Mã xã", "Chương trình", "Diện hưởng", "Nghề nghiệp"],
      [["Mai Văn Tư", "001045000031", "01/01/1945", "Nam", "00001", "BTXH", "BTXH_OLD_80", "nông dân"]],
    );
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "x.xlsx",
      data,
      dryRun: true,
      staff: null,
    });
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(1);
    expect(report.sheets[0]!.ignored).toEqual([{ header: "Nghề nghiệp", letter: "H", reason: "unknown" }]);
    const missing = await xlsx(
      ["Họ và tên", "Ngày sinh", "Giới tính", "Mã xã", "Chương trình", "Diện hưởng"],
      [["A", "01/01/1950", "Nam", "00001", "BTXH", "BTXH_OLD_80"]],
    );
    const r2 = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "y.xlsx",
      data: missing,
      dryRun: true,
      staff: null,
    });
    expect(shape(r2)).toEqual([[1, "Số định danh", "missing_header"]]);
    expect(r2.errors[0]!.message).toBe(
      "Thiếu cột “Số định danh”. Các cột tìm thấy: Họ và tên, Ngày sinh, Giới tính, Mã xã, Chương trình, Diện hưởng.",
    );
  });

  it("imports the fixed list, then finds nothing to change the second time", async () => {
    const data = await xlsx(BENEFICIARY_HEADER, good);
    const dry = await runImport(deps, { kind: "beneficiaries", fileName: "ds.xlsx", data, dryRun: true, staff: null });
    expect(dry).toMatchObject({ errors: [], created: 3, updated: 0, applied: false });
    expect(await db.prisma.beneficiary.count()).toBe(0);

    const first = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data,
      dryRun: false,
      staff: null,
    });
    expect(first).toMatchObject({ errors: [], created: 3, updated: 0, unchanged: 0, applied: true });
    const binh = await db.prisma.beneficiary.findFirstOrThrow({
      where: { personalId: "001150000002" },
      include: { categories: { include: { category: true } }, commune: true },
    });
    expect(binh).toMatchObject({
      fullName: "Trần Thị Bình",
      fullNameAscii: "tran thi binh",
      sex: "FEMALE",
      programme: "NCC",
      status: "ACTIVE",
      phone: null,
    });
    expect(binh.commune.code).toBe("00002");
    expect(binh.dateOfBirth.toISOString().slice(0, 10)).toBe("1950-05-02");
    expect(binh.categories.map((c) => [c.category.code, c.rate]).sort()).toEqual([
      ["NCC_MARTYR_RELATIVE_1", null],
      ["NCC_WAR_INVALID", 41],
    ]);
    const cuong = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "079060000003" } });
    expect(cuong).toMatchObject({ phone: "0987654321", status: "SUSPENDED" });

    const again = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data,
      dryRun: false,
      staff: null,
    });
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 3 });
    const runs = await db.prisma.importRun.findMany({ where: { kind: "BENEFICIARIES", dryRun: false, errors: 0 } });
    expect(runs).toHaveLength(2);
    expect(await db.prisma.auditLog.count({ where: { action: "import.apply" } })).toBeGreaterThanOrEqual(2);
  });

  it("reports which fields an update changes and keeps the rest", async () => {
    const changed = good.map((r) => [...r]);
    changed[0]![5] = "0987000111";
    changed[0]![9] = "BTXH_OLD_80; BTXH_SEVERE_DISABILITY_ADULT";
    const data = await xlsx(BENEFICIARY_HEADER, changed);
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds2.xlsx",
      data,
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(report.changes).toEqual([
      {
        sheet: "Danh sách",
        row: 2,
        personalIdMasked: "••••••••0001",
        action: "update",
        fields: ["phone", "categories"],
      },
    ]);
    const an = await db.prisma.beneficiary.findFirstOrThrow({
      where: { personalId: "001045000001" },
      include: { categories: true },
    });
    expect(an.phone).toBe("0987000111");
    expect(an.categories).toHaveLength(2);
    expect(an.address).toBe("Thôn 1");
  });

  it("changes a category's rate and drops the categories the list no longer names", async () => {
    // The list as it was first imported, but for Bình's war-invalid rate and her second category.
    const changed = good.map((r) => [...r]);
    changed[1]![9] = "NCC_WAR_INVALID:61";
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds3.xlsx",
      data: await xlsx(BENEFICIARY_HEADER, changed),
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ errors: [], created: 0, applied: true });
    expect(report.changes.map((c) => [c.row, c.fields])).toEqual([
      [2, ["phone", "categories"]],
      [3, ["categories"]],
    ]);
    const codes = async (personalId: string) =>
      (
        await db.prisma.beneficiary.findFirstOrThrow({
          where: { personalId },
          include: { categories: { include: { category: true } } },
        })
      ).categories.map((c) => [c.category.code, c.rate]);
    expect(await codes("001150000002")).toEqual([["NCC_WAR_INVALID", 61]]);
    expect(await codes("001045000001")).toEqual([["BTXH_OLD_80", null]]);
  });

  it("reads a semicolon CSV with a BOM and headers without diacritics, restoring dropped zeros", async () => {
    const csv =
      "\uFEFFHo ten;So CCCD;Ngay sinh;GIOI TINH;Xa;Chuong trinh;Dien huong\n" +
      "Phan Van Nam;1040000011;03/04/1940;nam;An Phu;btxh;BTXH_OLD_80\n";
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.csv",
      data: Buffer.from(csv),
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ errors: [], created: 1 });
    const nam = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "001040000011" } });
    expect(nam.communeId).toBe(places.anPhu);
  });

  it("restores the leading zeros Excel drops from an ID typed as a number", async () => {
    const data = await xlsx(BENEFICIARY_HEADER, [
      [1, "Mai Thị Hoa", 1142000012, date("1942-06-06"), "Nữ", 912000111, "", "00001", "BTXH", "BTXH_OLD_80", ""],
    ]);
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "so.xlsx",
      data,
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ errors: [], created: 1 });
    const hoa = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "001142000012" } });
    expect(hoa.phone).toBe("0912000111");
  });

  it("refuses a commune officer's rows outside their communes, and a person registered elsewhere whom the row proves", async () => {
    const staff = await officer(db.prisma, [places.anPhu]);
    const before = await db.prisma.beneficiary.count();
    const data = await xlsx(BENEFICIARY_HEADER, [
      [1, "Người Mới", "001045000020", date("1945-01-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
      [2, "Người Xã Khác", "001045000021", date("1945-01-01"), "Nam", "", "", "00003", "BTXH", "BTXH_OLD_80", ""],
      // Lê Văn Cường lives in commune 00002, outside this officer's area.
      [
        3,
        "Lê Văn Cường",
        "079060000003",
        "1960-12-31",
        "Nam",
        "",
        "",
        "00001",
        "BTXH",
        "BTXH_SEVERE_DISABILITY_ADULT",
        "",
      ],
    ]);
    const report = await runImport(deps, { kind: "beneficiaries", fileName: "ds.xlsx", data, dryRun: false, staff });
    expect(shape(report)).toEqual([
      [3, "Mã xã", "outside_area"],
      [4, "Số định danh", "registered_elsewhere"],
    ]);
    expect(report.applied).toBe(false);
    expect(await db.prisma.beneficiary.count()).toBe(before);
    const cuong = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "079060000003" } });
    expect(cuong.communeId).toBe(places.binhMinh);
  });

  it("writes a list of thousands of people whole or not at all: one broken row near the end keeps everyone out, and leaving it out imports the rest", async () => {
    const before = await db.prisma.beneficiary.count();
    // More people than the import compares (and on PostgreSQL writes) at a time, so the broken row
    // is found after the first people were already written in the import's transaction.
    const rows = manyPeople(6200, 500_000, (i) => (i === 6150 ? "12345" : ""));
    const data = await xlsx(BENEFICIARY_HEADER, rows);
    const refused = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data,
      dryRun: false,
      staff: null,
    });
    expect(shape(refused)).toEqual([[6152, "Số điện thoại", "phone_invalid"]]);
    expect(refused.applied).toBe(false);
    expect(await db.prisma.beneficiary.count()).toBe(before);

    const rest = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data,
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(rest).toMatchObject({ applied: true, created: 6199, updated: 0 });
    // The next lookups are planned for the list as it is now, without waiting for autovacuum: the
    // tables the import wrote are analysed at once.
    const [stats] = await db.prisma.$queryRaw<{ people: number }[]>`
      SELECT reltuples::float8 AS people FROM pg_class WHERE relname = 'Beneficiary'`;
    expect(stats?.people).toBeGreaterThanOrEqual(6199);
    expect(await db.prisma.beneficiary.count()).toBe(before + 6199);
    const last = await db.prisma.beneficiary.findFirstOrThrow({
      where: { personalId: "001045506199" },
      include: { categories: true },
    });
    expect(last.fullName).toBe("Người Thứ 6200");
    expect(last.categories.map((c) => c.categoryId)).toEqual([expect.any(String)]);
    expect(await db.prisma.beneficiary.count({ where: { personalId: "001045506150" } })).toBe(0);
  });
});
