// Raw SQL reads, parsed: a hand-written query's columns are whatever the SQL says, so a type
// argument on $queryRaw would only be a hope. Every raw read goes through here and its rows are
// checked against a zod schema; a renamed column or a changed cast then fails where it is read,
// with the column's path, not pages later as an `undefined`.
//
// What the drivers hand back (the same today through @prisma/adapter-pg and the PGlite adapter,
// but a driver update must not change our numbers silently): count(*), sum(int) and ::bigint as
// bigint, numeric as a Decimal, int4 and float as number, timestamp and date as Date, json as
// parsed values (dates inside it as ISO strings). The column schemas below accept each form.
import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

type RawReader = Pick<PrismaClient, "$queryRaw">;
type UnsafeRawReader = Pick<PrismaClient, "$queryRawUnsafe">;

/** The rows of `sql`, each checked against `row`. */
export async function queryRows<T extends z.ZodType>(db: RawReader, row: T, sql: Prisma.Sql): Promise<z.output<T>[]> {
  return parseRows(row, await db.$queryRaw(sql));
}

/**
 * For SQL whose table or column names are built in code (never from input): `text` with $1, $2…
 * placeholders for `values`.
 */
export async function queryRowsUnsafe<T extends z.ZodType>(
  db: UnsafeRawReader,
  row: T,
  text: string,
  ...values: unknown[]
): Promise<z.output<T>[]> {
  return parseRows(row, await db.$queryRawUnsafe(text, ...values));
}

// A statement's row schema is made once, where the statement is written; its array schema is made
// once too (building schemas costs more than checking a few rows with them).
const arrays = new WeakMap<z.ZodType, z.ZodArray<z.ZodType>>();

/** Rows read by other means (the driver itself), checked the same way. */
export function parseRows<T extends z.ZodType>(row: T, rows: unknown): z.output<T>[] {
  let array = arrays.get(row);
  if (!array) arrays.set(row, (array = z.array(row)));
  const parsed = array.safeParse(rows) as z.ZodSafeParseResult<z.output<T>[]>;
  // The message names columns and expected types, never the values (they may be personal data).
  if (!parsed.success) throw new Error(`Unexpected rows from SQL:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Whole numbers (int, bigint, count(*), sum, numeric) as a JS number; one too large to be exact is refused. */
export const sqlInt = z.preprocess(toNumber, z.number().int());

/** Any number (int, bigint, numeric, float) as a JS number. */
export const sqlNumber = z.preprocess(toNumber, z.number());

/** timestamp, timestamptz and date columns, or an ISO string built inside json. */
export const sqlDate = z.preprocess((v) => (typeof v === "string" ? new Date(v) : v), z.date());

function toNumber(v: unknown): unknown {
  if (typeof v === "bigint") {
    // Beyond 2^53 the number would be rounded: NaN, which the number check refuses.
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : Number.NaN;
  }
  if (Prisma.Decimal.isDecimal(v)) return v.toNumber();
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}
