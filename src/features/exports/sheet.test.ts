import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sheet, streamedWorkbook } from "./sheet.ts";

describe("a workbook written while it is filled", () => {
  it("opens in Excel with every row, the bold frozen header, amounts with separators and real dates", async () => {
    const { workbook, finish } = streamedWorkbook();
    const ws = sheet(workbook, "Danh sách: tháng 12/2026", [
      { header: "Họ và tên", width: 26 },
      { header: "Số tiền", width: 12, kind: "amount" },
      { header: "Ngày", width: 12, kind: "date" },
      { header: "Lúc gửi", width: 18 },
    ]);
    ws.getColumn(4).numFmt = "dd/mm/yyyy hh:mm";
    for (let i = 1; i <= 3000; i++)
      ws.addRow([
        `Người thứ ${i}`,
        500_000 + i,
        new Date(Date.UTC(1948, 2, 5)),
        new Date(Date.UTC(2026, 11, 7, 9, 30)),
      ]).commit();
    const data = await finish();

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(data).buffer);
    const read = book.worksheets[0]!;
    // Excel's forbidden characters are replaced in the sheet's name.
    expect(read.name).toBe("Danh sách- tháng 12-2026");
    expect(read.rowCount).toBe(3001);
    expect(read.getRow(1).getCell(1).value).toBe("Họ và tên");
    expect(read.getRow(1).font?.bold ?? read.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(read.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const last = read.getRow(3001);
    expect(last.getCell(1).value).toBe("Người thứ 3000");
    expect(last.getCell(2).value).toBe(503_000);
    expect(last.getCell(2).numFmt).toBe("#,##0");
    expect(last.getCell(3).value).toEqual(new Date(Date.UTC(1948, 2, 5)));
    expect(last.getCell(3).numFmt).toBe("dd/mm/yyyy");
    expect(last.getCell(4).numFmt).toBe("dd/mm/yyyy hh:mm");
  });
});
