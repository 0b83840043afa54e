// A worksheet laid out as commune lists are (Decree 30/2020/NĐ-CP on administrative documents):
// the issuing agency on the left and the national motto on the right, each merged over several
// columns, the list's title and its month, then the column titles and the rows. The import reads
// this layout back, so a list downloaded, corrected in Excel and uploaded again changes nothing
// but what the officer changed.
import type ExcelJS from "exceljs";
import type { SheetColumn } from "./sheet.ts";

export interface SheetHead {
  /** "UBND XÃ AN PHÚ" */
  agency: string;
  title: string;
  subtitle?: string;
}

const MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc";
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F3EF" } } as const;

/** The sheet and the number of its column-title row (data start on the next row). */
export function officerSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn[],
  head: SheetHead,
): { ws: ExcelJS.Worksheet; headerRow: number } {
  const ws = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31));
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: c.kind === "amount" ? { numFmt: "#,##0" } : c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : { numFmt: "@" },
  }));
  const last = columns.length;
  const left = Math.max(2, Math.min(3, last - 2));
  const merged = (row: number, from: number, to: number, text: string, bold = true) => {
    const cell = ws.getCell(row, from);
    cell.value = text;
    cell.font = { bold };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (to > from) ws.mergeCells(row, from, row, to);
  };
  merged(1, 1, left, head.agency.toLocaleUpperCase("vi"));
  merged(1, left + 1, last, MOTTO);
  merged(2, left + 1, last, MOTTO_LINE);
  merged(4, 1, last, head.title.toLocaleUpperCase("vi"));
  if (head.subtitle) merged(5, 1, last, head.subtitle, false);
  const headerRow = 7;
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = HEADER_FILL;
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return { ws, headerRow };
}

/** Place and date, and the signature block under a list. */
export function signatureBlock(
  ws: ExcelJS.Worksheet,
  o: { place: string; day: string; titles: string[]; width: number },
): void {
  const start = ws.rowCount + 2;
  const [y, m, d] = o.day.split("-");
  ws.getCell(start, Math.max(1, o.width - 3)).value = `${o.place}, ngày ${d} tháng ${m} năm ${y}`;
  const step = Math.max(1, Math.floor(o.width / o.titles.length));
  o.titles.forEach((title, i) => {
    const col = 1 + i * step;
    const t = ws.getCell(start + 1, col);
    t.value = title;
    t.font = { bold: true };
    ws.getCell(start + 2, col).value = "(Ký, ghi rõ họ tên)";
  });
}
