import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBeneficiaryList } from "../../src/features/exports/beneficiaryList.ts";
import { exportPayoutList } from "../../src/features/exports/payoutList.ts";
import { runImport } from "../../src/features/imports/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, date, importDeps, officer, readSheet, seedPlaces, xlsx, type Places } from "./fixtures.ts";

describe("exporting lists", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    deps = await importDeps(db.prisma);
    const people = await xlsx(
      [...BENEFICIARY_HEADER, "Số quyết định", "Ngày quyết định", "Ghi chú"],
      [
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
          "",
          "12/QĐ-UBND",
          date("2025-08-01"),
          "khiếm thị",
        ],
        [
          2,
          "Trần Thị Bình",
          "001150000002",
          date("1950-05-02"),
          "Nữ",
          "",
          "",
          "00001",
          "NCC",
          "NCC_WAR_INVALID:41; NCC_MARTYR_RELATIVE_1",
          "Tạm dừng",
          "",
          "",
          "",
        ],
        [
          3,
          "Lê Văn Cường",
          "079060000003",
          date("1960-12-31"),
          "Nam",
          "",
          "",
          "00003",
          "BTXH",
          "BTXH_OLD_80",
          "",
          "",
          "",
          "",
        ],
      ],
    );
    expect(
      (await runImport(deps, { kind: "beneficiaries", fileName: "ds.xlsx", data: people, dryRun: false, staff: null }))
        .errors,
    ).toEqual([]);
    const payouts = await xlsx(
      [
        "Số định danh",
        "Kỳ",
        "Số tiền",
        "Hình thức",
        "Ngân hàng",
        "Số tài khoản",
        "Ngày chi trả",
        "Khung giờ",
        "Điểm chi trả",
      ],
      [
        [
          "001045000001",
          "07/2026",
          1000000,
          "Tiền mặt",
          "",
          "",
          date("2026-07-05"),
          "07:30-11:00",
          "Nhà văn hóa thôn 3",
        ],
        [
          "001150000002",
          "07/2026",
          3667000,
          "Tài khoản ngân hàng",
          "Agribank",
          "123456789012",
          date("2026-07-05"),
          "",
          "",
        ],
        ["079060000003", "07/2026", 1500000, "Tiền mặt", "", "", date("2026-07-06"), "", ""],
      ],
    );
    expect(
      (await runImport(deps, { kind: "payouts", fileName: "ct.xlsx", data: payouts, dryRun: false, staff: null }))
        .errors,
    ).toEqual([]);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("puts the authorised receiver of an approved authorisation on the payout list", async () => {
    const an = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "001045000001" } });
    const son = await db.prisma.relative.create({
      data: {
        beneficiaryId: an.id,
        fullName: "Nguyễn Văn Bảo",
        relation: "con",
        personalId: "001080000123",
        personalIdLast4: "0123",
      },
    });
    await db.prisma.authorisation.create({
      data: {
        beneficiaryId: an.id,
        relativeId: son.id,
        validFrom: date("2026-06-01"),
        validUntil: date("2027-05-31"),
        status: "APPROVED",
      },
    });
    const file = await exportPayoutList(deps, { communeId: places.anPhu, month: "2026-07", staff: null });
    expect(file.fileName).toBe("chi-tra-00001-2026-07.xlsx");
    const ws = await readSheet(file.data);
    const header: string[] = [];
    expect(ws.getCell("A1").value).toBe("UBND XÃ AN PHÚ");
    expect(ws.getCell("D1").value).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(ws.getCell("A5").value).toBe("Tháng 07 năm 2026");
    ws.getRow(7).eachCell((cell, n) => {
      header[n] = String(cell.value);
    });
    expect(header).toContain("Họ và tên");
    expect(header).toContain("Người nhận thay");
    expect(ws.getRow(7).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 7 });
    const col = (name: string) => header.indexOf(name);
    const rowOf = (name: string) =>
      [8, 9].map((n) => ws.getRow(n)).find((r) => r.getCell(col("Họ và tên")).value === name)!;
    const anRow = rowOf("Nguyễn Văn An");
    expect(anRow.getCell(col("Người nhận thay")).value).toBe("Nguyễn Văn Bảo");
    expect(anRow.getCell(col("Quan hệ")).value).toBe("con");
    expect(anRow.getCell(col("Số định danh người nhận thay")).value).toBe("••••••••0123");
    expect(anRow.getCell(col("Số định danh")).value).toBe("••••••••0001");
    expect(anRow.getCell(col("Hình thức")).value).toBe("Tiền mặt tại điểm chi trả");
    expect(anRow.getCell(col("Khung giờ")).value).toBe("07:30-11:00");
    const binhRow = rowOf("Trần Thị Bình");
    expect(binhRow.getCell(col("Số tiền")).value).toBe(3667000);
    expect(binhRow.getCell(col("Số tiền")).numFmt).toBe("#,##0");
    expect(binhRow.getCell(col("Số tài khoản")).value).toBe("••••••••9012");
    expect(binhRow.getCell(col("Người nhận thay")).value).toBeNull();
    expect(ws.getRow(10).getCell(col("Họ và tên")).value).toBe("Tổng cộng");
    expect(ws.getRow(10).getCell(col("Số tiền")).value).toBe(4667000);
    // The authorisation ends in May 2027: the July 2027 list names no receiver.
    const july2027 = await xlsx(
      ["Số định danh", "Kỳ", "Số tiền", "Hình thức"],
      [["001045000001", "07/2027", 1000000, "Tiền mặt"]],
    );
    expect(
      (await runImport(deps, { kind: "payouts", fileName: "ct2.xlsx", data: july2027, dryRun: false, staff: null }))
        .errors,
    ).toEqual([]);
    const later = await readSheet(
      (await exportPayoutList(deps, { communeId: places.anPhu, month: "2027-07", staff: null })).data,
    );
    expect(later.getRow(8).getCell(col("Họ và tên")).value).toBe("Nguyễn Văn An");
    expect(later.getRow(8).getCell(col("Người nhận thay")).value).toBeNull();
  });

  it("refuses a commune outside the officer's area", async () => {
    const staff = await officer(db.prisma, [places.anPhu]);
    await expect(exportPayoutList(deps, { communeId: places.catTien, month: "2026-07", staff })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(exportBeneficiaryList(deps, { communeId: places.catTien, staff })).rejects.toMatchObject({
      code: "forbidden",
    });
    const own = await exportBeneficiaryList(deps, { communeId: places.anPhu, staff });
    expect((await readSheet(own.data)).rowCount).toBe(9);
  });

  it("exports a beneficiary list that imports back unchanged", async () => {
    const file = await exportBeneficiaryList(deps, { communeId: places.anPhu, staff: null });
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: file.fileName,
      data: file.data,
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ errors: [], rows: 2, created: 0, updated: 0, unchanged: 2 });
  });

  it("exports a month's payout list — masked IDs and accounts, letterhead, total and signatures — that imports back unchanged", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "xa.anphu.payouts");
    const file = await exportPayoutList(deps, { communeId: places.anPhu, month: "2026-07", staff });
    for (const who of [staff, null]) {
      const report = await runImport(deps, {
        kind: "payouts",
        fileName: file.fileName,
        data: file.data,
        dryRun: true,
        staff: who,
      });
      expect(report).toMatchObject({ errors: [], rows: 2, created: 0, updated: 0, unchanged: 2 });
      expect(report.sheets[0]).toMatchObject({ titleMonth: "2026-07", titleCommune: "Xã An Phú" });
    }
  });

  it("reads back two communes' payout lists pasted into one workbook, each sheet's masked IDs in the commune of its own letterhead", async () => {
    const combined = new ExcelJS.Workbook();
    for (const communeId of [places.catTien, places.anPhu]) {
      const file = await exportPayoutList(deps, { communeId, month: "2026-07", staff: null });
      const from = await readSheet(file.data);
      // What an officer's copy and paste keeps: the values and the merged cells.
      const to = combined.addWorksheet(communeId === places.anPhu ? "An Phú" : "Cát Tiên");
      from.eachRow((row, r) => row.eachCell((cell, c) => (to.getCell(r, c).value = cell.value)));
      for (const range of from.model.merges) to.mergeCells(range);
    }
    const report = await runImport(deps, {
      kind: "payouts",
      fileName: "hai-xa.xlsx",
      data: Buffer.from(await combined.xlsx.writeBuffer()),
      dryRun: true,
      staff: null,
    });
    expect(report.sheets.map((s) => [s.name, s.titleCommune, s.rows])).toEqual([
      ["Cát Tiên", "Xã Cát Tiên", 1],
      ["An Phú", "Xã An Phú", 2],
    ]);
    expect(report).toMatchObject({ errors: [], rows: 3, created: 0, updated: 0, unchanged: 3 });
  });
});
