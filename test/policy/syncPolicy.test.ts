import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/features/policy/loadPolicy.ts";
import { syncPolicy } from "../../src/features/policy/syncPolicy.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("syncPolicy", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("writes the categories and base levels, and a second run changes nothing", async () => {
    const policy = await loadPolicy();
    await syncPolicy(db.prisma, policy);
    const snapshot = async () => ({
      categories: await db.prisma.benefitCategory.findMany({ orderBy: { code: "asc" } }),
      levels: await db.prisma.policyBaseLevel.findMany({ orderBy: [{ programme: "asc" }, { effectiveFrom: "asc" }] }),
    });
    const first = await snapshot();
    expect(first.categories).toHaveLength(policy.categories.length);
    expect(first.levels).toHaveLength(6);

    const old80 = first.categories.find((c) => c.code === "BTXH_OLD_80");
    expect(old80).toMatchObject({ programme: "BTXH", rule: "COEFFICIENT", stackable: false });
    expect(old80?.coefficient?.toString()).toBe("2");
    expect(first.categories.find((c) => c.code === "SOCIAL_PENSION")).toMatchObject({ rule: "FIXED", fixedAmount: 500_000 });
    expect(first.categories.find((c) => c.code === "NCC_HEROIC_MOTHER_SUPPLEMENT")).toMatchObject({
      fixedAmount: 2_337_000,
      stackable: true,
    });
    const reported = first.levels.find((l) => l.amount === 540_000);
    expect(reported?.confirmed).toBe(false);
    expect(reported?.effectiveFrom.toISOString().slice(0, 10)).toBe("2026-07-01");

    await syncPolicy(db.prisma, policy);
    expect(await snapshot()).toEqual(first);
  });
});
