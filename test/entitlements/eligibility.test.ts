// The eligibility guide for people not on a list yet: what may apply, how much, who decides. It
// asks the legal question about support and never assumes an answer it did not get.
import { beforeAll, describe, expect, it } from "vitest";
import {
  assessEligibility,
  eligibilityReplies,
  type EligibilityAnswers,
} from "../../src/features/entitlements/eligibility.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { missingKeys, rendered } from "./render.ts";

const NONE: EligibilityAnswers = {
  age: null,
  pension: null,
  household: null,
  disability: null,
  hasSupporter: null,
  orphan: null,
  hiv: null,
  singleParent: null,
  ncc: null,
};
const TODAY = "2026-12-10";

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const assess = (a: Partial<EligibilityAnswers>, today = TODAY) => assessEligibility(policy, { ...NONE, ...a }, today);
const codes = (a: Partial<EligibilityAnswers>, today = TODAY) =>
  assess(a, today).map((r) => [r.categoryCode, r.monthly]);
const guide = async (a: Partial<EligibilityAnswers>, locale: "vi" | "en" = "vi", today = TODAY) => {
  const replies = eligibilityReplies(assess(a, today));
  expect(await missingKeys(replies)).toEqual([]);
  const text = (await rendered(replies, locale)).join("\n---\n");
  expect(text).not.toMatch(/\{\{|entitlements:/);
  return text;
};

describe("the eligibility guide", () => {
  it("“mẹ tôi 81 tuổi, không có lương hưu”: the social pension of 540,000 may apply, and the commune chair decides", async () => {
    expect(assess({ age: 81, pension: "none" })).toEqual([
      expect.objectContaining({
        categoryCode: "SOCIAL_PENSION",
        monthly: 540_000,
        legalBasis: "Nghị định 335/2026/NĐ-CP",
      }),
    ]);
    const text = await guide({ age: 81, pension: "none" });
    expect(text).toContain(
      "Theo các câu trả lời, có thể Bác được hưởng:\n\n• Trợ cấp hưu trí xã hội: 540.000 đ mỗi tháng.",
    );
    expect(text).toContain("Chủ tịch Ủy ban nhân dân xã (từ ngày 01/07/2025, theo Nghị định 147/2025/NĐ-CP)");
    expect(text).toContain("hỗ trợ mai táng 10.800.000 đ");
    expect(text).toContain("Một số tỉnh trả cao hơn mức quốc gia");
    const en = await guide({ age: 81, pension: "none" }, "en");
    expect(en).toContain("• Social pension: 540,000 VND a month.");
  });

  it("a small social-insurance allowance below the social pension leaves the difference", async () => {
    expect(assess({ age: 78, pension: "below" })).toEqual([
      expect.objectContaining({ categoryCode: "SOCIAL_PENSION", monthly: 540_000, difference: true }),
    ]);
    expect(await guide({ age: 78, pension: "below" })).toContain("phần còn thiếu so với 540.000 đ mỗi tháng");
    expect(assess({ age: 78, pension: "above" })).toEqual([]);
  });

  it("the legal test is whether anyone has the duty to support them, not living alone", async () => {
    expect(codes({ age: 81, pension: "none", household: "poor", hasSupporter: false })).toEqual([
      ["BTXH_OLD_80", 1_080_000],
      ["SOCIAL_PENSION", 540_000],
    ]);
    // Living alone but with children who must support them: not the "no supporter" category.
    expect(codes({ age: 81, pension: "none", household: "poor", hasSupporter: true })).toEqual([
      ["SOCIAL_PENSION", 540_000],
    ]);
    expect(codes({ age: 65, household: "poor", hasSupporter: false })).toEqual([["BTXH_OLD_60_80_POOR", 810_000]]);
    // Not asked (unknown) is not taken as "nobody".
    expect(codes({ age: 65, household: "poor" })).toEqual([]);
    const text = await guide({ age: 81, pension: "none", household: "poor", hasSupporter: false });
    expect(text).toContain("Trợ cấp hưu trí xã hội và trợ cấp xã hội hằng tháng không được nhận cả hai");
  });

  it("before the social pension began (July 2025), an 81-year-old without a pension had the 80+ allowance; after, never", () => {
    expect(codes({ age: 81, pension: "none" }, "2025-03-01")).toEqual([["BTXH_OLD_80_NO_PENSION", 500_000]]);
    expect(codes({ age: 81, pension: "none" }, "2025-08-01")).toEqual([["SOCIAL_PENSION", 500_000]]);
  });

  it("asks about orphans, HIV and single parents instead of assuming none", async () => {
    expect(codes({ age: 3, orphan: true })).toEqual([["BTXH_CHILD_NO_CARER_UNDER4", 1_350_000]]);
    expect(codes({ age: 18, orphan: true })).toEqual([["BTXH_CHILD_NO_CARER_4PLUS", 810_000]]);
    expect(codes({ age: 10, hiv: true, household: "poor" })).toEqual([["BTXH_CHILD_HIV_POOR_4_16", 1_080_000]]);
    expect(codes({ age: 35, hiv: true, household: "poor" })).toEqual([["BTXH_HIV_POOR", 810_000]]);
    expect(codes({ age: 35, singleParent: true, household: "near_poor" })).toEqual([
      ["BTXH_SINGLE_PARENT_POOR", 540_000],
    ]);
    expect(await guide({ age: 35, singleParent: true, household: "near_poor" })).toContain(
      "Giấy khai sinh của các con",
    );
  });

  it("a child with an especially severe disability gets the higher coefficient, and the family may get a care allowance", async () => {
    expect(codes({ age: 10, disability: "especially_severe" })).toEqual([
      ["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD", 1_350_000],
    ]);
    const text = await guide({ age: 10, disability: "especially_severe" });
    expect(text).toContain("hỗ trợ kinh phí chăm sóc");
  });

  it("meritorious services: 3,012,000 for a martyr's relative; amounts the data lacks are confirmed by the commune", async () => {
    expect(assess({ ncc: "martyr_relative" }).map((r) => [r.categoryCode, r.monthly, r.atLeast])).toEqual([
      ["NCC_MARTYR_RELATIVE_1", 3_012_000, true],
    ]);
    expect(await guide({ ncc: "martyr_relative" })).toContain("Thân nhân của 01 liệt sĩ: từ 3.012.000 đ mỗi tháng.");
    // No war-invalid table at 3,012,000 yet: no number is guessed.
    expect(assess({ ncc: "war_invalid" }).map((r) => [r.categoryCode, r.monthly])).toEqual([["NCC_WAR_INVALID", null]]);
    const text = await guide({ ncc: "war_invalid" });
    expect(text).toContain("Thương binh (theo tỷ lệ tổn thương cơ thể): xã sẽ xác nhận số tiền.");
    expect(text).toContain("Với chế độ người có công, Bác nộp hồ sơ ở Ủy ban nhân dân xã");
    // Before the rise, the lowest row of the table is known.
    expect(assess({ ncc: "war_invalid" }, "2026-03-10").map((r) => r.monthly)).toEqual([1_878_000]);
    // A martyr's parent with nobody to support them: the survivors' care allowance too.
    expect(codes({ ncc: "martyr_relative", hasSupporter: false }, "2026-03-10")).toEqual([
      ["NCC_MARTYR_RELATIVE_1", 2_789_000],
      ["NCC_SURVIVOR_CARE", 2_231_000],
    ]);
  });
});
