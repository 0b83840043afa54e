// Why a month differs from the one before: a new base level, carried-over money, back pay, gifts,
// a suspension, a new category; and what the bot says when the list disagrees with the rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import type { Policy } from "../../src/features/policy/policySchema.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addPayout, addPerson, seedPlace, type Place } from "./fixtures.ts";
import { missingKeys, rendered } from "./render.ts";

describe("month-to-month differences", () => {
  let db: TestDatabase;
  let place: Place;
  const who: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    place = await seedPlace(db.prisma);
    const p = db.prisma;
    const add = (
      name: string,
      programme: "BTXH" | "NCC",
      categories: { code: string; rate?: number; since?: string }[],
      extra = {},
    ) => addPerson(p, { name, communeId: place.communes.hoaAn, programme, categories, ...extra });

    who.old80 = await add("Bà Tư", "BTXH", [{ code: "BTXH_OLD_80" }]);
    await addPayout(p, who.old80, "2024-06-01", [{ kind: "MONTHLY", amount: 720_000, categoryCode: "BTXH_OLD_80" }]);
    await addPayout(p, who.old80, "2024-07-01", [{ kind: "MONTHLY", amount: 1_000_000, categoryCode: "BTXH_OLD_80" }]);

    who.martyr = await add("Bà Năm", "NCC", [{ code: "NCC_MARTYR_RELATIVE_1" }]);
    await addPayout(p, who.martyr, "2024-06-01", [{ kind: "MONTHLY", amount: 2_055_000 }]);
    await addPayout(p, who.martyr, "2024-07-01", [{ kind: "MONTHLY", amount: 2_789_000 }]);

    who.invalid = await add("Ông Sáu", "NCC", [{ code: "NCC_WAR_INVALID", rate: 41 }]);
    await addPayout(p, who.invalid, "2024-06-01", [{ kind: "MONTHLY", amount: 2_702_000 }]);
    await addPayout(p, who.invalid, "2024-07-01", [{ kind: "MONTHLY", amount: 3_667_000 }]);

    who.carried = await add("Bà Bảy", "BTXH", [{ code: "BTXH_OLD_80" }]);
    await addPayout(p, who.carried, "2025-08-01", [{ kind: "MONTHLY", amount: 1_000_000 }], "CARRIED_OVER");
    await addPayout(p, who.carried, "2025-09-01", [
      { kind: "MONTHLY", amount: 1_000_000 },
      { kind: "CARRIED_OVER", amount: 1_000_000, label: "Tiền chưa nhận kỳ 08/2025 chuyển sang" },
    ]);

    who.backPay = await add("Chị Tám", "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }]);
    await addPayout(p, who.backPay, "2025-08-01", [{ kind: "MONTHLY", amount: 750_000 }]);
    await addPayout(p, who.backPay, "2025-09-01", [
      { kind: "MONTHLY", amount: 750_000 },
      { kind: "BACK_PAY", amount: 1_500_000, label: "Truy lĩnh tháng 06-07/2025" },
    ]);

    who.gift = await add("Ông Chín", "NCC", [{ code: "NCC_MARTYR_RELATIVE_2" }]);
    await addPayout(p, who.gift, "2026-02-01", [
      { kind: "MONTHLY", amount: 5_578_000 },
      { kind: "GIFT", amount: 600_000, label: "Quà Tết của Chủ tịch nước" },
    ]);
    await addPayout(p, who.gift, "2026-03-01", [{ kind: "MONTHLY", amount: 5_578_000 }]);

    who.suspended = await add("Anh Mười", "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }], {
      status: "SUSPENDED",
      statusChangedAt: new Date("2025-09-15T03:00:00Z"),
    });
    await addPayout(p, who.suspended, "2025-09-01", [{ kind: "MONTHLY", amount: 750_000 }]);
    await addPayout(p, who.suspended, "2025-10-01", [{ kind: "MONTHLY", amount: 750_000 }], "SCHEDULED");

    who.newcomer = await add("Cháu Út", "BTXH", [{ code: "BTXH_CHILD_NO_CARER_4PLUS", since: "2025-09-01" }]);
    await addPayout(p, who.newcomer, "2025-09-01", [{ kind: "MONTHLY", amount: 750_000 }], "SCHEDULED");

    who.wrong = await add("Bà Hai", "BTXH", [{ code: "BTXH_OLD_80" }]);
    await addPayout(p, who.wrong, "2025-08-01", [{ kind: "MONTHLY", amount: 1_000_000 }]);
    await addPayout(p, who.wrong, "2025-09-01", [{ kind: "MONTHLY", amount: 720_000 }]);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const explain = (person: string, month: string) => explainMonth(db.prisma, place.policy, who[person] ?? "", month);
  const say = async (person: string, month: string, locale: "vi" | "en" = "vi") => {
    const replies = explanationReplies(await explain(person, month));
    expect(await missingKeys(replies)).toEqual([]);
    return (await rendered(replies, locale)).join("\n---\n");
  };

  it("July 2024 pays a poor 80-year-old 1,000,000 instead of 720,000 because the base level rose to 500,000", async () => {
    const july = await explain("old80", "2024-07-01");
    const june = await explain("old80", "2024-06-01");
    expect(june.expected?.lines.map((l) => [l.baseLevel, l.coefficient, l.amount])).toEqual([[360_000, 2, 720_000]]);
    expect(july.expected?.total).toBe(1_000_000);
    expect(july.changes).toEqual([
      {
        reason: "baseLevel",
        amount: 280_000,
        detail: {
          programme: "BTXH",
          from: 360_000,
          to: 500_000,
          effectiveFrom: "2024-07-01",
          legalBasis: "Nghị định 76/2024/NĐ-CP",
        },
      },
    ]);
    expect(july.mismatch).toBeNull();
    const text = await say("old80", "2024-07-01");
    expect(text).toContain("Mức chuẩn 500.000 đ × hệ số 2 = 1.000.000 đ");
    expect(text).toContain(
      "So với tháng 06/2024:\n\nTiền tăng 280.000 đ vì mức chuẩn tăng từ 360.000 đ lên 500.000 đ kể từ ngày 01/07/2024 (Nghị định 76/2024/NĐ-CP).",
    );
    expect(await say("old80", "2024-07-01", "en")).toContain(
      "280,000 VND more because the base level rose from 360,000 VND to 500,000 VND on 01/07/2024",
    );
  });

  it("July 2024 pays a martyr's relative 2,789,000 instead of 2,055,000 for the same reason", async () => {
    const july = await explain("martyr", "2024-07-01");
    expect(july.expected?.total).toBe(2_789_000);
    expect(july.changes).toEqual([
      expect.objectContaining({
        reason: "baseLevel",
        amount: 734_000,
        detail: expect.objectContaining({ from: 2_055_000, to: 2_789_000 }),
      }),
    ]);
    expect(await say("martyr", "2024-07-01")).toContain(
      "Tiền tăng 734.000 đ vì mức chuẩn tăng từ 2.055.000 đ lên 2.789.000 đ kể từ ngày 01/07/2024 (Nghị định 77/2024/NĐ-CP).",
    );
  });

  it("a war invalid's rise is explained from what was paid when the old rate table is not in the policy data", async () => {
    const june = await explain("invalid", "2024-06-01");
    expect(june.policyMissing).toBe(true);
    expect(june.mismatch).toBeNull();
    expect(await say("invalid", "2024-06-01")).toContain("Tôi chưa tính được số tiền tháng 06/2024 của Bác");
    expect(await say("invalid", "2024-06-01")).toContain("Xã sẽ xác nhận số tiền cho Bác.");
    const july = await explain("invalid", "2024-07-01");
    expect(july.changes).toEqual([expect.objectContaining({ reason: "baseLevel", amount: 965_000 })]);
  });

  it("money not collected last month comes back as its own line, and the month it was missed says so", async () => {
    const sep = await explain("carried", "2025-09-01");
    expect(sep.mismatch).toBeNull();
    expect(sep.changes).toEqual([expect.objectContaining({ reason: "carriedOver", amount: 1_000_000 })]);
    const text = await say("carried", "2025-09-01");
    expect(text).toContain(
      "Bác đã nhận 2.000.000 đ cho tháng 09/2025.\n\nTrong đó có 1.000.000 đ tiền kỳ trước chưa nhận, được chuyển sang.",
    );
    expect(text).toContain("Tiền tăng 1.000.000 đ vì có tiền kỳ trước Bác chưa nhận, được chuyển sang.");
    expect(await say("carried", "2025-08-01")).toContain(
      "Bác chưa nhận 1.000.000 đ của tháng 08/2025. Số tiền này được chuyển sang kỳ sau.",
    );
  });

  it("back pay is explained as money for earlier months, not as a rise of the allowance", async () => {
    const sep = await explain("backPay", "2025-09-01");
    expect(sep.mismatch).toBeNull();
    expect(sep.changes).toEqual([expect.objectContaining({ reason: "backPay", amount: 1_500_000 })]);
    expect(await say("backPay", "2025-09-01")).toContain("Tiền tăng 1.500.000 đ vì có tiền truy lĩnh");
  });

  it("the month after a Tết gift is lower because the gift is given once", async () => {
    const march = await explain("gift", "2026-03-01");
    expect(march.changes).toEqual([expect.objectContaining({ reason: "gift", amount: -600_000 })]);
    expect(await say("gift", "2026-03-01")).toContain(
      "Tiền giảm 600.000 đ vì tháng trước có tiền quà. Quà chỉ có một lần.",
    );
    expect(await say("gift", "2026-02-01")).toContain("Trong đó có 600.000 đ tiền quà: Quà Tết của Chủ tịch nước.");
  });

  it("a suspension stops the allowance from the next month, and a payout still listed is flagged", async () => {
    const sep = await explain("suspended", "2025-09-01");
    expect(sep.expected?.total).toBe(750_000);
    const oct = await explain("suspended", "2025-10-01");
    expect(oct.expected).toBeNull();
    expect(oct.stopped).toEqual({ status: "SUSPENDED", since: "2025-09-15" });
    expect(oct.changes).toEqual([expect.objectContaining({ reason: "suspension", amount: -750_000 })]);
    expect(oct.mismatch).toEqual({ expected: 0, paid: 750_000 });
    const text = await say("suspended", "2025-10-01");
    expect(text).toContain("Tháng 10/2025 không có tiền trợ cấp vì trợ cấp của Bác đang tạm dừng.");
    expect(text).toContain("Tiền giảm 750.000 đ vì trợ cấp đang tạm dừng.");
  });

  it("the first month of a new category says the allowance starts", async () => {
    const sep = await explain("newcomer", "2025-09-01");
    expect(sep.changes).toEqual([expect.objectContaining({ reason: "category", amount: 750_000 })]);
    expect(await say("newcomer", "2025-09-01")).toContain("Từ tháng này bắt đầu được hưởng 750.000 đ");
  });

  it("a payout below the rules gets a gentle word and the commune, never an accusation", async () => {
    const sep = await explain("wrong", "2025-09-01");
    expect(sep.mismatch).toEqual({ expected: 1_000_000, paid: 720_000 });
    const text = await say("wrong", "2025-09-01");
    expect(text).toContain("Tiền hằng tháng trong danh sách chi trả là 720.000 đ, còn theo quy định là 1.000.000 đ.");
    expect(text).toContain(
      "Cán bộ xã sẽ thấy khoản chênh lệch này khi kiểm tra danh sách. Bác cũng có thể hỏi cán bộ xã.",
    );
    expect(text.toLowerCase()).not.toMatch(/sai phạm|gian lận|ăn chặn|lừa/);
  });

  it("the 2026 base level is confirmed and paid from July 2026 under Decree 335/2026", async () => {
    const aug = await explain("old80", "2026-08-01");
    expect(aug.expected?.total).toBe(1_080_000);
    expect(aug.unconfirmedLevel).toBeNull();
    expect(await say("old80", "2026-08-01")).toContain(
      "Mức chuẩn 540.000 đ × hệ số 2 = 1.080.000 đ (Nghị định 335/2026/NĐ-CP).",
    );
  });

  it("a base level only reported is named as not yet confirmed and not paid", async () => {
    const reported: Policy = {
      ...place.policy,
      baseLevels: [
        ...place.policy.baseLevels,
        {
          programme: "BTXH",
          amount: 580_000,
          effectiveFrom: "2027-07-01",
          legalBasis: "Báo chí",
          source: null,
          confirmed: false,
          appliedFrom: null,
        },
      ],
    };
    const e = await explainMonth(db.prisma, reported, who.old80 ?? "", "2027-08-01");
    expect(e.expected?.total).toBe(1_080_000);
    expect(e.unconfirmedLevel).toEqual(expect.objectContaining({ amount: 580_000, effectiveFrom: "2027-07-01" }));
    expect((await rendered(explanationReplies(e))).join("\n")).toContain(
      "Có tin mức chuẩn mới 580.000 đ từ ngày 01/07/2027, nhưng chưa được xác nhận chính thức.",
    );
  });

  it("refuses a day that is not the first of a month, and an unknown person", async () => {
    await expect(explain("old80", "2025-09-15")).rejects.toThrow(/first day of a month/);
    await expect(
      explainMonth(db.prisma, place.policy, "00000000-0000-0000-0000-000000000000", "2025-09-01"),
    ).rejects.toThrow(/not found/);
  });
});
