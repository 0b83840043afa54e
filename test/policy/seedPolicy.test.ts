// The shipped files seed the database on first start and on upgrade, and never overwrite what an
// officer changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicySeed, type PolicySeed } from "../../src/features/policy/loadPolicy.ts";
import { readPolicy } from "../../src/features/policy/readPolicy.ts";
import { seedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("seeding the policy", () => {
  let db: TestDatabase;
  let seed: PolicySeed;
  beforeAll(async () => {
    db = await createTestDatabase();
    seed = await loadPolicySeed();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("writes the shipped policy on first start, reads back the same, and a second start changes nothing", async () => {
    const first = await seedPolicy(db.prisma, seed);
    expect(first.created).toBeGreaterThan(40);
    const stored = await readPolicy(db.prisma);
    expect(stored.policy.baseLevels).toEqual(seed.policy.baseLevels);
    expect(stored.policy.categories).toEqual(seed.policy.categories.sort((a, b) => a.code.localeCompare(b.code)));
    expect(stored.policy.rateTables).toEqual(seed.policy.rateTables);
    // The demo province does not exist here: its resolution waits.
    expect(stored.policy.resolutions).toEqual([]);
    const again = await seedPolicy(db.prisma, seed);
    expect(again).toEqual({ created: 0, updated: 0, kept: 0 });
    expect((await readPolicy(db.prisma)).version).toBe(stored.version);
  });

  it("seeds a province's resolution once the province exists", async () => {
    await db.prisma.province.create({ data: { code: "A01", name: "Tỉnh An Hòa" } });
    expect(await seedPolicy(db.prisma, seed)).toEqual({ created: 1, updated: 0, kept: 0 });
    expect((await readPolicy(db.prisma)).policy.resolutions.map((r) => [r.provinceCode, r.amount])).toEqual([
      ["A01", 600_000],
    ]);
  });

  it("on upgrade updates rows the files changed, but keeps every row an officer changed", async () => {
    const before = (await readPolicy(db.prisma)).version;
    // An officer corrected the NCC 2026 level's source; nobody touched the BTXH one.
    await db.prisma.policyBaseLevel.updateMany({
      where: { programme: "NCC", amount: 3_012_000 },
      data: { source: "Công báo số 1234", origin: "OFFICER", enteredBy: "tinh", confirmedBy: "tinh2" },
    });
    const upgraded: PolicySeed = {
      ...seed,
      policy: {
        ...seed.policy,
        baseLevels: seed.policy.baseLevels.map((l) =>
          l.effectiveFrom === "2026-07-01" ? { ...l, source: "New release" } : l,
        ),
      },
    };
    expect(await seedPolicy(db.prisma, upgraded)).toEqual({ created: 0, updated: 1, kept: 1 });
    const levels = (await readPolicy(db.prisma)).policy.baseLevels.filter((l) => l.effectiveFrom === "2026-07-01");
    expect(levels.map((l) => [l.programme, l.source])).toEqual([
      ["BTXH", "New release"],
      ["NCC", "Công báo số 1234"],
    ]);
    expect((await readPolicy(db.prisma)).version).toBeGreaterThan(before);
  });

  it("brings a database written by an older release (unconfirmed 2026 levels) up to the current law", async () => {
    await db.prisma.policyBaseLevel.updateMany({
      where: { programme: "BTXH", amount: 540_000 },
      data: { confirmed: false, legalBasis: "Chưa xác nhận: theo báo cáo về nghị định mới", seedHash: null },
    });
    await seedPolicy(db.prisma, seed);
    const level = (await readPolicy(db.prisma)).policy.baseLevels.find(
      (l) => l.programme === "BTXH" && l.amount === 540_000,
    );
    expect(level).toMatchObject({ confirmed: true, legalBasis: "Nghị định 335/2026/NĐ-CP" });
  });
});
