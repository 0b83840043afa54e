// The eligibility guide for people not on a list yet: what may apply, how much, who decides.
import { beforeAll, describe, expect, it } from "vitest";
import { assessEligibility, eligibilityReplies, type EligibilityAnswers } from "../../src/features/entitlements/eligibility.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { missingKeys, rendered } from "./render.ts";

const NONE: EligibilityAnswers = { age: null, hasPension: null, household: null, disability: null, livesAlone: null, ncc: null };
const TODAY = "2026-03-10";

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const assess = (a: Partial<EligibilityAnswers>, today = TODAY) => assessEligibility(policy, { ...NONE, ...a }, today);
const guide = async (a: Partial<EligibilityAnswers>, locale: "vi" | "en" = "vi", today = TODAY) => {
  const replies = eligibilityReplies(assess(a, today));
  expect(await missingKeys(replies)).toEqual([]);
  const text = (await rendered(replies, locale)).join("\n---\n");
  expect(text).not.toMatch(/\{\{|entitlements:/);
  return text;
};

describe("the eligibility guide", () => {
  it("“mẹ tôi 81 tuổi, không có lương hưu”: the social pension may apply, and the commune chair decides", async () => {
    expect(assess({ age: 81, hasPension: false })).toEqual([
      expect.objectContaining({ categoryCode: "SOCIAL_PENSION", monthly: 500_000, legalBasis: "Nghị định 176/2025/NĐ-CP" }),
    ]);
    const text = await guide({ age: 81, hasPension: false });
    expect(text).toContain("Theo các câu trả lời, có thể Bác được hưởng:\n\n• Trợ cấp hưu trí xã hội: 500.000 đ mỗi tháng.");
    expect(text).toContain("Chủ tịch Ủy ban nhân dân xã (từ ngày 01/07/2025, theo Nghị định 147/2025/NĐ-CP)");
    expect(text).toContain("Đây chỉ là hướng dẫn, chưa phải quyết định.");
    expect(text).toContain("thẻ bảo hiểm y tế miễn phí");
    expect(text).toContain("hỗ trợ mai táng 10.000.000 đ");
    expect(text).toContain("Khi đến Ủy ban nhân dân xã, Bác mang theo:");
    expect(text).toContain("Thẻ căn cước");
    const en = await guide({ age: 81, hasPension: false }, "en");
    expect(en).toContain("• Social pension: 500,000 VND a month.");
    expect(en).toContain("The chair of the commune People's Committee decides");
  });

  it("a poor 81-year-old living alone may get 1,000,000 from social assistance instead: the higher one, not both", async () => {
    const result = assess({ age: 81, hasPension: false, household: "poor", livesAlone: true });
    expect(result.map((r) => [r.categoryCode, r.monthly])).toEqual([
      ["BTXH_OLD_80", 1_000_000],
      ["SOCIAL_PENSION", 500_000],
    ]);
    const text = await guide({ age: 81, hasPension: false, household: "poor", livesAlone: true });
    expect(text).toContain("Trợ cấp hưu trí xã hội và trợ cấp xã hội hằng tháng không được nhận cả hai");
    expect(text).toContain("Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi trở lên: 1.000.000 đ.");
    expect(text).toContain("Giấy chứng nhận hộ nghèo");
  });

  it("before the social pension began (July 2025), an 81-year-old without a pension had the 80+ allowance", async () => {
    expect(assess({ age: 81, hasPension: false }, "2025-03-01").map((r) => [r.categoryCode, r.monthly])).toEqual([["BTXH_OLD_80_NO_PENSION", 500_000]]);
  });

  it("at 72 the social pension needs a poor or near-poor household", async () => {
    expect(assess({ age: 72, hasPension: false, household: "near_poor" }).map((r) => r.categoryCode)).toEqual(["SOCIAL_PENSION"]);
    expect(assess({ age: 72, hasPension: false, household: "other" })).toEqual([]);
    expect(assess({ age: 81, hasPension: true })).toEqual([]);
    const text = await guide({ age: 72, hasPension: false, household: "other" });
    expect(text).toContain("tôi chưa thấy khoản trợ cấp nào phù hợp");
    expect(text).toContain("hỏi cán bộ văn hóa - xã hội");
  });

  it("a poor 65-year-old with nobody to support them may get 1.5 × the base level", () => {
    expect(assess({ age: 65, household: "poor", livesAlone: true }).map((r) => [r.categoryCode, r.monthly])).toEqual([["BTXH_OLD_60_80_POOR", 750_000]]);
  });

  it("a child with an especially severe disability gets the higher coefficient, and the family may get a care allowance", async () => {
    expect(assess({ age: 10, disability: "especially_severe" }).map((r) => [r.categoryCode, r.monthly])).toEqual([
      ["BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD", 1_250_000],
    ]);
    expect(assess({ age: 30, disability: "severe" }).map((r) => [r.categoryCode, r.monthly])).toEqual([["BTXH_SEVERE_DISABILITY_ADULT", 750_000]]);
    const text = await guide({ age: 10, disability: "especially_severe" });
    expect(text).toContain("hỗ trợ kinh phí chăm sóc");
    expect(text).toContain("Giấy xác nhận khuyết tật");
  });

  it("meritorious-service allowances are named with their lowest amount, and where to apply", async () => {
    expect(assess({ ncc: "war_invalid" }).map((r) => [r.categoryCode, r.monthly, r.atLeast])).toEqual([["NCC_WAR_INVALID", 1_878_000, true]]);
    expect(assess({ ncc: "martyr_relative" }).map((r) => [r.categoryCode, r.monthly])).toEqual([["NCC_MARTYR_RELATIVE_1", 2_789_000]]);
    const text = await guide({ ncc: "war_invalid" });
    expect(text).toContain("Trợ cấp thương binh: từ 1.878.000 đ mỗi tháng, tùy tỷ lệ tổn thương cơ thể.");
    expect(text).toContain("Với chế độ người có công, Bác nộp hồ sơ ở Ủy ban nhân dân xã");
    expect(text).not.toContain("Chủ tịch Ủy ban nhân dân xã (từ ngày");
    expect(await guide({ ncc: "martyr_relative" })).toContain("Thân nhân của 01 liệt sĩ: từ 2.789.000 đ mỗi tháng.");
  });
});
