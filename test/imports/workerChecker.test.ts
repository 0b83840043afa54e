import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceData, type ReferenceData } from "../../src/features/imports/reference.ts";
import { workerChecker } from "../../src/features/imports/workerChecker.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, manyPeople, seedPlaces, xlsx } from "./fixtures.ts";

describe("reading a file in its worker thread", () => {
  let db: TestDatabase;
  let reference: ReferenceData;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedPlaces(db.prisma);
    reference = await loadReferenceData(db.prisma, fixedClock(new Date("2026-07-15T03:00:00Z")), null);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const rows = manyPeople(1200, 700_000);

  it("stops reading when the rows cannot be taken (their write failed) and answers with that failure, then reads the next file", async () => {
    const check = workerChecker({ memoryMb: 128 });
    const data = await xlsx(BENEFICIARY_HEADER, rows);
    const options = {
      kind: "beneficiaries" as const,
      fileName: "ds.xlsx",
      data,
      reference,
      labels: {},
      limits: { maxPartBytes: 50 * 1024 * 1024 },
    };
    let batches = 0;
    await expect(
      check({
        ...options,
        onBatch: () => {
          batches++;
          throw new Error("the database went away");
        },
      }),
    ).rejects.toThrow("the database went away");
    // The first batch failed: no later batch was handed over.
    expect(batches).toBe(1);

    let taken = 0;
    const summary = await check({ ...options, onBatch: (b) => void (taken += b.length) });
    expect(summary.rows).toBe(1200);
    expect(taken).toBe(1200);
  });
});
