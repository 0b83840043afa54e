import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport, type ImportReport } from "../../src/features/imports/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, date, importDeps, officer, seedPlaces, xlsx, type Places, type Row } from "./fixtures.ts";

const shape = (r: ImportReport) => r.errors.map((e) => [e.row, e.column, e.code]);
const HEADER = [
  "STT",
  "Số định danh",
  "Họ và tên",
  "Kỳ",
  "Số tiền",
  "Hình thức",
  "Ngân hàng",
  "Số tài khoản",
  "Ngày chi trả",
  "Khung giờ",
  "Điểm chi trả",
  "Trạng thái",
  "Người nhận thay",
  "Ghi chú",
];

describe("importing a monthly payout list", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    deps = await importDeps(db.prisma);
    const people = await xlsx(BENEFICIARY_HEADER, [
      [1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
      [2, "Trần Thị Bình", "001150000002", date("1950-05-02"), "Nữ", "", "", "00001", "NCC", "NCC_WAR_INVALID:41", ""],
      [3, "Lê Văn Cường", "079060000003", date("1960-12-31"), "Nam", "", "", "00003", "BTXH", "BTXH_OLD_80", ""],
    ]);
    const seeded = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: people,
      dryRun: false,
      staff: null,
    });
    expect(seeded.errors).toEqual([]);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const importPayouts = async (fileName: string, data: Buffer) =>
    runImport(deps, { kind: "payouts", fileName, data, dryRun: false, staff: null });

  const good: Row[] = [
    [
      1,
      "001045000001",
      "Nguyễn Văn An",
      "07/2026",
      "1.000.000",
      "Tiền mặt",
      "",
      "",
      date("2026-07-05"),
      "07:30-11:00",
      "Nhà văn hóa thôn 3",
      "chưa nhận",
      "",
      "",
    ],
    [
      2,
      "001150000002",
      "Trần Thị Bình",
      "2026-07",
      3667000,
      "Tài khoản ngân hàng",
      "Agribank",
      "1234 5678 9012",
      date("2026-07-05"),
      "",
      "",
      "Đã nhận",
      "",
      "chuyển khoản",
    ],
    [
      3,
      1045000001,
      "Nguyễn Văn An",
      "08/2026",
      1000000,
      "CASH_POINT",
      "",
      "",
      "05/08/2026",
      "7h30-11h",
      "Nhà văn hóa thôn 3",
      "",
      "",
      "",
    ],
  ];

  it("reports broken rows exactly and writes no payout", async () => {
    const broken: Row[] = [
      ...good,
      [4, "001045000099", "Không Có", "07/2026", 1000000, "tiền mặt", "", "", "", "", "", "", "", ""],
      [5, "079060000003", "Lê Văn Cường", "13/2026", "1.250.000,5", "tiền mặt", "", "", "", "", "", "", "", ""],
      [
        6,
        "001150000002",
        "Trần Thị Bình",
        "09/2026",
        500000,
        "ví điện tử",
        "",
        "12ab",
        "",
        "25:00-26:00",
        "",
        "",
        "",
        "",
      ],
      [
        7,
        "001045000001",
        "Nguyễn Văn An",
        "07/2026",
        1000000,
        "bồ câu đưa thư",
        "",
        "",
        "",
        "",
        "",
        "mất tích",
        "",
        "",
      ],
    ];
    const data = await xlsx(HEADER, broken);
    const report = await importPayouts("chi-tra.xlsx", data);
    expect(shape(report)).toEqual([
      [5, "Số định danh", "beneficiary_not_found"],
      [6, "Kỳ", "month_invalid"],
      [6, "Số tiền", "amount_invalid"],
      [7, "Ngân hàng", "provider_required"],
      [7, "Số tài khoản", "account_invalid"],
      [7, "Khung giờ", "time_window_invalid"],
      [8, "Hình thức", "method_invalid"],
      [8, "Trạng thái", "payout_status_invalid"],
    ]);
    expect(report.errors[2]!.message).toContain("1.250.000,5");
    expect(report.applied).toBe(false);
    expect(await db.prisma.payout.count()).toBe(0);
    expect(await db.prisma.payoutPeriod.count()).toBe(0);
    expect(await db.prisma.payoutAccount.count()).toBe(0);
  });

  it("imports the fixed list with periods, lines, accounts and payout points, and is idempotent", async () => {
    const data = await xlsx(HEADER, good);
    const first = await importPayouts("chi-tra.xlsx", data);
    expect(first).toMatchObject({ errors: [], created: 3, updated: 0, applied: true });
    expect(
      (await db.prisma.payoutPeriod.findMany({ orderBy: { month: "asc" } })).map((p) =>
        p.month.toISOString().slice(0, 7),
      ),
    ).toEqual(["2026-07", "2026-08"]);
    const binh = await db.prisma.payout.findFirstOrThrow({
      where: { beneficiary: { personalId: "001150000002" } },
      include: { account: true, lines: true },
    });
    expect(binh).toMatchObject({ amount: 3667000, method: "BANK", status: "PAID", statusNote: "chuyển khoản" });
    expect(binh.account).toMatchObject({
      provider: "Agribank",
      accountNumber: "123456789012",
      accountLast4: "9012",
      holderName: "Trần Thị Bình",
    });
    expect(binh.lines.map((l) => [l.kind, l.amount])).toEqual([["MONTHLY", 3667000]]);
    const an = await db.prisma.payout.findMany({
      where: { beneficiary: { personalId: "001045000001" } },
      include: { point: true },
    });
    expect(an.map((p) => [p.windowStart, p.windowEnd, p.point?.name])).toEqual([
      ["07:30", "11:00", "Nhà văn hóa thôn 3"],
      ["07:30", "11:00", "Nhà văn hóa thôn 3"],
    ]);
    expect(await db.prisma.payoutPoint.count()).toBe(1);

    const again = await importPayouts("chi-tra.xlsx", data);
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 3 });
    expect(await db.prisma.payoutLine.count()).toBe(3);
  });

  it("updates an amount and replaces the line that no longer adds up", async () => {
    const changed = good.map((r) => [...r]);
    changed[2]![4] = "1.100.000";
    const report = await runImport(deps, {
      kind: "payouts",
      fileName: "chi-tra-2.xlsx",
      data: await xlsx(HEADER, changed),
      dryRun: false,
      staff: null,
    });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(report.changes[0]).toMatchObject({ row: 4, action: "update", fields: ["amount"] });
    const lines = await db.prisma.payoutLine.findMany({
      where: { payout: { beneficiary: { personalId: "001045000001" }, period: { month: new Date("2026-08-01") } } },
    });
    expect(lines.map((l) => l.amount)).toEqual([1_100_000]);
  });

  it("never rewrites what a paid payout says was paid: last month's list brought back unchanged is caught", async () => {
    const reused = good.map((r) => [...r]);
    reused[1]![4] = "3.700.000";
    const report = await runImport(deps, {
      kind: "payouts",
      fileName: "chi-tra-thang-moi.xlsx",
      data: await xlsx(HEADER, reused),
      dryRun: false,
      staff: null,
    });
    expect(shape(report)).toEqual([[3, "Số tiền", "payout_already_paid"]]);
    expect(report.errors[0]!.message).toContain("Kỳ 07/2026 của người này đã ghi là đã chi trả");
    expect(report.applied).toBe(false);
    const paid = await db.prisma.payout.findFirstOrThrow({
      where: { beneficiary: { personalId: "001150000002" }, period: { month: new Date("2026-07-01") } },
    });
    expect([paid.amount, paid.status]).toEqual([3_667_000, "PAID"]);
  });

  it("treats a person outside a commune officer's area like an unknown person", async () => {
    const staff = await officer(db.prisma, [places.anPhu]);
    const data = await xlsx(HEADER, [
      [1, "079060000003", "Lê Văn Cường", "07/2026", 1000000, "tiền mặt", "", "", "", "", "", "", "", ""],
      [2, "001045000098", "Không Có", "07/2026", 1000000, "tiền mặt", "", "", "", "", "", "", "", ""],
    ]);
    const report = await runImport(deps, { kind: "payouts", fileName: "x.xlsx", data, dryRun: false, staff });
    expect(shape(report)).toEqual([
      [2, "Số định danh", "beneficiary_not_found"],
      [3, "Số định danh", "beneficiary_not_found"],
    ]);
    expect(report.errors[0]!.message).toBe(report.errors[1]!.message);
    expect(await db.prisma.payout.count({ where: { beneficiary: { communeId: places.catTien } } })).toBe(0);
  });
});
