// Every category's amount for months before and after the 2026 rises, as domain.md states them,
// priced from the policy shipped with the service.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { priceMonth, type PricedMonth } from "../../src/features/policy/monthlyAmount.ts";

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const price = (month: string, ...codes: (string | { code: string; rate: number })[]): PricedMonth =>
  priceMonth(policy, { month, categories: codes.map((c) => (typeof c === "string" ? { code: c } : c)) });
const total = (month: string, ...codes: (string | { code: string; rate: number })[]) => {
  const p = price(month, ...codes);
  return p.ok ? p.total : null;
};

describe("social assistance (BTXH)", () => {
  const coefficients: Record<string, number> = {
    BTXH_CHILD_NO_CARER_UNDER4: 2.5,
    BTXH_CHILD_NO_CARER_4PLUS: 1.5,
    BTXH_CHILD_HIV_POOR_UNDER4: 2.5,
    BTXH_CHILD_HIV_POOR_4_16: 2.0,
    BTXH_SINGLE_PARENT_POOR: 1.0,
    BTXH_OLD_60_80_POOR: 1.5,
    BTXH_OLD_80: 2.0,
    BTXH_OLD_TAKEN_IN: 3.0,
    BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT: 2.0,
    BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD: 2.5,
    BTXH_SEVERE_DISABILITY_ADULT: 1.5,
    BTXH_SEVERE_DISABILITY_CHILD_OR_OLD: 2.0,
    BTXH_POOR_CHILD_UNDER3_MOUNTAIN: 1.5,
    BTXH_HIV_POOR: 1.5,
  };

  it("pays every coefficient at 360,000 before July 2024, 500,000 until June 2026 and 540,000 from July 2026", () => {
    for (const [code, k] of Object.entries(coefficients)) {
      expect([
        code,
        total("2024-06-01", code),
        total("2026-06-01", code),
        total("2026-07-01", code),
        total("2026-12-01", code),
      ]).toEqual([code, 360_000 * k, 500_000 * k, 540_000 * k, 540_000 * k]);
    }
  });

  it("pays a severely disabled adult 1.5 × 540,000 = 810,000 under Decree 335/2026 from July 2026", () => {
    const p = price("2026-08-01", "BTXH_SEVERE_DISABILITY_ADULT");
    expect(p.ok && p.lines[0]).toMatchObject({
      amount: 810_000,
      baseLevel: 540_000,
      coefficient: 1.5,
      legalBasis: expect.stringContaining("335/2026"),
    });
    const before = price("2026-06-01", "BTXH_SEVERE_DISABILITY_ADULT");
    expect(before.ok && before.lines[0]?.legalBasis).toMatch(/20\/2021.*76\/2024/);
  });

  it("pays the social pension 500,000 from July 2025 and 540,000 from July 2026, and nothing before July 2025", () => {
    expect(total("2025-07-01", "SOCIAL_PENSION")).toBe(500_000);
    expect(total("2026-06-01", "SOCIAL_PENSION")).toBe(500_000);
    expect(total("2026-07-01", "SOCIAL_PENSION")).toBe(540_000);
    const early = price("2025-06-01", "SOCIAL_PENSION");
    expect(early.ok ? "paid" : early.gap.kind).toBe("notYetInForce");
  });

  it("no longer pays the two categories repealed on 2025-07-01 and names the social pension instead", () => {
    for (const code of ["BTXH_OLD_75_80_HARD_AREA", "BTXH_OLD_80_NO_PENSION"]) {
      expect(total("2025-06-01", code)).toBe(500_000);
      const after = price("2025-07-01", code);
      expect(after.ok).toBe(false);
      if (after.ok) continue;
      expect(after.gap).toMatchObject({
        kind: "repealed",
        effectiveTo: "2025-06-30",
        replacedBy: { code: "SOCIAL_PENSION" },
      });
      expect(after.gap.kind === "repealed" && after.gap.legalBasis).toMatch(/176\/2025.*Điều 5/);
    }
    // On file together with the social pension, only the pension is paid.
    const both = price("2026-08-01", "BTXH_OLD_80_NO_PENSION", "SOCIAL_PENSION");
    expect(both.ok && [both.total, both.skipped.map((g) => g.kind)]).toEqual([540_000, ["repealed"]]);
  });

  it("pays only the highest category, adds the single-parent allowance per child, pension or assistance not both", () => {
    const highest = price("2026-08-01", "BTXH_OLD_60_80_POOR", "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD");
    expect(highest.ok && highest.lines.map((l) => [l.categoryCode, l.amount])).toEqual([
      ["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD", 1_350_000],
    ]);
    expect(total("2026-08-01", "BTXH_SEVERE_DISABILITY_ADULT", { code: "BTXH_SINGLE_PARENT_POOR", rate: 2 })).toBe(
      810_000 + 1_080_000,
    );
    expect(total("2026-08-01", "SOCIAL_PENSION", "BTXH_OLD_80")).toBe(1_080_000);
  });

  it("refuses an unknown code and a code of the other programme", () => {
    const unknown = price("2026-01-01", "BTXH_NOPE");
    expect(unknown.ok ? null : unknown.gap).toEqual({ kind: "unknownCategory", code: "BTXH_NOPE" });
    const mixed = price("2026-01-01", "BTXH_OLD_80", "NCC_MARTYR_RELATIVE_1");
    expect(mixed.ok ? null : mixed.gap.kind).toBe("programmeMismatch");
  });
});

describe("people with meritorious services (NCC)", () => {
  it("pays relatives of martyrs 1, 2 or 3 times the base level: 2,055,000, 2,789,000, then 3,012,000 from July 2026", () => {
    const row = (code: string) => [total("2024-01-01", code), total("2026-01-01", code), total("2026-07-01", code)];
    expect(row("NCC_MARTYR_RELATIVE_1")).toEqual([2_055_000, 2_789_000, 3_012_000]);
    expect(row("NCC_MARTYR_RELATIVE_2")).toEqual([4_110_000, 5_578_000, 6_024_000]);
    expect(row("NCC_MARTYR_RELATIVE_3PLUS")).toEqual([6_165_000, 8_367_000, 9_036_000]);
    const line = price("2026-08-01", "NCC_MARTYR_RELATIVE_1");
    expect(line.ok && line.lines[0]?.legalBasis).toContain("321/2026");
  });

  it("pays a Heroic Mother 8,367,000 + 2,337,000 at 2,789,000; from July 2026 9,036,000 + 2,524,000, the supplement following the new level", () => {
    const before = price("2026-01-01", "NCC_HEROIC_MOTHER");
    expect(before.ok && before.lines.map((l) => [l.kind, l.categoryCode, l.amount])).toEqual([
      ["MONTHLY", "NCC_HEROIC_MOTHER", 8_367_000],
      ["SUPPLEMENT", "NCC_HEROIC_MOTHER_SUPPLEMENT", 2_337_000],
    ]);
    // The supplement follows the base level, as in every appendix (0.838 × the level, to the thousand).
    const after = price("2026-08-01", "NCC_HEROIC_MOTHER");
    expect(after.ok && after.lines.map((l) => [l.kind, l.categoryCode, l.amount])).toEqual([
      ["MONTHLY", "NCC_HEROIC_MOTHER", 9_036_000],
      ["SUPPLEMENT", "NCC_HEROIC_MOTHER_SUPPLEMENT", 2_524_000],
    ]);
    expect(after.ok && after.lines[1]?.legalBasis).toContain("321/2026");
    expect(total("2024-01-01", "NCC_HEROIC_MOTHER")).toBe(6_165_000 + 1_722_000);
  });

  it("pays the five quoted war-invalid rows at 2,789,000 and never a neighbouring row", () => {
    const byRate = [21, 41, 61, 81, 100].map((rate) => total("2026-01-01", { code: "NCC_WAR_INVALID", rate }));
    expect(byRate).toEqual([1_878_000, 3_667_000, 5_450_000, 7_240_000, 8_941_000]);
    for (const rate of [22, 40, 55, 99]) {
      const p = price("2026-01-01", { code: "NCC_WAR_INVALID", rate });
      expect(p.ok ? p.total : p.gap).toMatchObject({
        kind: "rateRowMissing",
        table: "NCC_WAR_INVALID",
        baseLevel: 2_789_000,
        rate,
        tableLoaded: true,
      });
    }
  });

  it("cannot pay a war invalid at 3,012,000 until that table is loaded", () => {
    const p = price("2026-08-01", { code: "NCC_WAR_INVALID", rate: 41 });
    expect(p.ok ? p.total : p.gap).toMatchObject({
      kind: "rateRowMissing",
      baseLevel: 3_012_000,
      rate: 41,
      tableLoaded: false,
    });
  });

  it("knows the survivors' care allowance (2,231,000 at 2,789,000, 2,410,000 at 3,012,000) and leaves the other allowances to the commune", () => {
    expect(total("2026-01-01", "NCC_SURVIVOR_CARE")).toBe(2_231_000);
    expect(total("2026-08-01", "NCC_SURVIVOR_CARE")).toBe(2_410_000);
    for (const code of ["NCC_WAR_INVALID_81_ALLOWANCE", "NCC_WAR_INVALID_81_CARER"]) {
      expect(price("2026-01-01", code)).toMatchObject({ ok: false, gap: { kind: "amountMissing", code } });
    }
    for (const code of ["NCC_SICK_SOLDIER", "NCC_AGENT_ORANGE", "NCC_WAR_INVALID_B"]) {
      expect(price("2026-01-01", { code, rate: 61 })).toMatchObject({
        ok: false,
        gap: { kind: "rateRowMissing", tableLoaded: false },
      });
    }
  });

  it("adds up several NCC allowances", () => {
    expect(total("2026-01-01", { code: "NCC_WAR_INVALID", rate: 61 }, "NCC_MARTYR_RELATIVE_1")).toBe(
      5_450_000 + 2_789_000,
    );
  });
});

describe("provincial resolutions", () => {
  it("pays the demo province's 600,000 social pension from January 2026, saying the national level beside it", () => {
    const at = (month: string, province: string | null) =>
      priceMonth(policy, { month, categories: [{ code: "SOCIAL_PENSION" }], provinceCode: province });
    const january = at("2026-01-01", "A01");
    expect(january.ok && january.lines[0]).toMatchObject({
      amount: 600_000,
      national: 500_000,
      provincial: { kind: "AMOUNT", amount: 600_000, resolutionNo: "15/2025/NQ-HĐND" },
    });
    const august = at("2026-08-01", "A01");
    expect(august.ok && [august.total, august.lines[0]?.national]).toEqual([600_000, 540_000]);
    expect(at("2025-12-01", "A01")).toMatchObject({ ok: true, total: 500_000 });
    expect(at("2026-08-01", "B02")).toMatchObject({ ok: true, total: 540_000 });
  });

  it("pays a provincial base level or top-up only where it gives more than the national rule", () => {
    const withResolutions: Policy = {
      ...policy,
      resolutions: [
        {
          provinceCode: "Q22",
          programme: "BTXH",
          categoryCode: null,
          kind: "LEVEL",
          amount: 600_000,
          resolutionNo: "1/2026/NQ-HĐND",
          effectiveFrom: "2026-01-01",
          effectiveTo: null,
          legalBasis: "NQ 1",
          source: null,
        },
        {
          provinceCode: "Q22",
          programme: "NCC",
          categoryCode: "NCC_MARTYR_RELATIVE_1",
          kind: "TOP_UP",
          amount: 200_000,
          resolutionNo: "2/2026/NQ-HĐND",
          effectiveFrom: "2026-01-01",
          effectiveTo: "2026-06-30",
          legalBasis: "NQ 2",
          source: null,
        },
      ],
    };
    const at = (month: string, code: string) =>
      priceMonth(withResolutions, { month, categories: [{ code }], provinceCode: "Q22" });
    expect(at("2026-08-01", "BTXH_SEVERE_DISABILITY_ADULT")).toMatchObject({
      ok: true,
      total: 900_000,
      lines: [{ national: 810_000, baseLevel: 600_000 }],
    });
    expect(at("2026-03-01", "NCC_MARTYR_RELATIVE_1")).toMatchObject({ ok: true, total: 2_989_000 });
    // The top-up ended in June.
    expect(at("2026-08-01", "NCC_MARTYR_RELATIVE_1")).toMatchObject({ ok: true, total: 3_012_000 });
  });
});
