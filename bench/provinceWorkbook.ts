// A province's beneficiary list as a province officer keeps it, for the import benchmarks: one
// summary sheet under the letterhead and titles, a two-row header with merged group titles
// ("Ngày sinh" over "Nam | Nữ", "Trợ cấp" over "Diện hưởng | Hệ số | Mức trợ cấp"), a row of column
// numbers, hidden helper columns, commune names in any case, categories by name or code, and the
// footer. Written as a stream, so 100,000 people take little memory to write.
import ExcelJS from "exceljs";
import { demoPeople, type DemoOptions } from "../src/features/demo/generator.ts";
import { DEMO_COMMUNES, DEMO_PROVINCE } from "../src/features/demo/province.ts";

export async function writeProvinceWorkbook(file: string, options: DemoOptions): Promise<{ people: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("Toàn tỉnh");
  const width = 14;
  // Column facts are written before the first row: the helper columns are hidden.
  ws.getColumn(6).hidden = true;
  ws.getColumn(7).hidden = true;
  const merged = (row: number, from: number, to: number, text: string) => {
    ws.getCell(row, from).value = text;
    ws.mergeCells(row, from, row, to);
  };
  merged(1, 1, 3, `UBND ${DEMO_PROVINCE.name.toUpperCase()}`);
  merged(1, 5, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  merged(2, 1, 3, "SỞ Y TẾ");
  merged(2, 5, width, "Độc lập - Tự do - Hạnh phúc");
  merged(4, 1, width, "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG TOÀN TỈNH");
  merged(5, 1, width, "(Kèm theo Quyết định số 45/QĐ-SYT ngày 01/7/2026)");
  merged(6, 1, width, "Tháng 7 năm 2026");
  for (let r = 1; r <= 6; r++) ws.getRow(r).commit();
  ws.getRow(7).commit();
  const head = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    null,
    "Số định danh cá nhân",
    "Tuổi",
    "Số CMND cũ",
    "Địa chỉ",
    "Xã, phường",
    "Trợ cấp xã hội hàng tháng",
    null,
    null,
    "Số điện thoại",
    "Ghi chú",
  ];
  const sub = [null, null, "Nam", "Nữ", null, null, null, null, null, "Diện hưởng", "Hệ số", "Mức trợ cấp", null, null];
  ws.getRow(8).values = head;
  ws.getRow(9).values = sub;
  for (const col of [1, 2, 5, 6, 7, 8, 9, 13, 14]) ws.mergeCells(8, col, 9, col);
  ws.mergeCells(8, 3, 8, 4);
  ws.mergeCells(8, 10, 8, 12);
  ws.getRow(8).commit();
  ws.getRow(9).commit();
  ws.getRow(10).values = Array.from({ length: width }, (_, i) => `(${i + 1})`);
  ws.getRow(10).commit();

  const communeName = new Map(
    DEMO_COMMUNES.map((c, i) => [
      c.code,
      i % 3 === 0 ? c.name.toUpperCase() : i % 3 === 1 ? c.name : c.name.replace(/^(Xã|Phường|Đặc khu)\s+/, ""),
    ]),
  );
  const nameOf = new Map(options.policy.categories.map((c) => [c.code, c.name]));
  let n = 0;
  for (const person of demoPeople(options)) {
    n++;
    const b = person.beneficiary;
    const dob = new Date(`${b.dateOfBirth}T00:00:00Z`);
    const categories = person.categories
      .map((c, i) =>
        c.rate !== null ? `${c.code}:${c.rate}` : (n + i) % 2 === 0 ? (nameOf.get(c.code) ?? c.code) : c.code,
      )
      .join("; ");
    const row = ws.getRow(10 + n);
    row.values = [
      n,
      n % 5 === 0 ? b.fullName.toUpperCase() : b.fullName,
      b.sex === "MALE" ? dob : null,
      b.sex === "FEMALE" ? dob : null,
      // Every fourth ID is a number that lost its leading zero, as Excel does.
      n % 4 === 0 ? Number(b.personalId) : b.personalId,
      { formula: `2026-YEAR(${b.sex === "MALE" ? "C" : "D"}${10 + n})`, result: 2026 - dob.getUTCFullYear() },
      null,
      b.address,
      communeName.get(b.communeCode) ?? b.communeCode,
      categories,
      null,
      null,
      b.phone && n % 3 === 0 ? Number(b.phone) : b.phone,
      null,
    ];
    row.getCell(3).numFmt = "dd/mm/yyyy";
    row.getCell(4).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  const footer = [
    ["", "Tổng cộng", null, null, null, null, null, null, null, null, null, n],
    ["Bằng chữ: …"],
    [],
    [null, "NGƯỜI LẬP BIỂU", null, null, "KẾ TOÁN", null, null, null, "GIÁM ĐỐC"],
    [null, "(Ký, ghi rõ họ tên)"],
    [],
    [null, "Nguyễn Thị Lập", null, null, "Trần Văn Toán", null, null, null, "Lê Văn Giám"],
  ];
  footer.forEach((values, i) => {
    const row = ws.getRow(11 + n + i);
    row.values = values;
    row.commit();
  });
  ws.commit();
  await wb.commit();
  return { people: n };
}

/** The demo province's communes as an areas list (CSV), to import before the people. */
export function areasCsv(): string {
  return [
    "Mã tỉnh,Tên tỉnh,Mã xã,Tên xã",
    ...DEMO_COMMUNES.map((c) => `${DEMO_PROVINCE.code},${DEMO_PROVINCE.name},${c.code},${c.name}`),
  ].join("\r\n");
}
