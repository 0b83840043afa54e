// Every kind of beneficiary: the amount the rules give, line by line, and how the bot says it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import type { Programme } from "../../src/generated/prisma/enums.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addPayout, addPerson, seedPlace, type Place } from "./fixtures.ts";
import { missingKeys, rendered } from "./render.ts";

const MONTH = "2025-09-01";

interface Kind {
  kind: string;
  programme: Programme;
  categories: { code: string; rate?: number }[];
  /** [amount, base level, coefficient] of each line the rules pay. */
  lines: [number, number | null, number | null][];
  says: string[];
  saysEn?: string[];
}

const btxh = (kind: string, code: string, amount: number, coefficient: number, says: string[] = []): Kind => ({
  kind,
  programme: "BTXH",
  categories: [{ code }],
  lines: [[amount, 500_000, coefficient]],
  says: [
    `Mức chuẩn 500.000 đ × hệ số ${String(coefficient).replace(".", ",")} = ${amount.toLocaleString("de-DE")} đ (Nghị định 20/2021/NĐ-CP`,
    ...says,
  ],
});

const KINDS: Kind[] = [
  {
    ...btxh("poor older person aged 60-80", "BTXH_OLD_60_80_POOR", 750_000, 1.5),
    saysEn: ["Base level 500,000 VND × coefficient 1.5 = 750,000 VND"],
  },
  btxh("poor older person aged 80+ with no supporter", "BTXH_OLD_80", 1_000_000, 2),
  btxh("adult with a severe disability", "BTXH_SEVERE_DISABILITY_ADULT", 750_000, 1.5),
  btxh("child with a severe disability", "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD", 1_000_000, 2),
  btxh("adult with an especially severe disability", "BTXH_ESPECIALLY_SEVERE_DISABILITY_ADULT", 1_000_000, 2),
  btxh("child with an especially severe disability", "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD", 1_250_000, 2.5),
  btxh("child without a carer, under 4 (the orphan's carer collects)", "BTXH_CHILD_NO_CARER_UNDER4", 1_250_000, 2.5),
  btxh("child without a carer, 4 or older", "BTXH_CHILD_NO_CARER_4PLUS", 750_000, 1.5),
  {
    kind: "single parent with a severe disability raising two children (the allowance stacks)",
    programme: "BTXH",
    categories: [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }, { code: "BTXH_SINGLE_PARENT_POOR", rate: 2 }],
    lines: [
      [750_000, 500_000, 1.5],
      [1_000_000, 500_000, 1],
    ],
    says: [
      "Tiền trợ cấp tháng 09/2025 theo quy định: 1.750.000 đ.",
      "Cộng thêm trợ cấp nuôi con",
      "Mức chuẩn 500.000 đ × hệ số 1 × 2 con = 1.000.000 đ",
    ],
  },
  ...(
    [
      [21, 1_878_000],
      [41, 3_667_000],
      [61, 5_450_000],
      [81, 7_240_000],
      [100, 8_941_000],
    ] as const
  ).map(([rate, amount]): Kind => ({
    kind: `war invalid at ${rate}%`,
    programme: "NCC",
    categories: [{ code: "NCC_WAR_INVALID", rate }],
    lines: [[amount, 2_789_000, null]],
    says: [`Trợ cấp thương binh tỷ lệ ${rate}%: ${amount.toLocaleString("de-DE")} đ`],
  })),
  ...(
    [
      ["1", 1, 2_789_000],
      ["2", 2, 5_578_000],
      ["3PLUS", 3, 8_367_000],
    ] as const
  ).map(([suffix, n, amount]): Kind => ({
    kind: `relative of ${n} martyr(s)`,
    programme: "NCC",
    categories: [{ code: `NCC_MARTYR_RELATIVE_${suffix}` }],
    lines: [[amount, 2_789_000, n]],
    says: [`Mức chuẩn 2.789.000 đ × ${n} = ${amount.toLocaleString("de-DE")} đ`],
  })),
  {
    kind: "Heroic Vietnamese Mother, with her supplement",
    programme: "NCC",
    categories: [{ code: "NCC_HEROIC_MOTHER" }],
    lines: [
      [8_367_000, 2_789_000, 3],
      [2_337_000, 2_789_000, null],
    ],
    says: [
      "theo quy định: 10.704.000 đ",
      "Mức chuẩn 2.789.000 đ × 3 = 8.367.000 đ",
      "Cộng thêm Phụ cấp hằng tháng Bà mẹ Việt Nam anh hùng: 2.337.000 đ",
    ],
  },
  {
    kind: "social pension alone",
    programme: "BTXH",
    categories: [{ code: "SOCIAL_PENSION" }],
    lines: [[500_000, null, null]],
    says: ["Trợ cấp hưu trí xã hội: 500.000 đ (Nghị định 176/2025/NĐ-CP)."],
  },
  {
    kind: "social pension and a severe disability: the higher one, not both",
    programme: "BTXH",
    categories: [{ code: "SOCIAL_PENSION" }, { code: "BTXH_SEVERE_DISABILITY_CHILD_OR_OLD" }],
    lines: [[1_000_000, 500_000, 2]],
    says: ["không được nhận cả hai. Bác được mức cao hơn: 1.000.000 đ."],
    saysEn: ["are not paid together. You get the higher one: 1,000,000 VND."],
  },
  {
    kind: "80+ with an especially severe disability: only the highest category",
    programme: "BTXH",
    categories: [{ code: "BTXH_OLD_80" }, { code: "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD" }],
    lines: [[1_250_000, 500_000, 2.5]],
    says: [
      "chỉ được hưởng một mức cao nhất. Diện không được cộng thêm: Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi trở lên.",
    ],
  },
];

describe("what each kind of beneficiary gets, and how the bot explains it", () => {
  let db: TestDatabase;
  let place: Place;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    place = await seedPlace(db.prisma);
    for (const k of KINDS) {
      const id = await addPerson(db.prisma, {
        name: k.kind,
        communeId: place.communes.hoaAn,
        programme: k.programme,
        categories: k.categories,
      });
      await addPayout(
        db.prisma,
        id,
        MONTH,
        k.lines.map(([amount], i) => ({ kind: i === 0 ? "MONTHLY" : "SUPPLEMENT", amount })),
      );
      ids.set(k.kind, id);
    }
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it.each(KINDS)("$kind", async (k) => {
    const e = await explainMonth(db.prisma, place.policy, ids.get(k.kind) ?? "", MONTH);
    expect(e.expected?.lines.map((l) => [l.amount, l.baseLevel, l.coefficient])).toEqual(k.lines);
    expect(e.expected?.total).toBe(k.lines.reduce((s, [a]) => s + a, 0));
    expect(e.mismatch).toBeNull();
    const replies = explanationReplies(e);
    const vi = (await rendered(replies, "vi")).join("\n");
    for (const s of k.says) expect(vi).toContain(s);
    const en = (await rendered(replies, "en")).join("\n");
    for (const s of k.saysEn ?? []) expect(en).toContain(s);
    expect(`${vi}\n${en}`).not.toMatch(/\{\{|entitlements:/);
    expect(await missingKeys(replies)).toEqual([]);
  });
});
