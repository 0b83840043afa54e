import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../src/db/migrator.ts";
import { createEmptyTestDatabase } from "./helpers/database.ts";

describe("migrations", () => {
  it("two instances starting at once apply every migration exactly once", async () => {
    const empty = await createEmptyTestDatabase();
    try {
      const [a, b] = [await empty.open(), await empty.open()];
      const [appliedA, appliedB] = await Promise.all([a.migrate(), b.migrate()]);
      const expected = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      // One of them did the work, the other found nothing left to do.
      expect([...appliedA, ...appliedB].sort()).toEqual(expected);
      const rows = await a.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
        SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(expected);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      // The schema is usable afterwards.
      expect(await a.prisma.beneficiary.count()).toBe(0);
    } finally {
      await empty.destroy();
    }
  });
});
