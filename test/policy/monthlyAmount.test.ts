import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { monthlyAmount } from "../../src/features/policy/monthlyAmount.ts";

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const btxh = (month: string, ...codes: (string | { code: string; rate: number })[]) =>
  monthlyAmount(policy, {
    programme: "BTXH",
    month,
    categories: codes.map((c) => (typeof c === "string" ? { code: c } : c)),
  });
const ncc = (month: string, ...categories: { code: string; rate?: number }[]) =>
  monthlyAmount(policy, { programme: "NCC", month, categories });

describe("social assistance (BTXH)", () => {
  it("pays a person aged 80+ with no supporter 2.0 × 500,000 = 1,000,000 from July 2024", () => {
    const result = btxh("2025-03-01", "BTXH_OLD_80");
    expect(result.total).toBe(1_000_000);
    expect(result.lines).toEqual([
      expect.objectContaining({
        kind: "MONTHLY",
        categoryCode: "BTXH_OLD_80",
        amount: 1_000_000,
        baseLevel: 500_000,
        coefficient: 2,
        legalBasis: expect.stringContaining("20/2021"),
      }),
    ]);
  });

  it("used the old base level of 360,000 before July 2024", () => {
    expect(btxh("2024-06-01", "BTXH_OLD_80").total).toBe(720_000);
    expect(btxh("2024-07-01", "BTXH_OLD_80").total).toBe(1_000_000);
  });

  it("pays the coefficients of the table at base 500,000", () => {
    const expected: Record<string, number> = {
      BTXH_CHILD_NO_CARER_UNDER4: 1_250_000,
      BTXH_CHILD_NO_CARER_4PLUS: 750_000,
      BTXH_CHILD_HIV_POOR_UNDER4: 1_250_000,
      BTXH_CHILD_HIV_POOR_4_16: 1_000_000,
      BTXH_SINGLE_PARENT_POOR: 500_000,
      BTXH_OLD_60_80_POOR: 750_000,
      BTXH_OLD_75_80_HARD_AREA: 500_000,
      BTXH_OLD_80_NO_PENSION: 500_000,
      BTXH_OLD_TAKEN_IN: 1_500_000,
      BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT: 1_000_000,
      BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD: 1_250_000,
      BTXH_SEVERE_DISABILITY_ADULT: 750_000,
      BTXH_SEVERE_DISABILITY_CHILD_OR_OLD: 1_000_000,
      BTXH_POOR_CHILD_UNDER3_MOUNTAIN: 750_000,
      BTXH_HIV_POOR: 750_000,
    };
    for (const [code, amount] of Object.entries(expected)) expect([code, btxh("2026-01-01", code).total]).toEqual([code, amount]);
  });

  it("pays only the highest category when a person fits several", () => {
    const result = btxh("2026-01-01", "BTXH_OLD_60_80_POOR", "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD");
    expect(result.total).toBe(1_250_000);
    expect(result.lines.map((l) => l.categoryCode)).toEqual(["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD"]);
  });

  it("adds the single-parent allowance per child on top of the highest category", () => {
    const result = btxh("2026-01-01", "BTXH_SEVERE_DISABILITY_ADULT", { code: "BTXH_SINGLE_PARENT_POOR", rate: 2 });
    expect(result.total).toBe(750_000 + 1_000_000);
    expect(result.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["MONTHLY", 750_000],
      ["SUPPLEMENT", 1_000_000],
    ]);
  });

  it("gives the social pension or social assistance, whichever is higher, not both", () => {
    expect(btxh("2026-01-01", "SOCIAL_PENSION").total).toBe(500_000);
    const higherAssistance = btxh("2026-01-01", "SOCIAL_PENSION", "BTXH_OLD_80");
    expect(higherAssistance.total).toBe(1_000_000);
    expect(higherAssistance.lines.map((l) => l.categoryCode)).toEqual(["BTXH_OLD_80"]);
    const pension = btxh("2026-01-01", "BTXH_OLD_75_80_HARD_AREA", "SOCIAL_PENSION");
    expect(pension.total).toBe(500_000);
    expect(pension.lines).toHaveLength(1);
  });

  it("has no social pension before Decree 176/2025 took effect", () => {
    expect(() => btxh("2025-06-01", "SOCIAL_PENSION")).toThrow(AppError);
  });

  it("does not pay the reported 540,000 level until it is confirmed, unless asked to", () => {
    expect(btxh("2026-08-01", "BTXH_OLD_80").total).toBe(1_000_000);
    const whatIf = monthlyAmount(policy, {
      programme: "BTXH",
      month: "2026-08-01",
      categories: [{ code: "BTXH_OLD_80" }],
      includeUnconfirmed: true,
    });
    expect(whatIf.total).toBe(1_080_000);
  });

  it("refuses an unknown code and a code of the other programme", () => {
    expect(() => btxh("2026-01-01", "BTXH_NOPE")).toThrow(/unknown benefit category/);
    expect(() => btxh("2026-01-01", "NCC_MARTYR_RELATIVE_1")).toThrow(/does not belong/);
  });
});

describe("people with meritorious services (NCC)", () => {
  it("pays relatives of martyrs 1, 2 or 3 times the base level of 2,789,000", () => {
    expect(ncc("2026-01-01", { code: "NCC_MARTYR_RELATIVE_1" }).total).toBe(2_789_000);
    expect(ncc("2026-01-01", { code: "NCC_MARTYR_RELATIVE_2" }).total).toBe(5_578_000);
    expect(ncc("2026-01-01", { code: "NCC_MARTYR_RELATIVE_3PLUS" }).total).toBe(8_367_000);
    expect(ncc("2024-01-01", { code: "NCC_MARTYR_RELATIVE_1" }).total).toBe(2_055_000);
  });

  it("pays a Heroic Vietnamese Mother 8,367,000 plus the 2,337,000 supplement as its own line", () => {
    const result = ncc("2026-01-01", { code: "NCC_HEROIC_MOTHER" });
    expect(result.total).toBe(8_367_000 + 2_337_000);
    expect(result.lines.map((l) => [l.kind, l.categoryCode, l.amount])).toEqual([
      ["MONTHLY", "NCC_HEROIC_MOTHER", 8_367_000],
      ["SUPPLEMENT", "NCC_HEROIC_MOTHER_SUPPLEMENT", 2_337_000],
    ]);
    const listedTwice = ncc("2026-01-01", { code: "NCC_HEROIC_MOTHER" }, { code: "NCC_HEROIC_MOTHER_SUPPLEMENT" });
    expect(listedTwice.total).toBe(10_704_000);
  });

  it("pays war invalids by injury rate from the table", () => {
    const byRate = [21, 41, 61, 81, 100].map((rate) => ncc("2026-01-01", { code: "NCC_WAR_INVALID", rate }).total);
    expect(byRate).toEqual([1_878_000, 3_667_000, 5_450_000, 7_240_000, 8_941_000]);
    const line = ncc("2026-01-01", { code: "NCC_WAR_INVALID", rate: 41 }).lines[0];
    expect(line).toMatchObject({ amount: 3_667_000, rate: 41, baseLevel: 2_789_000 });
  });

  it("uses the nearest lower row for a rate between two rows of the incomplete table", () => {
    expect(ncc("2026-01-01", { code: "NCC_WAR_INVALID", rate: 55 }).total).toBe(3_667_000);
    expect(() => ncc("2026-01-01", { code: "NCC_WAR_INVALID", rate: 15 })).toThrow(/below/);
    expect(() => ncc("2026-01-01", { code: "NCC_WAR_INVALID" })).toThrow(/needs a rate/);
  });

  it("cannot pay a war invalid at a base level that has no table yet", () => {
    expect(() =>
      monthlyAmount(policy, {
        programme: "NCC",
        month: "2026-08-01",
        categories: [{ code: "NCC_WAR_INVALID", rate: 41 }],
        includeUnconfirmed: true,
      }),
    ).toThrow(/no NCC_WAR_INVALID table/);
  });

  it("adds up several NCC allowances", () => {
    const result = ncc("2026-01-01", { code: "NCC_WAR_INVALID", rate: 61 }, { code: "NCC_MARTYR_RELATIVE_1" });
    expect(result.total).toBe(5_450_000 + 2_789_000);
    expect(result.lines).toHaveLength(2);
  });
});
