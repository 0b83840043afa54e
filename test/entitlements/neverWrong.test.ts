// A correct payout is never called wrong: a payout at a level the policy data lacks (a decree not
// entered yet, a level only reported, a provincial amount not entered) is "nothing is wrong with
// your money" for the person and "policy data may be out of date" for the officer; only a real
// difference is reported as one; what the data cannot compute is left to the commune.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAmounts } from "../../src/features/entitlements/checkAmounts.ts";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import { gapText, outdatedText } from "../../src/features/entitlements/reasonText.ts";
import { unmatchedPayouts } from "../../src/features/entitlements/unmatchedPayouts.ts";
import type { Policy } from "../../src/features/policy/policySchema.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addPayout, addPerson, seedPlace, type Place } from "./fixtures.ts";
import { rendered } from "./render.ts";

const AUG = "2026-08-01";

describe("never calling a correct payout wrong", () => {
  let db: TestDatabase;
  let place: Place;
  /** The data as an older release had it: the 2026 rises missing. */
  let before2026: Policy;
  let reported: Policy;
  const who: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    place = await seedPlace(db.prisma);
    const levels = place.policy.baseLevels.filter((l) => l.effectiveFrom !== "2026-07-01");
    const amounts = (p: Policy) =>
      p.categories.map((c) => ({ ...c, amounts: c.amounts.filter((a) => a.effectiveFrom !== "2026-07-01") }));
    before2026 = { ...place.policy, baseLevels: levels, categories: amounts(place.policy) };
    reported = {
      ...place.policy,
      baseLevels: place.policy.baseLevels.map((l) =>
        l.effectiveFrom === "2026-07-01" ? { ...l, confirmed: false } : l,
      ),
    };
    const p = db.prisma;
    const person = async (
      key: string,
      name: string,
      programme: "BTXH" | "NCC",
      categories: { code: string; rate?: number }[],
      paid: number,
    ) => {
      who[key] = await addPerson(p, { name, communeId: place.communes.hoaAn, programme, categories });
      await addPayout(p, who[key], AUG, [{ kind: "MONTHLY", amount: paid }]);
    };
    await person("right", "Chị Đúng", "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }], 810_000);
    await person("wrong", "Chị Sai", "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }], 700_000);
    await person("province", "Bà Tỉnh", "BTXH", [{ code: "SOCIAL_PENSION" }], 700_000);
    await person("invalid", "Ông Thương", "NCC", [{ code: "NCC_WAR_INVALID", rate: 45 }], 4_000_000);
    await person("repealed", "Bà Cũ", "BTXH", [{ code: "BTXH_OLD_80_NO_PENSION" }], 540_000);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const say = async (policy: Policy, key: string) =>
    (await rendered(explanationReplies(await explainMonth(db.prisma, policy, who[key] ?? "", AUG)))).join("\n");

  it("810,000 paid when the data still lacks the 540,000 level: nothing is wrong, the officer sees the data may be out of date", async () => {
    const e = await explainMonth(db.prisma, before2026, who.right ?? "", AUG);
    expect(e.mismatch).toBeNull();
    expect(e.verdict).toMatchObject({ kind: "otherLevel", match: { kind: "inferredLevel", baseLevel: 540_000 } });
    const text = await say(before2026, "right");
    expect(text).toContain("Tiền của Bác không có gì sai.");
    expect(text).not.toContain("còn theo quy định là");
    const check = await checkAmounts(db.prisma, before2026, { month: "2026-08", communeIds: null });
    expect(check.rows.map((r) => r.fullName)).toEqual(["Chị Sai"]);
    const t = (await createI18n()).t("vi");
    const outdated = check.outdated.find((o) => o.fullName === "Chị Đúng");
    expect(outdated && outdatedText(t, "vi", outdated.match)).toBe(
      "Dữ liệu chính sách có thể đã cũ: khoản chi khớp mức chuẩn 540.000 đ, chưa có trong dữ liệu.",
    );
  });

  it("a level only reported, not confirmed: the payout at it is recognised, not reported as wrong", async () => {
    const e = await explainMonth(db.prisma, reported, who.right ?? "", AUG);
    expect(e.verdict).toMatchObject({
      kind: "otherLevel",
      match: { kind: "reportedLevel", baseLevel: 540_000, legalBasis: "Nghị định 335/2026/NĐ-CP" },
    });
    expect(await say(reported, "right")).toContain("Tiền của Bác không có gì sai.");
  });

  it("with the current data the same payout simply agrees", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.right ?? "", AUG);
    expect(e.verdict?.kind).toBe("agrees");
  });

  it("a social pension above the national amount in a province whose resolution is not entered is not called wrong", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.province ?? "", AUG);
    expect(e.verdict).toMatchObject({ kind: "otherLevel", match: { kind: "provincialAmount", amount: 700_000 } });
    expect(await say(place.policy, "province")).toContain("Tiền của Bác không có gì sai.");
  });

  it("only a real difference is reported as one, gently", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.wrong ?? "", AUG);
    expect(e.mismatch).toEqual({ expected: 810_000, paid: 700_000 });
    const text = await say(place.policy, "wrong");
    expect(text).toContain("Tiền hằng tháng trong danh sách chi trả là 700.000 đ, còn theo quy định là 810.000 đ.");
    expect(text).not.toContain("không có gì sai");
  });

  it("a war invalid at 45% is never priced at the 41% row: the person hears the commune will confirm, the officer which table and row to load", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.invalid ?? "", AUG);
    expect(e.expected).toBeNull();
    expect(e.gap).toMatchObject({ kind: "rateRowMissing", table: "NCC_WAR_INVALID", baseLevel: 3_012_000, rate: 45 });
    const text = await say(place.policy, "invalid");
    expect(text).toContain("Xã sẽ xác nhận số tiền cho Bác.");
    expect(text).not.toMatch(/3\.667\.000|khác với|còn theo quy định/);
    const check = await checkAmounts(db.prisma, place.policy, { month: "2026-08", communeIds: null });
    const t = (await createI18n()).t("vi");
    const unpriced = check.unpriced.find((u) => u.fullName === "Ông Thương");
    expect(unpriced && gapText(t, "vi", unpriced.gap)).toBe(
      "Không tính được: chưa có bảng NCC_WAR_INVALID cho mức chuẩn 3.012.000 đ. Cần tải cả bảng từ phụ lục nghị định (người này cần dòng 45%).",
    );
  });

  it("the dashboard counts the payouts of the month that match no confirmed level", async () => {
    expect(await unmatchedPayouts(db.prisma, place.policy, AUG, null)).toEqual({
      month: AUG,
      payouts: 5,
      unmatched: 4,
      outdated: 1,
      unpriced: 2,
      mismatched: 1,
    });
  });

  it("a category repealed in 2025 is named as repealed, with the social pension instead", async () => {
    const text = await say(place.policy, "repealed");
    expect(text).toContain(
      "đã bị bãi bỏ từ ngày 01/07/2025 (Nghị định 176/2025/NĐ-CP bãi bỏ điểm c khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP)",
    );
    expect(text).toContain("chuyển sang hưởng Trợ cấp hưu trí xã hội");
    const check = await checkAmounts(db.prisma, place.policy, { month: "2026-08", communeIds: null });
    const t = (await createI18n()).t("vi");
    const row = check.unpriced.find((u) => u.fullName === "Bà Cũ");
    expect(row && gapText(t, "vi", row.gap)).toContain("cần chuyển người hưởng sang Trợ cấp hưu trí xã hội");
  });
});
