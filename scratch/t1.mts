import ExcelJS from "exceljs";
import { readWorkbook } from "../src/features/imports/readWorkbook.ts";
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("Thôn 1");
ws.addRow(["UBND XÃ AN PHÚ", null, null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]);
ws.mergeCells("A1:C1"); ws.mergeCells("D1:H1");
ws.addRow(["STT", "Họ và tên", "Ngày sinh", null, "Số CCCD"]);
ws.mergeCells("C2:D2");
ws.addRow([null, null, "Nam", "Nữ"]);
ws.addRow([1, "NGUYỄN VĂN A", new Date(Date.UTC(1945,2,1)), null, 1045000001]);
ws.getColumn(6).hidden = true;
ws.getCell("F4").value = { formula: "2026-1945", result: 81 };
ws.getCell("G4").value = { richText: [{ text: "a&b" }, { text: "<c>" }] };
const buf = Buffer.from(await wb.xlsx.writeBuffer());
const w = await readWorkbook("x.xlsx", buf, { maxPartBytes: 1e8 });
if (!w.ok) throw new Error(w.code);
for await (const s of w.sheets()) {
  console.log(s.name, s.hidden, [...s.hiddenColumns], s.merges);
  for await (const r of s.rows) console.log(r.row, r.cells, r.continued);
}
