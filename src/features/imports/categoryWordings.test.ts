import { describe, expect, it } from "vitest";
import type { CategoryEntry } from "./categoryVocabulary.ts";
import { categoryReader } from "./categoryWordings.ts";

const entry = (code: string, name: string, repealed?: { by: string; next: string }): CategoryEntry => ({
  id: code,
  code,
  programme: "BTXH",
  name,
  nameEn: code,
  rateKind: null,
  effectiveTo: repealed ? new Date("2025-06-30T00:00:00Z") : null,
  repealedBy: repealed?.by ?? null,
  replacedByCode: repealed?.next ?? null,
});
const REPEAL = { by: "Nghị định 176/2025/NĐ-CP", next: "SOCIAL_PENSION" };
const reader = categoryReader(
  {
    categories: [
      entry("BTXH_OLD_80", "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi trở lên"),
      entry("BTXH_OLD_80_NO_PENSION", "Người từ đủ 80 tuổi trở lên không có lương hưu", REPEAL),
      entry("BTXH_OLD_75_80_HARD_AREA", "Người từ đủ 75 đến dưới 80 tuổi ở địa bàn đặc biệt khó khăn", REPEAL),
      entry("SOCIAL_PENSION", "Trợ cấp hưu trí xã hội"),
      entry("NCC_MARTYR_RELATIVE_1", "Thân nhân của 01 liệt sĩ"),
      entry("NCC_MARTYR_RELATIVE_2", "Thân nhân của 02 liệt sĩ"),
      entry("NCC_MARTYR_RELATIVE_3PLUS", "Thân nhân của 03 liệt sĩ trở lên"),
      entry("NCC_WAR_INVALID", "Thương binh"),
      entry("BTXH_SEVERE_DISABILITY_ADULT", "Người khuyết tật nặng"),
      entry("BTXH_SEVERE_DISABILITY_CHILD_OR_OLD", "Trẻ em khuyết tật nặng, người cao tuổi khuyết tật nặng"),
      entry("BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT", "Người khuyết tật đặc biệt nặng"),
      entry("BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD", "Trẻ em, người cao tuổi khuyết tật đặc biệt nặng"),
      entry("NCC_AGENT_ORANGE", "Người hoạt động kháng chiến bị nhiễm chất độc hóa học"),
      entry("BTXH_HIV_POOR", "Người nhiễm HIV thuộc hộ nghèo không có nguồn thu nhập ổn định"),
      entry("BTXH_CHILD_HIV_POOR_UNDER4", "Trẻ em nhiễm HIV thuộc hộ nghèo, dưới 4 tuổi"),
      entry("BTXH_CHILD_HIV_POOR_4_16", "Trẻ em nhiễm HIV thuộc hộ nghèo, từ đủ 4 tuổi đến dưới 16 tuổi"),
      entry("BTXH_CHILD_NO_CARER_UNDER4", "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng, dưới 4 tuổi"),
      entry("BTXH_CHILD_NO_CARER_4PLUS", "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng, từ đủ 4 tuổi"),
      entry("NCC_SURVIVOR_CARE", "Trợ cấp tuất nuôi dưỡng"),
    ],
    aliases: [],
  },
  "2026-12-07",
);

describe("reading a category cell against the law in force", () => {
  it("reports a category the law has ended with the law that ended it and its successor, never stores it", () => {
    const read = reader.read("NCT 75-80 vùng ĐBKK", 77);
    expect(read).toMatchObject({ ok: false, code: "category_repealed" });
    expect(!read.ok && read.params).toMatchObject({
      code: "BTXH_OLD_75_80_HARD_AREA",
      until: "30/06/2025",
      basis: "Nghị định 176/2025/NĐ-CP",
    });
  });
  it("counts a repealed candidate as its successor, so that a wording of two categories is never one by elimination", () => {
    const read = reader.read("NCT trên 80 tuổi", 85);
    expect(read).toMatchObject({ ok: false, code: "category_ambiguous" });
    expect(!read.ok && String(read.params.candidates)).toMatch(/^BTXH_OLD_80 .*; SOCIAL_PENSION /);
  });
  it("takes a category in force as it is", () => {
    expect(reader.read("BTXH_OLD_80", 85)).toMatchObject({ ok: true, value: [{ code: "BTXH_OLD_80" }] });
  });
  it("reads the usual ways of naming a martyr's relative, an old invalid class and two categories joined by 'và'", () => {
    expect(reader.read("Vợ liệt sĩ", 80, 2)).toMatchObject({ ok: true, value: [{ code: "NCC_MARTYR_RELATIVE_2" }] });
    expect(reader.read("Cha đẻ liệt sĩ", 95, 1)).toMatchObject({
      ok: true,
      value: [{ code: "NCC_MARTYR_RELATIVE_1" }],
    });
    expect(reader.read("TB 4/4", 75)).toMatchObject({ ok: true, value: [{ code: "NCC_WAR_INVALID" }] });
    expect(reader.read("Thương binh 41% và chất độc hóa học", 75)).toMatchObject({
      ok: true,
      value: [
        { code: "NCC_WAR_INVALID", rate: 41 },
        { code: "NCC_AGENT_ORANGE", rate: null },
      ],
    });
  });
  it("chooses a disability category by the list's level column and the age, and reports a level that contradicts the wording", () => {
    expect(reader.read("NKT", 45, null, "ESPECIALLY_SEVERE")).toMatchObject({
      ok: true,
      value: [{ code: "BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT" }],
    });
    expect(reader.read("Người khuyết tật", 70, null, "SEVERE")).toMatchObject({
      ok: true,
      value: [{ code: "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD" }],
    });
    expect(reader.read("NKT", 45)).toMatchObject({ ok: false, code: "category_ambiguous" });
    expect(reader.read("NKT nặng", 45, null, "ESPECIALLY_SEVERE")).toMatchObject({
      ok: false,
      code: "disability_level_conflict",
    });
  });
  it("reads a decree point written the long way and in a register's compact forms alike", () => {
    for (const cell of ["Điểm a khoản 5 Điều 5 NĐ 20/2021/NĐ-CP", "Đ5K5a", "K5a Đ5", "k.5a đ.5", "đ 5 k 5 điểm a"])
      expect(reader.read(cell, 85), cell).toMatchObject({ ok: true, value: [{ code: "BTXH_OLD_80" }] });
    // Clause 6 of article 5 without a point: the disability categories, narrowed by the level column.
    expect(reader.read("K6 Đ5", 45, null, "SEVERE")).toMatchObject({
      ok: true,
      value: [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }],
    });
    expect(reader.read("Đ5K5b", 77)).toMatchObject({ ok: false, code: "category_repealed" });
  });
  it("reads the short names of the HIV, orphan and survivor categories, the age choosing between adult and child", () => {
    const cells: [string, number, string][] = [
      ["HIV", 40, "BTXH_HIV_POOR"],
      ["HIV", 10, "BTXH_CHILD_HIV_POOR_4_16"],
      ["Trẻ em mồ côi cả cha và mẹ", 10, "BTXH_CHILD_NO_CARER_4PLUS"],
      ["Mồ côi", 3, "BTXH_CHILD_NO_CARER_UNDER4"],
      ["Tuất nuôi dưỡng", 85, "NCC_SURVIVOR_CARE"],
    ];
    expect(cells.map(([cell, age]) => reader.read(cell, age))).toEqual(
      cells.map(([, , code]) => ({ ok: true, value: [{ categoryId: code, code, rate: null }] })),
    );
  });
});
