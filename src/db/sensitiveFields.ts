// One Prisma client extension keeps personal IDs and account numbers encrypted in the database
// while the rest of the code reads and writes plain values:
// - writes (create, createMany, update, updateMany, upsert, nested writes) seal the value and set
//   its keyed hash column (Beneficiary and Relative: personalIdHash; PayoutAccount:
//   accountNumberHash); a change request's private part has its IDs and account numbers sealed;
// - equality filters on those fields (`where: { personalId }`, `{ in: [...] }`, also inside
//   relation filters) are turned into filters on the hash column; any other comparison (endsWith,
//   contains, ordering) is refused, as a ciphertext cannot answer it;
// - every result, of model queries and of raw SQL alike, has those fields opened again.
// Bulk statements that bypass the model API (bulkWrite) seal their rows with `cipherOf(db)`.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { FieldCipher, type HashPurpose } from "./fieldCipher.ts";

/** A column holding a full ID or account number, and the column holding its keyed hash. */
const HASHED: Record<string, { hashField: string; purpose: HashPurpose }> = {
  personalId: { hashField: "personalIdHash", purpose: "personalId" },
  accountNumber: { hashField: "accountNumberHash", purpose: "accountNumber" },
};
/** Models whose rows (or nested writes) carry the columns above. */
const SEALED_MODELS = new Set(["Beneficiary", "Relative", "PayoutAccount", "Authorisation"]);
/** Keys of a change request's private part that hold a full ID or account number. */
const REQUEST_PRIVATE_KEYS = ["relativePersonalId", "accountNumber"];
/** Result keys that may hold a sealed value (model fields, raw SQL columns, JSON members). */
const OPENED_KEYS = new Set(["personalId", "accountNumber", "relativePersonalId"]);

const CIPHER = "$fieldCipher";

export function protectSensitiveFields(prisma: PrismaClient, cipher: FieldCipher) {
  return prisma.$extends({
    name: "sensitiveFields",
    client: { [CIPHER]: cipher },
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (model && isPlainObject(args)) {
          // A copy: the caller may still use the objects it passed (a `where` for a count, a
          // `data` it returns), and must keep seeing plain values in them.
          const own = copyPlain(args);
          rewriteFilters(cipher, own);
          if (SEALED_MODELS.has(model)) sealWrites(cipher, own, operation);
          if (model === "ChangeRequest") sealRequestData(cipher, own);
          return openResult(cipher, await query(own));
        }
        return openResult(cipher, await query(args));
      },
    },
  });
}

/**
 * The cipher of a client made by createDatabase, for statements written in SQL (bulk inserts and
 * updates) that must seal values themselves. Works on transaction clients too.
 */
export function cipherOf(db: object): FieldCipher {
  const cipher: unknown = Reflect.get(db, CIPHER);
  if (cipher instanceof FieldCipher) return cipher;
  throw new Error("this database client does not encrypt personal data; open it with createDatabase");
}

/**
 * For statements written in SQL about these columns: what gives a row with its IDs and account
 * numbers sealed and their hash columns set (a value already sealed, under any key, is sealed
 * again under the current one). A bulk write seals 100,000 rows: only the named columns are looked at.
 */
export function rowSealer(
  cipher: FieldCipher,
  columns: string[],
): <R extends Record<string, unknown>>(row: R) => R & Record<string, unknown> {
  const sealed = columns.flatMap((c) => {
    const hashed = HASHED[c];
    return hashed ? [{ column: c, ...hashed }] : [];
  });
  return (row) => {
    const out: Record<string, unknown> = { ...row };
    for (const { column, ...hashed } of sealed) sealInto(cipher, out, column, hashed, row[column]);
    return out as typeof row & Record<string, unknown>;
  };
}

/**
 * Writes the sealed `plain` value into `node[column]` and its keyed hash into the hash column (a
 * value already sealed, under any key, is sealed again under the current one); null clears the hash.
 */
function sealInto(
  cipher: FieldCipher,
  node: Record<string, unknown>,
  column: string,
  hashed: { hashField: string; purpose: HashPurpose },
  plain: unknown,
): void {
  if (plain === null) node[hashed.hashField] = null;
  else if (typeof plain === "string") {
    const clear = cipher.decrypt(plain);
    node[column] = cipher.encrypt(clear);
    node[hashed.hashField] = cipher.hash(hashed.purpose, clear);
  }
}

/** The hash columns to add to a SQL statement writing these columns. */
export function hashColumnsFor(columns: string[]): string[] {
  return columns.flatMap((c) => (HASHED[c] ? [HASHED[c].hashField] : []));
}

// ───────── filters ─────────

function rewriteFilters(cipher: FieldCipher, args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (key === "where" && isPlainObject(value)) rewriteWhere(cipher, value);
    else if ((key === "include" || key === "select") && isPlainObject(value)) {
      for (const nested of Object.values(value)) if (isPlainObject(nested)) rewriteFilters(cipher, nested);
    }
  }
}

function rewriteWhere(cipher: FieldCipher, where: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(where)) {
    const hashed = HASHED[key];
    if (hashed) {
      delete where[key];
      where[hashed.hashField] = hashFilter(cipher, hashed.purpose, key, value);
    } else if (Array.isArray(value)) {
      for (const v of value) if (isPlainObject(v)) rewriteWhere(cipher, v);
    } else if (isPlainObject(value)) {
      rewriteWhere(cipher, value);
    }
  }
}

function hashFilter(cipher: FieldCipher, purpose: HashPurpose, field: string, filter: unknown): unknown {
  const hashes = (v: unknown): string[] => {
    if (typeof v !== "string") throw new Error(`${field} can only be compared with text`);
    return cipher.lookupHashes(purpose, v);
  };
  const equal = (v: unknown) => {
    const h = hashes(v);
    return h.length === 1 ? h[0] : { in: h };
  };
  if (filter === null || typeof filter === "string") return filter === null ? null : equal(filter);
  if (isPlainObject(filter)) {
    const keys = Object.keys(filter);
    if (keys.length === 1 && "equals" in filter) return filter.equals === null ? null : equal(filter.equals);
    if (keys.length === 1 && "in" in filter && Array.isArray(filter.in)) return { in: filter.in.flatMap(hashes) };
    if (keys.length === 1 && "not" in filter)
      return filter.not === null ? { not: null } : { notIn: hashes(filter.not) };
  }
  throw new Error(`${field} is stored encrypted: it can only be matched for equality`);
}

// ───────── writes ─────────

function sealWrites(cipher: FieldCipher, args: Record<string, unknown>, operation: string): void {
  const targets = operation === "upsert" ? [args.create, args.update] : [args.data];
  for (const t of targets) sealNode(cipher, t);
}

function sealNode(cipher: FieldCipher, node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) sealNode(cipher, n);
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const hashed = HASHED[key];
    if (hashed) {
      sealInto(cipher, node, key, hashed, isPlainObject(value) && "set" in value ? value.set : value);
    } else if (key !== "where") {
      sealNode(cipher, value);
    }
  }
}

/** ChangeRequest.data is JSON: its `private` part holds the relative's ID and the account number. */
function sealRequestData(cipher: FieldCipher, args: Record<string, unknown>): void {
  const rows = [args.data, args.create, args.update].flatMap((d) => (Array.isArray(d) ? d : [d]));
  for (const row of rows) {
    if (!isPlainObject(row)) continue;
    sealRequestJson(cipher, isPlainObject(row.data) && "set" in row.data ? row.data.set : row.data);
  }
}

/** Seals, in place, the full IDs and account numbers of a change request's JSON column. */
export function sealRequestJson(cipher: FieldCipher, json: unknown): void {
  if (!isPlainObject(json) || !isPlainObject(json.private)) return;
  const priv = json.private;
  for (const key of REQUEST_PRIVATE_KEYS) {
    const v = priv[key];
    if (typeof v === "string") priv[key] = cipher.encrypt(cipher.decrypt(v));
  }
}

// ───────── results ─────────

/** Opens sealed values in place, at any depth: included relations, JSON members, raw rows. */
export function openResult<T>(cipher: FieldCipher, result: T): T {
  openNode(cipher, result, 0);
  return result;
}

function openNode(cipher: FieldCipher, node: unknown, depth: number): void {
  if (depth > 12) return;
  if (Array.isArray(node)) {
    for (const n of node) openNode(cipher, n, depth + 1);
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === "string") {
      if (OPENED_KEYS.has(key) && value.startsWith("enc:")) node[key] = cipher.decrypt(value);
    } else if (value !== null && typeof value === "object") {
      openNode(cipher, value, depth + 1);
    }
  }
}

/** Copies plain objects and arrays; anything else (dates, Decimal, Prisma.DbNull) is shared. */
function copyPlain<T>(node: T): T;
function copyPlain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => copyPlain(n));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = copyPlain(v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
