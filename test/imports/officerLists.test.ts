import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { runImport, type ImportReport } from "../../src/features/imports/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { importDeps, officer, seedPlaces, type Places } from "./fixtures.ts";
import { bytes, hamletWorkbook, payoutSheet, typedInTcvn3 } from "./officerLists.ts";

const lines = (r: ImportReport) => r.lines.map((l) => [l.sheet, l.rowsText, l.column, l.code]);

describe("importing the lists officers keep, as they keep them", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    await seedShippedPolicy(db.prisma);
    deps = await importDeps(db.prisma);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("reads a hamlet-per-sheet workbook under its letterhead, reports each broken row once by sheet, row and column, and writes nothing on a check", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "xa.anphu.1");
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds-thang-7.xlsx",
      data: await hamletWorkbook(),
      dryRun: true,
      staff,
    });
    expect(report.sheets.map((s) => [s.name, s.status, s.reason ?? null, s.rows])).toEqual([
      ["Thôn Đông", "read", null, 6],
      ["Thôn Tây", "read", null, 5],
      ["Tổng hợp", "skipped", "no_header", 0],
    ]);
    const eastSheet = report.sheets[0]!;
    expect(eastSheet).toMatchObject({
      headerRows: { first: 8, last: 9 },
      firstRow: 11,
      lastRow: 16,
      titleCommune: "Xã An Phú",
      titleMonth: "2026-07",
    });
    expect(eastSheet.hidden).toEqual([
      { header: "Tuổi", letter: "F" },
      { header: "Số CMND", letter: "G" },
    ]);
    expect(eastSheet.ignored?.map((c) => c.header)).toEqual([
      "Trợ cấp xã hội hàng tháng / Hệ số",
      "Trợ cấp xã hội hàng tháng / Mức trợ cấp",
      "Ký nhận",
    ]);
    expect(lines(report)).toEqual([
      ["Thôn Đông", "14", "Diện hưởng", "category_ambiguous"],
      ["Thôn Đông", "15", "Số định danh cá nhân", "personal_id_length"],
      ["Thôn Đông", "16", "Số định danh cá nhân", "required"],
      // Without a birth date the age cannot choose between the two "NCT cô đơn" categories: the
      // date's line is the one to act on, and the category is decided once it is fixed.
      ["Thôn Tây", "6", "Ngày sinh / Nam", "birth_date_invalid"],
      ["Thôn Tây", "8", "Số định danh cá nhân", "duplicate_row_sheet"],
    ]);
    const byCode = new Map(report.lines.map((l) => [l.code, l]));
    expect(byCode.get("personal_id_length")!.message).toBe("Số định danh phải có đúng 12 chữ số; ô này có 11 chữ số.");
    // "Khoản 5 Điều 5" without its point: Dung is 76, so points a (60-80) and d remain; points b
    // and c were repealed in 2025, and the social pension that replaced them stands in their place.
    expect(report.lines[0]!.message).toContain("BTXH_OLD_60_80_POOR");
    expect(report.lines[0]!.message).toContain("SOCIAL_PENSION");
    expect(report.lines[0]!.message).not.toContain("BTXH_OLD_75_80_HARD_AREA");
    expect(report.lines[0]!.message).toContain("BTXH_OLD_TAKEN_IN");
    expect(report.lines[0]!.message).not.toContain("BTXH_OLD_80_NO_PENSION");
    expect(byCode.get("duplicate_row_sheet")!.message).toBe("Trùng với dòng 11 ở sheet “Thôn Đông”.");
    expect(byCode.get("required")!.letter).toBe("E");
    expect(report).toMatchObject({ created: 6, applied: false, rows: 11 });
    expect(await db.prisma.beneficiary.count()).toBe(0);
  });

  it("imports exactly the valid people when asked to leave the broken rows out, with every cell form read", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "xa.anphu.2");
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds-thang-7.xlsx",
      data: await hamletWorkbook(),
      dryRun: false,
      staff,
      skipInvalid: true,
    });
    expect(report).toMatchObject({ applied: true, created: 6 });
    const people = await db.prisma.beneficiary.findMany({
      include: { categories: { include: { category: true } } },
      orderBy: { fullNameAscii: "asc" },
    });
    expect(
      people.map((p) => [
        p.fullName,
        p.personalId,
        p.dateOfBirth.toISOString().slice(0, 10),
        p.sex,
        p.phone,
        p.programme,
        p.categories.map((c) => [c.category.code, c.rate]),
      ]),
    ).toEqual([
      ["Bùi Thị Khánh", "001144000008", "1944-01-01", "FEMALE", null, "NCC", [["NCC_HEROIC_MOTHER", null]]],
      ["Đỗ Văn Hùng", "001040000007", "1940-01-15", "MALE", null, "NCC", [["NCC_WAR_INVALID", 41]]],
      ["Dương Văn Minh", "001042000010", "1942-02-02", "MALE", "0987654321", "BTXH", [["BTXH_OLD_80", null]]],
      ["Lê Văn Cường", "001048000003", "1948-01-01", "MALE", null, "BTXH", [["BTXH_OLD_60_80_POOR", null]]],
      ["Nguyễn Văn An", "001045000001", "1945-03-01", "MALE", "0912345678", "BTXH", [["BTXH_OLD_80", null]]],
      [
        "Trần Thị Bình",
        "001150000002",
        "1950-05-02",
        "FEMALE",
        null,
        "BTXH",
        [["BTXH_SEVERE_DISABILITY_CHILD_OR_OLD", null]],
      ],
    ]);
    expect(people.every((p) => p.communeId === places.anPhu)).toBe(true);
    expect(people.find((p) => p.fullName === "Trần Thị Bình")!.address).toBe("Thôn Thôn Đông");

    // The same file again: the valid people are unchanged (a birth year alone keeps the stored date).
    const again = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds-thang-7.xlsx",
      data: await hamletWorkbook(),
      dryRun: true,
      staff,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it("reads a month's payout list with the month in its title, amounts as officers type them and the person named by ID", async () => {
    const wb = new ExcelJS.Workbook();
    payoutSheet(wb, [
      { name: "ĐỖ VĂN HÙNG", year: 1940, id: 1040000007, category: "Thương binh 41%", amount: "3.667.000" },
      { name: "Bùi Thị Khánh", year: 1944, id: "001 144 000 008", category: "Bà mẹ VNAH", amount: "9,036,000 đ" },
      { name: "Người Lạ", year: 1950, id: "001050000099", category: "Thân nhân liệt sĩ", amount: 3012000 },
    ]);
    const report = await runImport(deps, {
      kind: "payouts",
      fileName: "chi-tra-t7.xlsx",
      data: await bytes(wb),
      dryRun: true,
      staff: null,
    });
    expect(lines(report)).toEqual([["T7-2026", "11", "Số CCCD", "beneficiary_not_found"]]);
    expect(report.sheets[0]).toMatchObject({ titleMonth: "2026-07", firstRow: 9, lastRow: 11 });
    expect(report.sheets[0]!.ignored?.map((c) => c.header)).toEqual(["Năm sinh", "Địa chỉ", "Diện hưởng", "Ký nhận"]);
    expect(report.created).toBe(2);
  });

  it("reads a list with group rows and sub-totals between the people, header words on two lines in a cell, communes written short and phones as officers note them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.getCell("A1").value = "UBND TỈNH THỬ NGHIỆM";
    ws.mergeCells("A1:C1");
    ws.getCell("E1").value = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    ws.mergeCells("E1:I1");
    ws.getCell("A3").value = "DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI HƯỞNG TRỢ CẤP HẰNG THÁNG";
    ws.mergeCells("A3:I3");
    const header = ["STT", "Họ và\ntên", "Ngày tháng\nnăm sinh", "Giới\ntính", "Số CCCD/\nĐịnh danh", "Xã, phường"];
    const rows: ExcelJS.CellValue[][] = [
      [...header, "Thôn/Tổ dân phố", "Đối tượng", "SĐT liên hệ"],
      ["I", "NGƯỜI CAO TUỔI"],
      [
        1,
        "Nguyễn Văn Tư",
        "1/5/1945",
        "Nam",
        "001045123451",
        "x. an phú",
        "Thôn 3",
        "NCT cô đơn",
        "0912 345 678 (con trai)",
      ],
      [2, "TRẦN THỊ NĂM", "01-05-1944", "nữ", "001144123452", "Xa An Phu", "Thôn 3", "nct co don", "Không có"],
      [null, "Cộng I"],
      ["II", "NGƯỜI KHUYẾT TẬT"],
      [
        1,
        "Phạm Văn Bảy",
        "1960",
        "Nam",
        "001060123454",
        "P. Bình Minh",
        "TDP 1",
        "NKT nặng",
        "0212345678 - 0987654321",
      ],
      [
        2,
        "Hoàng Thị Tám",
        "ngày 3 tháng 3 năm 1965",
        "Bà",
        "001165123455",
        "P.Bình Minh",
        "TDP 1",
        "NKT nặng",
        "0912.345.681",
      ],
      [3, "Lê Văn Chín", "1955", "Nam", "001055123456", "TT. Không Có", "TDP 4", "NKT nặng", "0212345678"],
      [null, "Cộng II"],
      [null, "TỔNG CỘNG"],
    ];
    rows.forEach((values, i) => (ws.getRow(5 + i).values = values));
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds-toan-tinh.xlsx",
      data: await bytes(wb),
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(report.sheets.map((s) => [s.name, s.status, s.rows, s.ignored ?? []])).toEqual([
      ["Danh sách", "read", 5, []],
    ]);
    // The one row whose commune exists nowhere (and whose only phone is a landline) is the only
    // problem; group titles and sub-totals are not people.
    expect(lines(report)).toEqual([
      ["Danh sách", "13", "SĐT liên hệ", "phone_invalid"],
      ["Danh sách", "13", "Xã, phường", "commune_unknown"],
    ]);
    expect(report.lines[1]!.message).toContain("TT. Không Có");
    expect(report).toMatchObject({ applied: true, created: 4 });
    const people = await db.prisma.beneficiary.findMany({
      where: { personalIdLast4: { in: ["3451", "3452", "3454", "3455"] } },
      orderBy: { dateOfBirth: "asc" },
    });
    expect(
      people.map((p) => [p.fullName, p.dateOfBirth.toISOString().slice(0, 10), p.sex, p.communeId, p.address, p.phone]),
    ).toEqual([
      ["Trần Thị Năm", "1944-05-01", "FEMALE", places.anPhu, "Thôn 3", null],
      ["Nguyễn Văn Tư", "1945-05-01", "MALE", places.anPhu, "Thôn 3", "0912345678"],
      ["Phạm Văn Bảy", "1960-01-01", "MALE", places.binhMinh, "TDP 1", "0987654321"],
      ["Hoàng Thị Tám", "1965-03-03", "FEMALE", places.binhMinh, "TDP 1", "0912345681"],
    ]);
  });

  it("takes a rate or a number of children from a column of its own, and a later list without that column keeps the stored rates", async () => {
    const list = (withRates: boolean) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("NCC");
      ws.getCell("A1").value = "UBND XÃ AN PHÚ";
      ws.getCell("A3").value = "DANH SÁCH NGƯỜI CÓ CÔNG HƯỞNG TRỢ CẤP ƯU ĐÃI HẰNG THÁNG";
      const people: [string, number, string, string, string, ExcelJS.CellValue, ExcelJS.CellValue][] = [
        ["Nguyễn Văn Thương", 1950, "Nam", "001050324461", "Thương binh", 61, null],
        ["Trần Văn Binh", 1952, "Nam", "001052324462", "Bệnh binh", "41 %", null],
        ["Phạm Văn Độc", 1948, "Nam", "001048324464", "Người HĐKC bị nhiễm CĐHH", 0.81, null],
        ["Lê Thị Đơn", 1990, "Nữ", "001190324465", "Đơn thân nuôi con", null, "2 con"],
        ["Đỗ Văn Sai", 1951, "Nam", "001051324466", "Thương binh 41%", 61, null],
        ["Vũ Văn Chữ", 1953, "Nam", "001053324467", "Thương binh", "sáu mươi", null],
        ["Hồ Văn Trống", 1954, "Nam", "001054324468", "Thương binh", null, null],
      ];
      ws.getRow(5).values = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Đối tượng"].concat(
        withRates ? ["Tỷ lệ TTCT (%)", "Số con"] : [],
      );
      people.forEach(([name, year, sex, id, category, rate, children], i) => {
        ws.getRow(6 + i).values = [i + 1, name, year, sex, id, category, ...(withRates ? [rate, children] : [])];
      });
      ws.getCell("G8").numFmt = "0%";
      return bytes(wb);
    };
    const first = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ncc.xlsx",
      data: await list(true),
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(lines(first)).toEqual([
      ["NCC", "10", "Tỷ lệ TTCT (%)", "rate_conflict"],
      ["NCC", "11", "Tỷ lệ TTCT (%)", "rate_invalid"],
      // A new war invalid with no rate anywhere is not added: nobody could compute the amount.
      ["NCC", "12", "Đối tượng", "rate_required"],
    ]);
    expect(first.lines[0]!.message).toBe("Ô diện hưởng ghi 41, cột này ghi 61. Hãy sửa cho hai chỗ giống nhau.");
    expect(first).toMatchObject({ applied: true, created: 4 });
    const stored = async () =>
      (
        await db.prisma.beneficiary.findMany({
          where: { personalIdLast4: { in: ["4461", "4462", "4464", "4465"] } },
          include: { categories: { include: { category: true } } },
          orderBy: { dateOfBirth: "asc" },
        })
      ).map((p) => [p.fullName, p.categories.map((c) => [c.category.code, c.rate])]);
    const expected = [
      ["Phạm Văn Độc", [["NCC_AGENT_ORANGE", 81]]],
      ["Nguyễn Văn Thương", [["NCC_WAR_INVALID", 61]]],
      ["Trần Văn Binh", [["NCC_SICK_SOLDIER", 41]]],
      ["Lê Thị Đơn", [["BTXH_SINGLE_PARENT_POOR", 2]]],
    ];
    expect(await stored()).toEqual(expected);

    const again = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ncc-khong-ty-le.xlsx",
      data: await list(false),
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(again).toMatchObject({ applied: true, created: 1, updated: 0, unchanged: 4 });
    expect(lines(again)).toEqual([
      ["NCC", "11", "Đối tượng", "rate_required"],
      ["NCC", "12", "Đối tượng", "rate_required"],
    ]);
    expect(again.lines[0]!.message).toContain("cần tỷ lệ");
    expect(await stored()).toEqual(expected);
  });

  it("chooses a martyr relative's category by the list's column of the number of martyrs, and reports a row that contradicts it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("TNLS");
    ws.getCell("A1").value = "UBND XÃ AN PHÚ";
    ws.getRow(3).values = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Đối tượng", "Số liệt sĩ"];
    const rows: ExcelJS.CellValue[][] = [
      ["Ngô Thị Hai", 1935, "Nữ", "001135525461", "Thân nhân liệt sĩ", 2],
      ["Đinh Văn Bốn", 1940, "Nam", "001040525462", "TNLS", "4 liệt sĩ"],
      ["Lý Thị Một", 1938, "Nữ", "001138525463", "Thân nhân 1 liệt sĩ", 2],
      ["Cao Văn Trống", 1942, "Nam", "001042525464", "Thân nhân liệt sĩ", null],
    ];
    rows.forEach((values, i) => (ws.getRow(4 + i).values = [i + 1, ...values]));
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "tnls.xlsx",
      data: await bytes(wb),
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(lines(report)).toEqual([
      ["TNLS", "6", "Đối tượng", "martyrs_conflict"],
      ["TNLS", "7", "Đối tượng", "category_ambiguous"],
    ]);
    expect(report.lines[0]!.message).toBe(
      'Diện hưởng "Thân nhân 1 liệt sĩ" không khớp với số liệt sĩ (2) ghi ở cột bên cạnh.',
    );
    const people = await db.prisma.beneficiary.findMany({
      where: { personalIdLast4: { in: ["5461", "5462"] } },
      include: { categories: { include: { category: true } } },
      orderBy: { dateOfBirth: "asc" },
    });
    expect(people.map((p) => [p.fullName, p.categories.map((c) => c.category.code)])).toEqual([
      ["Ngô Thị Hai", ["NCC_MARTYR_RELATIVE_2"]],
      ["Đinh Văn Bốn", ["NCC_MARTYR_RELATIVE_3PLUS"]],
    ]);
  });

  it("reads a payout list that splits the amount into the month's allowance and back pay, with the ways officers write how it is paid", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Chi trả T7");
    ws.getCell("A1").value = "UBND XÃ AN PHÚ";
    ws.getCell("A3").value = "DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 7 NĂM 2026";
    ws.getRow(5).values = [
      "STT",
      "Họ và tên",
      "Số CCCD",
      "Số tiền được nhận (đồng)",
      null,
      null,
      "Hình thức nhận",
      "Số tài khoản",
      "Ngân hàng/Ví",
      "Ký nhận",
    ];
    ws.getRow(6).values = [null, null, null, "Trợ cấp tháng", "Truy lĩnh", "Tổng cộng"];
    for (const c of [1, 2, 3, 7, 8, 9, 10]) ws.mergeCells(5, c, 6, c);
    ws.mergeCells(5, 4, 5, 6);
    const rows: ExcelJS.CellValue[][] = [
      [
        "Đỗ Văn Hùng",
        "001040000007",
        "3.667.000",
        "1.000.000",
        "4.667.000",
        "Chuyển khoản",
        "'0123456789012",
        "Agribank",
      ],
      ["Bùi Thị Khánh", "001144000008", 9036000, "-", 9036000, "TM"],
      ["Nguyễn Văn Thương", "001050324461", "2.000.000", "500.000", "2.000.000", "Tiền mặt"],
      ["Trần Văn Binh", "001052324462", "1.000.000", null, "1.000.000", "CK", "0987654321", "Viettel Money"],
      // Only the back pay is written beside the total: the rest of the total is the month's allowance.
      ["Lê Thị Đơn", "001190324465", null, "300.000", "1.300.000", "Tiền mặt"],
    ];
    rows.forEach((values, i) => (ws.getRow(7 + i).values = [i + 1, ...values]));
    const report = await runImport(deps, {
      kind: "payouts",
      fileName: "chi-tra-t7.xlsx",
      data: await bytes(wb),
      dryRun: false,
      skipInvalid: true,
      staff: null,
    });
    expect(lines(report)).toEqual([["Chi trả T7", "9", "Số tiền được nhận (đồng) / Tổng cộng", "parts_mismatch"]]);
    expect(report.lines[0]!.message).toBe(
      "Các khoản cộng lại 2.500.000 đ, khác số tiền 2.000.000 đ. Hãy sửa cho khớp.",
    );
    expect(report).toMatchObject({ applied: true, created: 4 });
    const payouts = await db.prisma.payout.findMany({
      where: { period: { month: new Date("2026-07-01T00:00:00Z") } },
      include: { beneficiary: true, account: true, lines: { orderBy: { position: "asc" } } },
      orderBy: { amount: "asc" },
    });
    expect(
      payouts.map((p) => [
        p.beneficiary.fullName,
        p.amount,
        p.method,
        p.account?.provider ?? null,
        p.lines.map((l) => [l.kind, l.amount, l.label]),
      ]),
    ).toEqual([
      ["Trần Văn Binh", 1_000_000, "MOBILE_MONEY", "Viettel Money", [["MONTHLY", 1_000_000, "Trợ cấp hằng tháng"]]],
      [
        "Lê Thị Đơn",
        1_300_000,
        "CASH_POINT",
        null,
        [
          ["MONTHLY", 1_000_000, "Trợ cấp hằng tháng"],
          ["BACK_PAY", 300_000, "Truy lĩnh"],
        ],
      ],
      [
        "Đỗ Văn Hùng",
        4_667_000,
        "BANK",
        "Agribank",
        [
          ["MONTHLY", 3_667_000, "Trợ cấp hằng tháng"],
          ["BACK_PAY", 1_000_000, "Truy lĩnh"],
        ],
      ],
      ["Bùi Thị Khánh", 9_036_000, "CASH_POINT", null, [["MONTHLY", 9_036_000, "Trợ cấp hằng tháng"]]],
    ]);
  });

  // A real run (not a check) by the command line's operator, as the console's jobs run it.
  const importList = async (
    kind: "beneficiaries" | "payouts",
    fileName: string,
    wb: ExcelJS.Workbook,
    o: { skipInvalid: boolean },
  ) =>
    runImport(deps, { kind, fileName, data: await bytes(wb), dryRun: false, skipInvalid: o.skipInvalid, staff: null });

  it("reads a list typed years ago in the TCVN3 code of the .VnTime fonts, or in VNI, as the Vietnamese it shows", async () => {
    const tcvn = typedInTcvn3;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DS");
    ws.getCell("A1").value = tcvn("UBND XÃ AN PHÚ");
    ws.getCell("A3").value = tcvn("DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG");
    ws.getRow(5).values = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Diện hưởng"].map(tcvn);
    ws.getRow(6).values = [1, tcvn("Nguyễn Thị Hường"), 1945, tcvn("Nữ"), "001145500011", tcvn("NCT cô đơn")];
    // Typed in capitals with the .VnTimeH font.
    ws.getRow(7).values = [2, tcvn("TRƯƠNG VĂN ĐỨC"), 1948, "Nam", "001048500012", tcvn("NCT cô đơn")];
    ws.getCell("B9").value = tcvn("Người lập biểu");
    expect(ws.getCell("B6").value).toBe("NguyÔn ThÞ H\u00adêng");
    const report = await importList("beneficiaries", "ds-vntime.xlsx", wb, { skipInvalid: false });
    expect(lines(report)).toEqual([]);
    expect(report).toMatchObject({ applied: true, created: 2 });
    const people = await db.prisma.beneficiary.findMany({
      where: { fullName: { in: ["Nguyễn Thị Hường", "Trương Văn Đức"] } },
      include: { commune: true },
      orderBy: { fullName: "asc" },
    });
    expect(people.map((p) => [p.fullName, p.sex, p.commune.name])).toEqual([
      ["Nguyễn Thị Hường", "FEMALE", "Xã An Phú"],
      ["Trương Văn Đức", "MALE", "Xã An Phú"],
    ]);

    // The same list saved as CSV: the TCVN3 bytes, in no Unicode at all.
    const csv = [
      "STT;Họ và tên;Năm sinh;Giới tính;Số CCCD;Diện hưởng;Xã",
      "1;Lê Thị Thu Hằng;1944;Nữ;001144500013;NCT cô đơn;An Phú",
    ]
      .map(tcvn)
      .join("\r\n");
    const fromCsv = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds-vntime.csv",
      data: Buffer.from(csv, "latin1"),
      dryRun: false,
      staff: null,
    });
    expect(lines(fromCsv)).toEqual([]);
    expect(await db.prisma.beneficiary.count({ where: { fullName: "Lê Thị Thu Hằng" } })).toBe(1);

    // A list from the south, typed in the VNI code of the VNI-Times fonts, as its cells hold it.
    const vni = new ExcelJS.Workbook();
    const south = vni.addWorksheet("DS");
    south.getCell("A1").value = "UÛY BAN NHAÂN DAÂN XAÕ AN PHUÙ";
    south.getCell("A3").value = "DANH SAÙCH ÑOÁI TÖÔÏNG HÖÔÛNG TRÔÏ CAÁP XAÕ HOÄI";
    south.getRow(5).values = ["STT", "Hoï vaø teân", "Naêm sinh", "Giôùi tính", "Soá CCCD", "Dieän höôûng"];
    south.getRow(6).values = [1, "Phaïm Thò Löôïng", 1943, "Nöõ", "001143500014", "NCT coâ ñôn"];
    const fromVni = await importList("beneficiaries", "ds-vni.xlsx", vni, { skipInvalid: false });
    expect(lines(fromVni)).toEqual([]);
    expect(await db.prisma.beneficiary.count({ where: { fullName: "Phạm Thị Lượng" } })).toBe(1);
  });

  it("reads a birth date in three columns with or without a title over them, section rows merged across the table, names written with a title, statuses with their date, the house number beside the hamlet and a decision with its date in one cell", async () => {
    const wb = new ExcelJS.Workbook();
    const one = wb.addWorksheet("Thôn 1");
    one.getCell("A1").value = "UBND XÃ AN PHÚ";
    one.getCell("A3").value = "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG";
    one.mergeCells("A3:I3");
    // Each title merged down two rows, and no "Ngày sinh" over Ngày | Tháng | Năm.
    one.getRow(5).values = [
      "STT",
      "Họ và tên",
      "Ngày",
      "Tháng",
      "Năm",
      "Giới tính",
      "Số CCCD",
      "Diện hưởng",
      "Tình trạng",
    ];
    for (let c = 1; c <= 9; c++) one.mergeCells(5, c, 6, c);
    one.getCell("A7").value = "I. Người cao tuổi";
    one.mergeCells("A7:I7");
    one.getRow(8).values = [1, "Bà Lê Thị Cúc", 3, 3, 1942, "Nữ", "001142500001", "NCT cô đơn", "Đang hưởng"];
    one.getRow(9).values = [
      2,
      "Cụ Phạm Văn Dũng",
      null,
      null,
      1940,
      "Nam",
      "001040500002",
      "NCT cô đơn",
      "Đã chết (T5/2026)",
    ];
    // Point b of clause 5 was repealed on 1 July 2025: named alone, it is reported with its successor.
    one.getRow(10).values = [3, "Trịnh Văn Lộc", 1, 1, 1949, "Nam", "001049500006", "Điểm b khoản 5 Điều 5 NĐ 20/2021"];
    one.getCell("A11").value = "II. Người khuyết tật";
    one.mergeCells("A11:I11");
    one.getRow(12).values = [1, "Ông Văn Tùng", 15, 8, 1970, "Nam", "001070500003", "NKT nặng", "Cắt từ tháng 3/2026"];
    // "Ngày sinh" over Ngày | Tháng | Năm beside Nam | Nữ merged down, a mark telling the sex.
    const two = wb.addWorksheet("Thôn 2");
    two.getRow(5).values = [
      "STT",
      "Họ và tên",
      "Ngày sinh",
      null,
      null,
      "Nam",
      "Nữ",
      "Số định danh",
      "Diện hưởng",
      "Số nhà",
      "Thôn/Ấp",
      "Quyết định số / ngày",
    ];
    two.getRow(6).values = [null, null, "Ngày", "Tháng", "Năm"];
    for (const c of [1, 2, 6, 7, 8, 9, 10, 11, 12]) two.mergeCells(5, c, 6, c);
    two.mergeCells(5, 3, 5, 5);
    two.getRow(7).values = [
      1,
      "Hồ Thị Mai",
      1,
      12,
      1966,
      null,
      "x",
      "001166500004",
      "NKT nặng",
      "12",
      "Ấp Bắc",
      "125/QĐ-UBND ngày 15/01/2025",
    ];
    two.getRow(8).values = [2, "Đinh Văn Sơn", 31, 2, 1964, "x", null, "001064500005", "NKT nặng"];
    const report = await importList("beneficiaries", "ds-thon.xlsx", wb, { skipInvalid: true });
    expect(report.sheets.map((s) => [s.name, s.status, s.rows])).toEqual([
      ["Thôn 1", "read", 4],
      ["Thôn 2", "read", 2],
    ]);
    // The section rows are not people; the repealed category and the impossible 31/2 are reported.
    expect(lines(report).map(([sheet, row, , code]) => [sheet, row, code])).toEqual([
      ["Thôn 1", "10", "category_repealed"],
      ["Thôn 2", "8", "birth_date_invalid"],
    ]);
    expect(report.lines[0]!.message).toContain("Nghị định 176/2025/NĐ-CP");
    expect(report.lines[0]!.message).toContain("SOCIAL_PENSION");
    expect(report).toMatchObject({ applied: true, created: 4 });
    const people = await db.prisma.beneficiary.findMany({
      where: { fullName: { in: ["Lê Thị Cúc", "Phạm Văn Dũng", "Ông Văn Tùng", "Hồ Thị Mai"] } },
      orderBy: { dateOfBirth: "asc" },
    });
    const mai = people.find((p) => p.fullName === "Hồ Thị Mai")!;
    expect([mai.address, mai.decisionNo, mai.decidedOn?.toISOString().slice(0, 10)]).toEqual([
      "12, Ấp Bắc",
      "125/QĐ-UBND",
      "2025-01-15",
    ]);
    expect(people.map((p) => [p.fullName, p.dateOfBirth.toISOString().slice(0, 10), p.sex, p.status])).toEqual([
      ["Phạm Văn Dũng", "1940-01-01", "MALE", "DECEASED"],
      ["Lê Thị Cúc", "1942-03-03", "FEMALE", "ACTIVE"],
      ["Hồ Thị Mai", "1966-12-01", "FEMALE", "ACTIVE"],
      ["Ông Văn Tùng", "1970-08-15", "MALE", "ENDED"],
    ]);
  });

  it("reads a payout list kept in thousands of đồng under a dated line of another month, its month merged right above the header, and keeps what the list does not say", async () => {
    const stated = new ExcelJS.Workbook();
    const ws1 = stated.addWorksheet("T8");
    ws1.getCell("A1").value = "UBND XÃ AN PHÚ";
    ws1.getCell("A3").value = "DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 8 NĂM 2026";
    ws1.getRow(5).values = [
      "STT",
      "Họ và tên",
      "Số CCCD",
      "Số tiền",
      "Hình thức",
      "Số tài khoản",
      "Ngân hàng",
      "Ghi chú",
    ];
    ws1.getRow(6).values = [
      1,
      "Đỗ Văn Hùng",
      "001040000007",
      "3.667.000",
      "CK",
      "0123456789012",
      "Agribank",
      "Con trai nhận",
    ];
    ws1.getRow(7).values = [2, "Bùi Thị Khánh", "001144000008", "9.036.000", "TM"];
    const first = await importList("payouts", "chi-tra-t8.xlsx", stated, { skipInvalid: false });
    expect(first).toMatchObject({ applied: true, created: 2 });

    // The post office's copy: amounts in thousands, no way of payment, an empty note column of
    // its own, a signature column titled "Ký", and a section total.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng kê");
    ws.getCell("A1").value = "UBND XÃ AN PHÚ";
    ws.getCell("D1").value = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    ws.mergeCells("D1:F1");
    ws.getCell("D2").value = "An Phú, ngày 25 tháng 7 năm 2026";
    ws.mergeCells("D2:F2");
    ws.getCell("A4").value = "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI";
    ws.mergeCells("A4:F4");
    ws.getCell("A5").value = "Đơn vị tính: 1.000 đồng";
    ws.mergeCells("A5:F5");
    ws.getCell("A6").value = "Kỳ chi trả: Tháng 8 năm 2026";
    ws.mergeCells("A6:F6");
    ws.getRow(7).values = ["STT", "Họ và tên", "Số CCCD", "Số tiền", "Ghi chú", "Ký"];
    ws.getRow(8).values = [1, "Đỗ Văn Hùng", "001040000007", 4667, null, "đã ký"];
    ws.getRow(9).values = [2, "Bùi Thị Khánh", "001144000008", "9.036,00", null, "đã ký"];
    ws.getRow(10).values = [null, "Cộng I", null, 13703];
    const report = await importList("payouts", "bang-ke-t8.xlsx", wb, { skipInvalid: false });
    expect(lines(report)).toEqual([]);
    expect(report.sheets[0]!.ignored?.map((c) => c.header)).toContain("Ký");
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1 });
    const payouts = await db.prisma.payout.findMany({
      where: { period: { month: new Date("2026-08-01T00:00:00Z") } },
      include: { beneficiary: true, account: true },
      orderBy: { amount: "asc" },
    });
    expect(
      payouts.map((p) => [p.beneficiary.fullName, p.amount, p.method, p.account?.provider ?? null, p.statusNote]),
    ).toEqual([
      ["Đỗ Văn Hùng", 4_667_000, "BANK", "Agribank", "Con trai nhận"],
      ["Bùi Thị Khánh", 9_036_000, "CASH_POINT", null, null],
    ]);

    // A list for two months at once is never read as one of them; amounts too small for an
    // allowance are a list in thousands that does not say so.
    const both = new ExcelJS.Workbook();
    const ws3 = both.addWorksheet("T8-9");
    ws3.getCell("A1").value = "DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 8 VÀ THÁNG 9 NĂM 2026";
    ws3.getRow(3).values = ["STT", "Họ và tên", "Số CCCD", "Số tiền"];
    ws3.getRow(4).values = [1, "Đỗ Văn Hùng", "001040000007", 9334];
    const refused = await importList("payouts", "chi-tra-t8-t9.xlsx", both, { skipInvalid: false });
    expect(lines(refused).map(([, row, , code]) => [row, code])).toEqual([
      ["4", "month_missing"],
      ["4", "amount_too_small"],
    ]);
    expect(refused).toMatchObject({ applied: false });

    // The same list with a month column that gives the month alone: the title's year completes it.
    ws3.getRow(3).values = ["STT", "Họ và tên", "Số CCCD", "Tháng", "Số tiền"];
    ws3.getRow(4).values = [1, "Đỗ Văn Hùng", "001040000007", "T8", 4_667_000];
    ws3.getRow(5).values = [2, "Đỗ Văn Hùng", "001040000007", 9, 4_700_000];
    // Kept on the list with nothing this month (suspended, moved away): left out, said so, no problem.
    ws3.getRow(6).values = [3, "Bùi Thị Khánh", "001144000008", "T9", 0];
    ws3.getRow(7).values = [4, "Bùi Thị Khánh", "001144000008", "T8", "-"];
    const split = await importList("payouts", "chi-tra-t8-t9.xlsx", both, { skipInvalid: false });
    expect(lines(split)).toEqual([]);
    expect(split.sheets[0]!.unpaidRows).toEqual([6, 7]);
    expect(
      await db.prisma.payout.count({
        where: { beneficiary: { fullName: "Bùi Thị Khánh" }, period: { month: new Date("2026-09-01T00:00:00Z") } },
      }),
    ).toBe(0);
    const hung = await db.prisma.payout.findMany({
      where: { beneficiary: { fullName: "Đỗ Văn Hùng" }, period: { month: { gte: new Date("2026-08-01T00:00:00Z") } } },
      include: { period: true },
      orderBy: { period: { month: "asc" } },
    });
    expect(hung.map((p) => [p.period.month.toISOString().slice(0, 7), p.amount])).toEqual([
      ["2026-08", 4_667_000],
      ["2026-09", 4_700_000],
    ]);
  });

  it("tells an officer who lists a person twice in one month where the second amount goes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T10");
    ws.getCell("A1").value = "DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 10 NĂM 2026";
    ws.getRow(3).values = ["STT", "Họ và tên", "Số CCCD", "Số tiền"];
    ws.getCell("A4").value = "I. Trợ cấp hằng tháng";
    ws.mergeCells("A4:D4");
    ws.getRow(5).values = [1, "Đỗ Văn Hùng", "001040000007", 3_667_000];
    ws.getCell("A6").value = "II. Truy lĩnh";
    ws.mergeCells("A6:D6");
    ws.getRow(7).values = [1, "Đỗ Văn Hùng", "001040000007", 1_200_000];
    const report = await importList("payouts", "chi-tra-t10.xlsx", wb, { skipInvalid: false });
    expect(lines(report)).toEqual([["T10", "7", "Số CCCD", "duplicate_payout"]]);
    expect(report.lines[0]!.message).toContain("ghi vào cột riêng trên cùng dòng (cột Truy lĩnh, Phụ cấp)");
    expect(report.applied).toBe(false);
  });

  it("reads back pay under a title naming the months it covers, over 'Số tháng | Số tiền', as a line of the amount", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T9");
    ws.getCell("A1").value = "UBND XÃ AN PHÚ";
    ws.getCell("A3").value = "DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 9 NĂM 2026";
    ws.getRow(5).values = [
      "STT",
      "Họ và tên",
      "Số CCCD",
      "Trợ cấp tháng 9",
      "Truy lĩnh từ 01/2026 đến 06/2026",
      null,
      "Tổng cộng",
    ];
    ws.getRow(6).values = [null, null, null, null, "Số tháng", "Số tiền"];
    for (const c of [1, 2, 3, 4, 7]) ws.mergeCells(5, c, 6, c);
    ws.mergeCells(5, 5, 5, 6);
    ws.getRow(7).values = [1, "Đỗ Văn Hùng", "001040000007", 3_667_000, 6, 1_200_000, 4_867_000];
    const report = await importList("payouts", "chi-tra-t9.xlsx", wb, { skipInvalid: false });
    expect(lines(report)).toEqual([]);
    expect(report.sheets[0]!.ignored?.map((c) => c.header)).toEqual(["Truy lĩnh từ 01/2026 đến 06/2026 / Số tháng"]);
    const payout = await db.prisma.payout.findFirstOrThrow({
      where: { period: { month: new Date("2026-09-01T00:00:00Z") } },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect([payout.amount, payout.lines.map((l) => [l.kind, l.amount])]).toEqual([
      4_867_000,
      [
        ["MONTHLY", 3_667_000],
        ["BACK_PAY", 1_200_000],
      ],
    ]);
  });
});
