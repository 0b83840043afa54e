import { describe, expect, it } from "vitest";
import { foldKey } from "./vocabulary.ts";
import { monthsIn, yearsIn } from "./titleFacts.ts";

const months = (line: string) => monthsIn(foldKey(line));

describe("the payout month a list's title names", () => {
  it("reads the month however the title writes it", () => {
    expect(months("DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG 12 NĂM 2026")).toEqual(["2026-12"]);
    expect(months("Kỳ chi trả: 07/2026")).toEqual(["2026-07"]);
    expect(months("Tháng 7.2026")).toEqual(["2026-07"]);
  });
  it("takes a day's date for no month: the place-and-date line, the decision a list goes with", () => {
    expect(months("Tân Phú An, ngày 25 tháng 11 năm 2026")).toEqual([]);
    expect(months("(Kèm theo Quyết định số 245/QĐ-UBND ngày 20/11/2026 của UBND xã)")).toEqual([]);
  });
  it("takes a span of back pay for no month, so that the month paid with it decides", () => {
    expect(months("TRUY LĨNH TỪ THÁNG 01/2026 ĐẾN THÁNG 06/2026")).toEqual([]);
    expect(months("Chi trả cùng kỳ tháng 12 năm 2026")).toEqual(["2026-12"]);
  });
  it("names both months of a list for two months, so that neither is taken alone", () => {
    expect(months("THÁNG 11 VÀ THÁNG 12 NĂM 2026")).toEqual(["2026-11", "2026-12"]);
    expect(months("Tháng 11, 12 năm 2026")).toEqual(["2026-11", "2026-12"]);
  });
});

describe("the year a list's title names, for a month column that gives the month only", () => {
  it("is the year of the title's months, or a year named alone", () => {
    expect(yearsIn(foldKey("THÁNG 11 VÀ THÁNG 12 NĂM 2026"))).toEqual([2026]);
    expect(yearsIn(foldKey("DANH SÁCH CHI TRẢ TRỢ CẤP NĂM 2026"))).toEqual([2026]);
  });
  it("is never the year of a day's date or of a span of back pay", () => {
    expect(yearsIn(foldKey("Tân Phú An, ngày 05 tháng 01 năm 2027"))).toEqual([]);
    expect(yearsIn(foldKey("(Kèm theo Quyết định số 245/QĐ-UBND ngày 20/11/2025)"))).toEqual([]);
    expect(yearsIn(foldKey("TRUY LĨNH TỪ THÁNG 01/2025 ĐẾN THÁNG 06/2025"))).toEqual([]);
  });
});
