import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { hotExecute, hotRows } from "../src/db/hotRows.ts";
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

// The statements run for every chat message go to the driver directly where there is one
// (PostgreSQL); they must read and write exactly what Prisma would, whatever the machine's clock
// zone (a timestamp column holds UTC; the driver's own default would read it as local time).
describe("the per-message statements run as prepared statements", () => {
  let db: TestDatabase;
  const zone = process.env.TZ;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.TZ = "Asia/Ho_Chi_Minh";
  });
  afterAll(async () => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    await db.destroy();
  });

  it("writes and reads times, counts and JSON as Prisma does, in a time zone that is not UTC", async () => {
    const at = new Date("2026-03-01T02:03:04.567Z");
    const identity = await db.prisma.chatIdentity.create({ data: { channel: "WEB", platformUserId: "tz-check" } });
    const touched = await hotExecute(
      db.prisma,
      Prisma.sql`UPDATE "ChatIdentity" SET "lastInboundAt" = ${at}::timestamp(3) WHERE id = ${identity.id}`,
    );
    expect(touched).toBe(1);
    // Written through the driver, read by Prisma: the same instant.
    expect((await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: identity.id } })).lastInboundAt).toEqual(at);
    const row = z.object({ at: sqlDate, day: sqlDate, n: sqlInt, doc: z.object({ a: z.number() }), none: z.null() });
    const sql = Prisma.sql`SELECT "lastInboundAt" AS at, '2026-03-01'::date AS day, count(*) OVER () AS n,
      ${JSON.stringify({ a: 1 })}::jsonb AS doc, ${null}::text AS none
      FROM "ChatIdentity" WHERE id = ${identity.id} AND "lastInboundAt" = ${at}`;
    const expected = [{ at, day: new Date("2026-03-01T00:00:00Z"), n: 1, doc: { a: 1 }, none: null }];
    expect(await queryRows(db.prisma, row, sql)).toEqual(expected);
    expect(await hotRows(db.prisma, row, sql)).toEqual(expected);
    // Twice: the second run uses the statement prepared by the first on its connection.
    expect(await hotRows(db.prisma, row, sql)).toEqual(expected);
  });
});
