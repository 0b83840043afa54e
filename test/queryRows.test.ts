import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { queryRows, queryRowsUnsafe, sqlDate, sqlInt, sqlNumber } from "../src/db/queryRows.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/database.ts";

// The same statements run on PGlite and on PostgreSQL (TEST_DATABASE_URL): what each driver
// hands back for a column must come out as the same plain value.
describe("raw SQL rows", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("gives counts, sums, numerics and dates as plain numbers and dates, whichever the driver", async () => {
    const [row] = await queryRows(
      db.prisma,
      z.object({
        counted: sqlInt,
        countedInt: sqlInt,
        summed: sqlInt,
        numeric: sqlNumber,
        float: sqlNumber,
        at: sqlDate,
        day: sqlDate,
        inJson: z.object({ at: sqlDate }),
      }),
      Prisma.sql`SELECT count(*) AS counted, count(*)::int AS "countedInt", sum(x) AS summed, 1234567.5::numeric AS numeric,
        2.5::float8 AS float, '2026-03-01T02:03:04Z'::timestamptz AS at, '2026-03-01'::date AS day,
        json_build_object('at', to_char('2026-03-01T02:03:04Z'::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS "inJson"
        FROM (VALUES (2000000000), (2000000000)) v(x)`,
    );
    expect(row).toEqual({
      counted: 2,
      countedInt: 2,
      summed: 4_000_000_000,
      numeric: 1234567.5,
      float: 2.5,
      at: new Date("2026-03-01T02:03:04Z"),
      day: new Date("2026-03-01T00:00:00Z"),
      inJson: { at: new Date("2026-03-01T02:03:04Z") },
    });
  });

  it("refuses a whole number too large to be exact, and a fraction where a whole number is expected", async () => {
    await expect(
      queryRows(db.prisma, z.object({ n: sqlInt }), Prisma.sql`SELECT 9007199254740993::bigint AS n`),
    ).rejects.toThrow(/\[0\]\.n/);
    await expect(queryRows(db.prisma, z.object({ n: sqlInt }), Prisma.sql`SELECT 1.5::numeric AS n`)).rejects.toThrow(
      /\[0\]\.n/,
    );
  });

  it("names the column that does not match, without its value", async () => {
    const error = await queryRows(
      db.prisma,
      z.object({ id: z.string(), phone: z.string() }),
      Prisma.sql`SELECT 'a' AS id, 84912345678 AS phone`,
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/\[0\]\.phone/);
    expect(message).not.toContain("84912345678");
  });

  it("reads SQL built in code, with its values apart", async () => {
    const rows = await queryRowsUnsafe(
      db.prisma,
      z.object({ n: sqlInt, word: z.string() }),
      `SELECT count(*) AS n, $1::text AS word FROM (VALUES (1), (2), (3)) v(x)`,
      "ba",
    );
    expect(rows).toEqual([{ n: 3, word: "ba" }]);
  });
});
