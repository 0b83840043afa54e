// On the demo province: every demo payout agrees with the policy, and the linked demo people of
// each kind get an explanation whose breakdown adds up to what they are paid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { checkAmounts } from "../../src/features/entitlements/checkAmounts.ts";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { fromDbDate } from "../../src/lib/calendarDate.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { missingKeys } from "./render.ts";

describe("the demo province", () => {
  let db: TestDatabase;
  let policy: Policy;
  beforeAll(async () => {
    db = await createTestDatabase();
    policy = await loadPolicy();
    await ensureDemoData({
      prisma: db.prisma,
      log: createLogger({ level: "silent" }),
      clock: fixedClock(new Date("2026-03-12T03:00:00Z")),
      seed: 7,
      count: 400,
    });
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it("has no payout whose monthly amount differs from the policy", async () => {
    const periods = await db.prisma.payoutPeriod.findMany({ orderBy: { month: "asc" } });
    expect(periods.length).toBeGreaterThan(1);
    for (const period of periods) {
      const result = await checkAmounts(db.prisma, policy, { month: fromDbDate(period.month), communeIds: null });
      expect(result.checked).toBeGreaterThan(0);
      expect(result.rows).toEqual([]);
    }
  });

  it("explains one person of each category, and the lines add up to the monthly part of the payout", async () => {
    const people = await db.prisma.beneficiary.findMany({
      where: { status: "ACTIVE" },
      select: {
        id: true,
        categories: { select: { category: { select: { code: true } } } },
        payouts: { select: { period: { select: { month: true } } } },
      },
    });
    const seen = new Set<string>();
    for (const p of people) {
      const key = p.categories
        .map((c) => c.category.code)
        .sort()
        .join("+");
      const month = p.payouts
        .map((x) => fromDbDate(x.period.month))
        .sort()
        .at(-1);
      if (seen.has(key) || !month) continue;
      seen.add(key);
      const e = await explainMonth(db.prisma, policy, p.id, month);
      expect(e.expected, key).not.toBeNull();
      expect(e.mismatch, key).toBeNull();
      expect(
        e.expected?.lines.reduce((s, l) => s + l.amount, 0),
        key,
      ).toBe(e.expected?.total);
      expect(await missingKeys(explanationReplies(e))).toEqual([]);
    }
    expect(seen.size).toBeGreaterThan(15);
  });
});
