// npm run -s entitlement: JSON lines in, one JSON line out per input, from the policy the service
// uses (the database), for months before and after the 2026 rises; null with a reason instead of
// a guess.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEntitlementCli } from "../../src/cli/entitlement.ts";
import { policyIn } from "../../src/features/policy/policyStore.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("the entitlement command", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const run = async (...lines: string[]) => {
    const out: string[] = [];
    const { policy } = await policyIn(db.prisma);
    expect(await runEntitlementCli(Readable.from(lines.map((l) => `${l}\n`)), policy, (l) => out.push(l))).toBe(0);
    return out.map((l): unknown => JSON.parse(l));
  };

  it("answers each line from the database's policy, before and after 2026-07-01", async () => {
    await seedShippedPolicy(db.prisma);
    const out = await run(
      '{"categories": ["BTXH_SEVERE_DISABILITY_ADULT"], "month": "2026-06"}',
      '{"categories": ["BTXH_SEVERE_DISABILITY_ADULT"], "month": "2026-07"}',
      '{"categories": ["NCC_MARTYR_RELATIVE_1"], "month": "2026-09"}',
      "",
      '{"categories": ["NCC_WAR_INVALID"], "month": "2026-01", "rate": 61}',
      '{"categories": ["NCC_WAR_INVALID"], "month": "2026-01", "rate": 62}',
      '{"categories": ["BTXH_OLD_75_80_HARD_AREA"], "month": "2025-08"}',
      '{"categories": ["SOCIAL_PENSION"], "month": "2026-08", "province": "A01"}',
      "not json",
      '{"categories": [], "month": "2026-13"}',
    );
    expect(out).toEqual([
      {
        amount: 750_000,
        lines: [
          {
            label: "Người khuyết tật nặng",
            amount: 750_000,
            legalBasis: "Nghị định 20/2021/NĐ-CP, Điều 5-6; Nghị định 76/2024/NĐ-CP",
          },
        ],
      },
      {
        amount: 810_000,
        lines: [{ label: "Người khuyết tật nặng", amount: 810_000, legalBasis: "Nghị định 335/2026/NĐ-CP" }],
      },
      {
        amount: 3_012_000,
        lines: [
          expect.objectContaining({
            amount: 3_012_000,
            legalBasis: expect.stringContaining("Nghị định 321/2026/NĐ-CP"),
          }),
        ],
      },
      { amount: 5_450_000, lines: [expect.objectContaining({ amount: 5_450_000 })] },
      {
        amount: null,
        lines: [],
        reason: "cannot compute: the table for this rate is missing (NCC_WAR_INVALID at base level 2789000, row 62%)",
      },
      {
        amount: null,
        lines: [],
        reason: expect.stringMatching(
          /^BTXH_OLD_75_80_HARD_AREA was repealed after 2025-06-30 .*; SOCIAL_PENSION \(Trợ cấp hưu trí xã hội\) instead$/,
        ),
      },
      // No province A01 in this database: the resolution is not seeded, the national amount holds.
      { amount: 540_000, lines: [expect.objectContaining({ amount: 540_000 })] },
      { amount: null, lines: [], reason: "invalid input: not a JSON object" },
      { amount: null, lines: [], reason: expect.stringMatching(/^invalid input: /) },
    ]);
  });

  it("uses what officers confirmed in the database", async () => {
    await db.prisma.province.create({ data: { code: "A01", name: "Tỉnh An Hòa" } });
    await seedShippedPolicy(db.prisma);
    const [pension] = await run('{"categories": ["SOCIAL_PENSION"], "month": "2026-08", "province": "A01"}');
    expect(pension).toEqual({
      amount: 600_000,
      lines: [
        {
          label: "Trợ cấp hưu trí xã hội",
          amount: 600_000,
          legalBasis: "Nghị quyết 15/2025/NQ-HĐND tỉnh An Hòa (mức quốc gia 540000 đ: Nghị định 335/2026/NĐ-CP)",
        },
      ],
    });
  });
});
