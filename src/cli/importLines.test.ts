import { describe, expect, it } from "vitest";
import { createI18n } from "../core/i18n.ts";
import type { ReportLine } from "../features/imports/types.ts";
import { changeTally, reportLineText } from "./importLines.ts";

const line = (o: Partial<ReportLine>): ReportLine => ({
  sheet: null,
  rows: [8],
  rowsText: "8",
  column: "Ngày sinh",
  value: "15/3/45",
  code: "date_two_digit_year",
  message: "Hãy ghi năm đủ 4 chữ số.",
  ...o,
});

describe("the import command's report lines", () => {
  it("names the sheet, then the row, the column and the reason, as the officer reads them", async () => {
    const t = (await createI18n()).t("vi");
    expect(reportLineText(line({ sheet: "Thôn Đông" }), t)).toBe(
      'Sheet “Thôn Đông”, dòng 8, cột "Ngày sinh": Hãy ghi năm đủ 4 chữ số. [15/3/45]',
    );
    expect(reportLineText(line({}), t)).toBe('Dòng 8, cột "Ngày sinh": Hãy ghi năm đủ 4 chữ số. [15/3/45]');
  });
  it("counts the rows that share one cause before listing them", async () => {
    const t = (await createI18n()).t("vi");
    expect(reportLineText(line({ rows: [2, 4, 6], rowsText: "2, 4, 6", value: "" }), t)).toBe(
      '3 dòng (2, 4, 6), cột "Ngày sinh": Hãy ghi năm đủ 4 chữ số.',
    );
    const en = (await createI18n()).t("en");
    expect(reportLineText(line({ sheet: "T7", value: "" }), en)).toBe(
      'Sheet “T7”, row 8, column "Ngày sinh": Hãy ghi năm đủ 4 chữ số.',
    );
  });
  it("says a problem of the whole file without a row", async () => {
    const t = (await createI18n()).t("vi");
    expect(reportLineText(line({ rows: [0], rowsText: "", column: "", message: "Tệp trống." }), t)).toBe(
      "Tệp: Tệp trống.",
    );
  });
  it("tallies what the updated rows change, field by field, most first", async () => {
    const t = (await createI18n()).t("vi");
    const update = (fields: string[]) => ({ row: 8, personalIdMasked: "••••1234", action: "update" as const, fields });
    expect(
      changeTally(
        [update(["note"]), update(["amount", "note"]), update(["note"]), { ...update(["amount"]), action: "create" }],
        t,
      ),
    ).toBe(`Những gì thay đổi ở 3 dòng cập nhật: ${t("imports:fields.note")} (3), ${t("imports:fields.amount")} (1)`);
    expect(changeTally([{ ...update([]), action: "create" }], t)).toBeNull();
  });
});
