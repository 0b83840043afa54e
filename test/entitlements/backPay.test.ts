// Back pay (truy lĩnh) after Decree 335/2026 raised the base level from 2026-07-01 but could only be
// applied in the autumn: the months paid at the old amount are owed the difference; the month that
// pays it says which months and why; the amount check recognises it; the chat answers "có khoản
// truy lĩnh" with that explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAmounts } from "../../src/features/entitlements/checkAmounts.ts";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { createHarness, keys } from "../chat/harness.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { addPayout, addPerson, seedPlace, type Place } from "./fixtures.ts";
import { missingKeys, rendered } from "./render.ts";

describe("back pay after a retroactive rise", () => {
  let db: TestDatabase;
  let place: Place;
  const who: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    place = await seedPlace(db.prisma);
    const p = db.prisma;
    const add = (name: string) =>
      addPerson(p, {
        name,
        communeId: place.communes.hoaAn,
        programme: "BTXH",
        categories: [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }],
      });
    const monthly = (amount: number) => ({
      kind: "MONTHLY" as const,
      amount,
      categoryCode: "BTXH_SEVERE_DISABILITY_ADULT",
    });
    // Paid 750,000 (1.5 × 500,000) from July to October, then 810,000 with the back pay in November.
    who.lines = await add("Chị Tám");
    for (const m of ["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"])
      await addPayout(p, who.lines, m, [monthly(750_000)]);
    await addPayout(p, who.lines, "2026-11-01", [
      monthly(810_000),
      { kind: "BACK_PAY", amount: 240_000, label: "Truy lĩnh 07-10/2026" },
    ]);
    // A list with one sum per person: 810,000 + 240,000 in one line.
    who.lump = await add("Anh Chín");
    for (const m of ["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"])
      await addPayout(p, who.lump, m, [monthly(750_000)]);
    await addPayout(p, who.lump, "2026-11-01", [monthly(1_050_000)]);
    // Paid at the old amount in September, before the decree could be applied.
    who.september = await add("Bà Mười");
    await addPayout(p, who.september, "2026-09-01", [monthly(750_000)]);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("explains the back pay of November by its four months and Decree 335/2026", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.lines ?? "", "2026-11-01");
    expect(e.verdict?.kind).toBe("agrees");
    expect(e.backPay).toEqual([
      expect.objectContaining({
        total: 240_000,
        months: [
          expect.objectContaining({ month: "2026-07-01", before: 750_000, after: 810_000 }),
          expect.objectContaining({ month: "2026-08-01" }),
          expect.objectContaining({ month: "2026-09-01" }),
          expect.objectContaining({ month: "2026-10-01" }),
        ],
      }),
    ]);
    const replies = explanationReplies(e);
    expect(await missingKeys(replies)).toEqual([]);
    const text = (await rendered(replies)).join("\n");
    expect(text).toContain("Trong đó có 240.000 đ tiền truy lĩnh.");
    expect(text).toContain("Đó là phần chênh lệch của 4 tháng: 07/2026, 08/2026, 09/2026, 10/2026.");
    expect(text).toContain("tăng từ 750.000 đ lên 810.000 đ kể từ tháng 07/2026 theo Nghị định 335/2026/NĐ-CP");
    expect(text).toContain("chỉ áp dụng được từ ngày 05/10/2026");
    expect(text).not.toMatch(/khác với|chênh lệch thật/);
    const en = (await rendered(replies, "en")).join("\n");
    expect(en).toContain("That is the difference for 4 month(s): 07/2026, 08/2026, 09/2026, 10/2026.");
  });

  it("tells the person paid 750,000 in September that nothing is wrong and the difference will be paid back", async () => {
    const e = await explainMonth(db.prisma, place.policy, who.september ?? "", "2026-09-01");
    expect(e.verdict?.kind).toBe("beforeRaise");
    expect(e.mismatch).toBeNull();
    const text = (await rendered(explanationReplies(e))).join("\n");
    expect(text).toContain("Tháng 09/2026 được trả 750.000 đ theo mức cũ");
    expect(text).toContain("phần chênh lệch 60.000 đ sẽ được truy lĩnh");
    expect(text).toContain("Tiền của Bác không có gì sai.");
  });

  it("the amount check recognises back pay on its own line and inside a total, and lists no difference", async () => {
    const nov = await checkAmounts(db.prisma, place.policy, { month: "2026-11", communeIds: null });
    expect(nov.rows).toEqual([]);
    expect(nov.backPay.map((b) => [b.fullName, b.paid, b.inTotal, b.owed[0]?.months.length])).toEqual([
      ["Anh Chín", 240_000, true, 4],
      ["Chị Tám", 240_000, false, 4],
    ]);
    const sep = await checkAmounts(db.prisma, place.policy, { month: "2026-09", communeIds: null });
    expect(sep.rows).toEqual([]);
    expect(sep.beforeRaise.map((b) => [b.fullName, b.paid, b.expected])).toEqual([
      ["Anh Chín", 750_000, 810_000],
      ["Bà Mười", 750_000, 810_000],
      ["Chị Tám", 750_000, 810_000],
    ]);
  });

  it("answers “có khoản truy lĩnh” and “sao tháng này nhiều hơn” in the chat with that explanation", async () => {
    const h = createHarness(db.prisma, new Date("2026-11-20T03:00:00Z"));
    const issued = await issueLinkCodes(db.prisma, {
      communeId: place.communes.hoaAn,
      beneficiaryIds: [who.lines ?? ""],
      onlyUnlinked: false,
      validDays: 30,
      now: h.clock.now(),
      staff: null,
    });
    const person = h.person("web-back-pay");
    await person.send(issued.codes[0]?.displayCode ?? "");
    await person.press("role:self");
    await person.press("consent:yes");
    for (const question of ["có khoản truy lĩnh", "sao thang nay nhieu hon vay"]) {
      const replies = await person.send(question);
      expect(keys(replies).flat()).toContain("entitlements:explain.backPay.why");
      const text = (await rendered(replies)).join("\n");
      expect(text).toContain("07/2026, 08/2026, 09/2026, 10/2026");
    }
  });
});
