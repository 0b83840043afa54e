import { describe, expect, it } from "vitest";
import { cellParsers } from "./cellParsers.ts";

describe("reading cells officers type", () => {
  it("reads a birth date written in words, with or without its accents", () => {
    for (const cell of ["ngày 3 tháng 3 năm 1965", "3 tháng 3 năm 1965", "ngay 03 thang 03 nam 1965"])
      expect(cellParsers.birthDate(cell, "2026-12-07"), cell).toEqual({
        ok: true,
        value: { date: "1965-03-03", yearOnly: false },
      });
  });
  it("keeps the year of a birth date written with its month only, the way papers without a day give it", () => {
    for (const cell of ["3/1945", "03/1945", "tháng 3/1945", "Tháng 03-1945", "tháng 3 năm 1945", "thang 3 nam 1945"])
      expect(cellParsers.birthDate(cell, "2026-12-07"), cell).toEqual({
        ok: true,
        value: { date: "1945-01-01", yearOnly: true },
      });
    for (const cell of ["13/1945", "tháng 3"])
      expect(cellParsers.birthDate(cell, "2026-12-07"), cell).toMatchObject({ ok: false });
  });
  it("answers an approximate birth date with the way to write a year alone, never a guessed year", () => {
    for (const cell of ["khoảng 1940", "1940?", "đầu năm 1940"])
      expect(cellParsers.birthDate(cell, "2026-12-07"), cell).toMatchObject({ ok: false, code: "birth_date_invalid" });
  });
  it("leaves out the title an older person's name is written with, but keeps Ông as a family name", () => {
    const cases: [string, string][] = [
      ["Bà Lê Thị Cúc", "Lê Thị Cúc"],
      ["Cụ Phạm Văn Dũng", "Phạm Văn Dũng"],
      ["Cụ bà Đặng Thị Hoa", "Đặng Thị Hoa"],
      ["ÔNG HOÀNG VĂN EM", "Hoàng Văn Em"],
      ["Ông Văn Tùng", "Ông Văn Tùng"],
      ["Bà", "Bà"],
    ];
    for (const [cell, name] of cases) expect(cellParsers.personName(cell), cell).toBe(name);
  });
  it("reads a rate column as a percentage however it is typed, a percentage-formatted cell included", () => {
    for (const cell of [61, "61", "61%", "61 %", 0.61, "0,61"])
      expect(cellParsers.percent(cell)).toEqual({ ok: true, value: 61 });
    expect(cellParsers.percent(null)).toEqual({ ok: true, value: null });
    for (const cell of ["sáu mươi", 0, 101, 61.5, "61,5%"])
      expect(cellParsers.percent(cell)).toMatchObject({ ok: false, code: "rate_invalid" });
  });
  it("reads a number of children as a small whole number", () => {
    for (const cell of [2, "2", "2 con", "2 liệt sĩ"]) expect(cellParsers.count(cell)).toEqual({ ok: true, value: 2 });
    for (const cell of [0, "hai", 2.5, 40])
      expect(cellParsers.count(cell)).toMatchObject({ ok: false, code: "count_invalid" });
  });
  it("finds the mobile number in a phone cell however it is noted, and reads a 'none' in words as no phone", () => {
    const cases: [string | number | null, string | null][] = [
      ["0912 345 678 (con trai)", "0912345678"],
      ["SĐT con: 0912.345.678", "0912345678"],
      ["0912345678 - 0987654321", "0912345678"],
      ["0212345678 - 0987654321", "0987654321"],
      ["0912345678 hoặc 0987654321", "0912345678"],
      ["0912345678-0987654321", "0912345678"],
      ["0912345678 0987654321", "0912345678"],
      ["0212345678-0987654321", "0987654321"],
      ["(+84) 912 345 678", "0912345678"],
      [912345678, "0912345678"],
      ["Không có", null],
      ["-", null],
    ];
    for (const [cell, phone] of cases) expect(cellParsers.phone(cell)).toEqual({ ok: true, value: phone });
  });
  it("refuses a phone cell holding no mobile number", () => {
    for (const cell of ["0212345678", "091234567", "0212 345 678", "0212345678-0212345679", 212345678]) {
      expect(cellParsers.phone(cell)).toMatchObject({ ok: false, code: "phone_invalid" });
    }
  });
  it("accepts whole VND amounts written the Vietnamese or English way, or as numbers", () => {
    for (const cell of ["1.250.000", "1250000", "1,250,000", "1.250.000 đ", 1250000]) {
      expect(cellParsers.amount(cell)).toEqual({ ok: true, value: 1250000 });
    }
  });
  it("refuses fractions, negatives and words", () => {
    for (const cell of ["1.250.000,5", "1250000.5", 1250.5, -5, 0, "một triệu", "12.50"]) {
      expect(cellParsers.amount(cell)).toMatchObject({ ok: false, code: "amount_invalid" });
    }
  });
  it("reads payout months as MM/YYYY, YYYY-MM or a date cell", () => {
    expect(cellParsers.month("07/2026")).toEqual({ ok: true, value: "2026-07" });
    expect(cellParsers.month("7/2026")).toEqual({ ok: true, value: "2026-07" });
    expect(cellParsers.month("Tháng 12/2026")).toEqual({ ok: true, value: "2026-12" });
    expect(cellParsers.month("2026-12")).toEqual({ ok: true, value: "2026-12" });
    expect(cellParsers.month(new Date("2026-09-01T00:00:00Z"))).toEqual({ ok: true, value: "2026-09" });
    expect(cellParsers.month("13/2026")).toMatchObject({ ok: false, code: "month_invalid" });
  });
  it("shows a date cell as a Vietnamese Excel does, day first", () => {
    expect(cellParsers.text(new Date("1948-03-05T00:00:00Z"))).toBe("05/03/1948");
    expect(cellParsers.text(new Date("2026-12-31T00:00:00Z"))).toBe("31/12/2026");
    expect(cellParsers.text(new Date("0999-11-10T00:00:00Z"))).toBe("10/11/0999");
    expect(cellParsers.text(new Date(Number.NaN))).toBe("");
    expect(cellParsers.date(new Date("1948-03-05T00:00:00Z"))).toEqual({ ok: true, value: "1948-03-05" });
  });
  it("reads dates, including Excel serial numbers, and refuses future ones when asked", () => {
    expect(cellParsers.date("05/03/1945")).toEqual({ ok: true, value: "1945-03-05" });
    expect(cellParsers.date(16501)).toEqual({ ok: true, value: "1945-03-05" });
    expect(cellParsers.date(null)).toEqual({ ok: true, value: null });
    expect(cellParsers.date("31/02/1945")).toMatchObject({ ok: false, code: "date_invalid" });
    expect(cellParsers.date("01/01/2030", "2026-07-15")).toMatchObject({ ok: false, code: "date_in_future" });
  });
  it("reads time windows in the usual notations", () => {
    expect(cellParsers.timeWindow("07:30-11:00")).toEqual({ ok: true, value: { start: "07:30", end: "11:00" } });
    expect(cellParsers.timeWindow("7h30 - 11h")).toEqual({ ok: true, value: { start: "07:30", end: "11:00" } });
    expect(cellParsers.timeWindow("13:30 đến 16:00")).toEqual({ ok: true, value: { start: "13:30", end: "16:00" } });
    expect(cellParsers.timeWindow("11:00-07:30")).toMatchObject({ ok: false, code: "time_window_invalid" });
  });
  it("reads a payout month in a column however it is shortened", () => {
    for (const cell of ["12/2026", "T12/2026", "t12-2026", "Tháng 12/2026", "2026-12"])
      expect(cellParsers.month(cell), cell).toEqual({ ok: true, value: "2026-12" });
    for (const cell of ["T12", "Tháng 12", "thang 12", 12])
      expect(cellParsers.month(cell, 2026), String(cell)).toEqual({ ok: true, value: "2026-12" });
    // The month alone, and no year in the title: never a guessed year.
    expect(cellParsers.month("T12")).toMatchObject({ ok: false, code: "month_without_year" });
    expect(cellParsers.month("13", 2026)).toMatchObject({ ok: false, code: "month_invalid" });
  });
});
