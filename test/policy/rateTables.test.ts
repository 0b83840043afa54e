// A whole war-invalid table (80 rows, 21%–100%) loaded from a copy of a decree's appendix, the way
// officers make one: XLSX with a title row and percentage cells, or a CSV saved by Vietnamese Excel.
// Loaded by one officer, confirmed by another, then every rate is priced from it; the tables'
// workbook goes out and comes back as changes; a wrong table is refused row by row.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmChange, proposeChange, type PolicyActor } from "../../src/features/policy/policyChanges.ts";
import { priceMonth } from "../../src/features/policy/monthlyAmount.ts";
import { exportPolicyWorkbook, readPolicyWorkbook } from "../../src/features/policy/policyWorkbook.ts";
import { readRateTableFile } from "../../src/features/policy/rateTableFile.ts";
import { readPolicy } from "../../src/features/policy/readPolicy.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { createStaff, signIn, startTestApp, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dung-1";
// A made-up table for the test (the real appendix is loaded by officers): 80 rows, rising with the rate.
const amountAt = (rate: number) => 1_900_000 + (rate - 21) * 91_000;
const RATES = Array.from({ length: 80 }, (_, i) => 21 + i);

async function appendixXlsx(skip: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phụ lục I");
  ws.addRow(["MỨC HƯỞNG TRỢ CẤP HẰNG THÁNG ĐỐI VỚI THƯƠNG BINH"]);
  ws.addRow(["(Kèm theo Nghị định số 321/2026/NĐ-CP)"]);
  ws.addRow(["STT", "Tỷ lệ tổn thương cơ thể", "Mức trợ cấp (đồng)"]);
  RATES.filter((r) => !skip.includes(r)).forEach((rate, i) => {
    const row = ws.addRow([i + 1, rate / 100, amountAt(rate)]);
    row.getCell(2).numFmt = "0%";
    row.getCell(3).numFmt = "#,##0";
  });
  ws.addRow(["Ghi chú: mức trợ cấp tính theo mức chuẩn 3.012.000 đồng."]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("rate tables from the decree's appendix", () => {
  let app: TestApp;
  let one: PolicyActor;
  let two: PolicyActor;

  beforeAll(async () => {
    app = await startTestApp();
    await seedShippedPolicy(app.prisma);
    const a = await createStaff(app.prisma, { username: "tinh.a", password: PW, role: "PROVINCE_OFFICER" });
    const b = await createStaff(app.prisma, { username: "tinh.b", password: PW, role: "ADMIN" });
    one = { id: a.id, username: a.username, role: "PROVINCE_OFFICER", provinceCodes: [] };
    two = { id: b.id, username: b.username, role: "ADMIN", provinceCodes: null };
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reads all 80 rows from an XLSX with a title, percentage cells and a note below", async () => {
    const read = await readRateTableFile("phu-luc.xlsx", await appendixXlsx());
    expect(read.ok && read.rows.length).toBe(80);
    expect(read.ok && [read.rows[0], read.rows.at(-1)]).toEqual([
      { rate: 21, amount: 1_900_000 },
      { rate: 100, amount: amountAt(100) },
    ]);
  });

  it("reads a CSV saved by Vietnamese Excel (semicolons, amounts with dots, 'đ', rates with %)", async () => {
    const csv = ["Tỷ lệ;Mức trợ cấp", ...RATES.map((r) => `${r}%;${amountAt(r).toLocaleString("de-DE")} đ`)].join(
      "\r\n",
    );
    const read = await readRateTableFile("bang.csv", Buffer.from(`\uFEFF${csv}`, "utf8"));
    expect(read.ok && read.rows.map((r) => r.amount)).toEqual(RATES.map(amountAt));
  });

  it("refuses a table with a missing rate, a bad cell or a repeated rate, saying which", async () => {
    const gap = await readRateTableFile("phu-luc.xlsx", await appendixXlsx([45, 46, 47, 90]));
    expect(gap.ok ? [] : gap.problems).toEqual([
      { row: null, field: "rate", code: "missing_rates", value: "45%–47%, 90%" },
    ]);
    const csv = "Tỷ lệ;Số tiền\n21%;1.900.000\n22%;1.9OO.OOO\n22%;1.991.000\n";
    const bad = await readRateTableFile("bang.csv", Buffer.from(csv));
    expect(bad.ok ? [] : bad.problems).toEqual([{ row: 3, field: "amount", code: "bad_amount", value: "1.9OO.OOO" }]);
    const twice = await readRateTableFile("bang.csv", Buffer.from("Tỷ lệ;Số tiền\n21%;1.900.000\n21%;1.991.000\n"));
    expect(twice.ok ? [] : twice.problems.map((p) => [p.row, p.code])).toEqual([[3, "duplicate_rate"]]);
  });

  it("is loaded in the console by one officer, priced for every rate only once another confirms it", async () => {
    const who = await signIn(app.url, "tinh.a", PW);
    const form = new FormData();
    form.set("_csrf", who.csrfToken);
    for (const [k, v] of Object.entries({
      code: "NCC_WAR_INVALID",
      description: "Trợ cấp thương binh",
      baseLevel: "3.012.000",
      effectiveFrom: "2026-07",
      legalBasis: "Nghị định 321/2026/NĐ-CP, Phụ lục I",
      source: "Công báo",
    }))
      form.set(k, v);
    form.set("file", new Blob([new Uint8Array(await appendixXlsx())]), "phu-luc.xlsx");
    const res = await fetch(`${app.url}/console/policy/rate-tables`, {
      method: "POST",
      headers: { cookie: who.cookie },
      body: form,
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const change = await app.prisma.policyChange.findFirstOrThrow({
      where: { table: "RATE_TABLE", status: "PENDING" },
    });
    const at45 = async () =>
      priceMonth((await readPolicy(app.prisma)).policy, {
        month: "2026-08-01",
        categories: [{ code: "NCC_WAR_INVALID", rate: 45 }],
      });
    expect((await at45()).ok).toBe(false);
    await expect(confirmChange(app.prisma, one, change.id, null)).rejects.toThrow(/another person/);
    await confirmChange(app.prisma, two, change.id, "đối chiếu công báo");
    expect(await at45()).toMatchObject({ ok: true, total: amountAt(45) });
    const stored = await app.prisma.policyRateTable.findFirstOrThrow({
      where: { code: "NCC_WAR_INVALID", baseLevel: 3_012_000 },
      include: { rows: true },
    });
    expect([stored.rows.length, stored.enteredBy, stored.confirmedBy, stored.origin]).toEqual([
      80,
      "tinh.a",
      "tinh.b",
      "OFFICER",
    ]);
  });

  it("goes out as a workbook and comes back: only the rows an officer changed become changes", async () => {
    const stored = await readPolicy(app.prisma);
    const data = await exportPolicyWorkbook({ ...stored.policy, resolutionIds: stored.resolutionIds });
    const untouched = await readPolicyWorkbook(data, { ...stored.policy, resolutionIds: stored.resolutionIds });
    expect([untouched.changes, untouched.problems]).toEqual([[], []]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(data).buffer);
    const levels = wb.getWorksheet("Mức chuẩn");
    levels?.eachRow((row) => {
      if (row.getCell(2).value === 3_012_000) row.getCell(7).value = "Công báo số 999";
    });
    levels?.addRow(["BTXH", "6OO.OOO", "2027-07-01"]);
    const edited = await readPolicyWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), {
      ...stored.policy,
      resolutionIds: stored.resolutionIds,
    });
    expect(
      edited.changes.map((c) => [c.table, c.target, c.value.table === "BASE_LEVEL" && c.value.value.source]),
    ).toEqual([["BASE_LEVEL", "NCC:2026-07-01", "Công báo số 999"]]);
    expect(edited.problems.map((p) => [p.sheet, p.row])).toEqual([["Mức chuẩn", 8]]);
    const entered = await proposeChange(
      app.prisma,
      one,
      { table: "BASE_LEVEL", target: "NCC:2026-07-01", value: edited.changes[0]!.value },
      null,
    );
    expect(entered.before).toMatchObject({ value: { amount: 3_012_000 } });
  });
});
