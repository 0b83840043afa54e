// A worksheet that opens well in Excel: bold frozen header row, set column widths, VND amounts
// as numbers with thousand separators and dates as real date cells.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export interface SheetColumn {
  header: string;
  width: number;
  kind?: "text" | "amount" | "date";
}

export type SheetValue = string | number | Date | null;

export function sheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[]): ExcelJS.Worksheet {
  // Excel refuses sheet names longer than 31 characters or containing []:*?/\ .
  const ws = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.kind === "amount" ? { numFmt: "#,##0" } : c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : { numFmt: "@" },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F3EF" } };
  return ws;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A workbook written while it is filled, for the files that list a province's people (tens of
 * thousands of rows): each row committed with `row.commit()` leaves memory as compressed bytes.
 * Built whole, such a workbook held every cell as an object until the end (a 48,000-person reach
 * report needed more than a 128 MB heap). Column styles must be set before the rows are added.
 */
export function streamedWorkbook(): { workbook: ExcelJS.Workbook; finish: () => Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  // Awaited in finish(); a workbook abandoned half-way (its rows' query failed) must not leave an
  // unhandled rejection behind.
  ended.catch(() => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  return {
    workbook,
    async finish() {
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
