// Compares a checked beneficiary list with the database and writes the differences in bulk.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  bulkStatement,
  chunks,
  prismaRunner,
  type BulkRunner,
  type BulkStatement,
  type Columns,
} from "../../db/bulkWrite.ts";
import { hotRows } from "../../db/hotRows.ts";
import { sqlDate } from "../../db/queryRows.ts";
import { cipherOf } from "../../db/sensitiveFields.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { fromDbDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { BeneficiaryInput } from "./beneficiaryRows.ts";
import { inArea, type Db, type Reference } from "./reference.ts";
import type { ImportChange, ImportPlan, RowError } from "./types.ts";
import { yieldEvery } from "./yieldToLoop.ts";

type Existing = z.output<typeof existingRow>;

// Column types for the bulk statements (names and types come from the schema, never from a file).
const BENEFICIARY_COLUMNS = {
  fullName: "text",
  fullNameAscii: "text",
  dateOfBirth: "date",
  sex: '"Sex"',
  phone: "text",
  address: "text",
  communeId: "text",
  programme: '"Programme"',
  status: '"BeneficiaryStatus"',
  statusChangedAt: "timestamp(3)",
  decisionNo: "text",
  decidedOn: "date",
  note: "text",
  updatedAt: "timestamp(3)",
} satisfies Columns;
const CATEGORY_COLUMNS = { beneficiaryId: "text", categoryId: "text", rate: "integer" } satisfies Columns;
const CATEGORY_KEY = { beneficiaryId: "text", categoryId: "text" } satisfies Columns;

/** A person registered outside the officer's area whom a row of the file names. */
export interface OutsideAnswer {
  beneficiaryId: string;
  sheet: string | null;
  row: number;
  /** match: the row proves the ID, name and birth date together; conflict: it does not, at import time. */
  kind: "match" | "conflict";
}

/** What a part of the file changes: people to add, people whose fields change. */
export interface BeneficiaryWrites {
  creates: BeneficiaryInput[];
  updates: { input: BeneficiaryInput; before: Existing; fields: string[] }[];
}

/**
 * Compares a list with the database a part at a time, as its rows are read: each part's people are
 * looked up once, and what they change comes back to be written now or later. Every part's
 * findings add up to the whole list's plan.
 */
export function beneficiaryComparer(
  db: Db,
  ref: Reference,
  input: { idColumn: (sheet: string | null) => { header: string; letter?: string }; dryRun: boolean },
) {
  const errors: RowError[] = [];
  const changes: ImportChange[] = [];
  const outside: OutsideAnswer[] = [];
  let unchanged = 0;
  let seen = 0;
  const err = (row: BeneficiaryInput, code: string) => {
    const col = input.idColumn(row.sheet);
    errors.push({ sheet: row.sheet, row: row.row, column: col.header, letter: col.letter, code, params: {} });
  };

  return {
    async compare(rows: BeneficiaryInput[]): Promise<BeneficiaryWrites> {
      const existing = await loadExisting(
        db,
        rows.map((r) => r.personalId),
      );
      const writes: BeneficiaryWrites = { creates: [], updates: [] };
      for (const row of rows) {
        await yieldEvery(seen++);
        const before = existing.get(row.personalId);
        if (before && !inArea(ref, before.communeId)) {
          // Someone registered elsewhere: the officer learns it only when the row proves the ID, name
          // and birth date together; otherwise the check answers as for a new person, and the import
          // (which cannot add a second person with one ID) refuses the row.
          if (proves(row, before)) {
            outside.push({ beneficiaryId: before.id, sheet: row.sheet, row: row.row, kind: "match" });
            err(row, "registered_elsewhere");
            continue;
          }
          if (!input.dryRun) {
            outside.push({ beneficiaryId: before.id, sheet: row.sheet, row: row.row, kind: "conflict" });
            err(row, "personal_id_taken");
            continue;
          }
        }
        if (!before || !inArea(ref, before.communeId)) {
          // A new war invalid without a rate has no amount anyone could compute: never added so.
          if (row.rateMissing) {
            errors.push({ sheet: row.sheet, row: row.row, ...row.rateMissing, params: {} });
            continue;
          }
          writes.creates.push(row);
          changes.push({
            row: row.row,
            sheet: row.sheet,
            personalIdMasked: mask(row.personalId),
            action: "create",
            fields: [],
          });
          continue;
        }
        const next = keepStoredRates(row, before);
        const fields = changedFields(next, before);
        if (fields.length === 0) unchanged++;
        else {
          writes.updates.push({ input: next, before, fields });
          changes.push({
            row: row.row,
            sheet: row.sheet,
            personalIdMasked: mask(row.personalId),
            action: "update",
            fields,
          });
        }
      }
      return writes;
    },

    /** The whole list's findings so far. */
    findings(total: number): Omit<ImportPlan, "apply"> & { outside: OutsideAnswer[] } {
      return { rows: total, errors, changes, unchanged, outside };
    },
  };
}

/** The whole list at once: compared, and written by `apply` (inside the import's transaction). */
export async function beneficiaryPlan(
  db: Db,
  ref: Reference,
  input: {
    rows: BeneficiaryInput[];
    idColumn: (sheet: string | null) => { header: string; letter?: string };
    total: number;
    dryRun: boolean;
  },
): Promise<ImportPlan & { outside: OutsideAnswer[] }> {
  const comparer = beneficiaryComparer(db, ref, input);
  const all: BeneficiaryWrites = { creates: [], updates: [] };
  for (const part of chunks(input.rows)) {
    const writes = await comparer.compare(part);
    all.creates.push(...writes.creates);
    all.updates.push(...writes.updates);
  }
  return { ...comparer.findings(input.total), apply: (tx) => writeBeneficiaries(tx, ref, all) };
}

/** The row names the same person: same name (any case, with or without diacritics) and birth date. */
function proves(row: BeneficiaryInput, b: Existing): boolean {
  if (foldVietnamese(row.fullName) !== foldVietnamese(b.fullName)) return false;
  const stored = fromDbDate(b.dateOfBirth);
  // A birth year alone (kept as 1 January) proves no birth date, unless the record holds only the year too.
  return stored === row.dateOfBirth;
}

// What the comparison needs of a person already registered. The ID itself is not read: rows are
// matched by its keyed hash, so no stored ID is opened to compare a list.
const existingRow = z.object({
  id: z.string(),
  hash: z.string(),
  fullName: z.string(),
  dateOfBirth: sqlDate,
  sex: z.enum(["MALE", "FEMALE"]),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  communeId: z.string(),
  programme: z.enum(["BTXH", "NCC"]),
  status: z.enum(["ACTIVE", "SUSPENDED", "ENDED", "DECEASED"]),
  statusChangedAt: sqlDate.nullable(),
  decisionNo: z.string().nullable(),
  decidedOn: sqlDate.nullable(),
  note: z.string().nullable(),
  categories: z.array(z.object({ categoryId: z.string(), rate: z.number().int().nullable() })),
});

/**
 * The registered people with these IDs, by ID: one statement per chunk, matched on the keyed hash
 * (and, while the hash key is being changed, on the previous key's hash too).
 */
async function loadExisting(db: Db, personalIds: string[]): Promise<Map<string, Existing>> {
  const cipher = cipherOf(db);
  const idOf = new Map<string, string>();
  for (const id of personalIds) for (const h of cipher.lookupHashes("personalId", id)) idOf.set(h, id);
  const found = new Map<string, Existing>();
  // A thousand at a time: the embedded database builds each answer whole in its own memory, which
  // never shrinks again (measured: 5,000 at a time raised a province import's peak by 90 MB).
  for (const hashes of chunks([...idOf.keys()], 1000)) {
    const rows = await hotRows(
      db,
      existingRow,
      Prisma.sql`
      SELECT b.id, b."personalIdHash" AS hash, b."fullName", b."dateOfBirth", b.sex::text AS sex, b.phone,
        b.address, b."communeId", b.programme::text AS programme, b.status::text AS status, b."statusChangedAt",
        b."decisionNo", b."decidedOn", b.note,
        COALESCE((SELECT json_agg(json_build_object('categoryId', c."categoryId", 'rate', c.rate))
          FROM "BeneficiaryCategory" c WHERE c."beneficiaryId" = b.id), '[]'::json) AS categories
      FROM "Beneficiary" b WHERE b."personalIdHash" = ANY(${hashes}::text[])`,
      // Planned at every run: the import itself fills the tables, and a plan kept from while they were
      // empty (scanning every category row for each person) made checking a province's list again 30× slower.
      { planEachRun: true, probesOnly: true },
    );
    for (const row of rows) {
      const id = idOf.get(row.hash);
      if (id) found.set(id, row);
    }
  }
  return found;
}

/**
 * A list that leaves out a rate (or a number of children) keeps the one stored: a list of names
 * and categories without the rate column never erases a war invalid's rate.
 */
function keepStoredRates(row: BeneficiaryInput, b: Existing): BeneficiaryInput {
  const rateOf = (categoryId: string) => b.categories.find((s) => s.categoryId === categoryId)?.rate ?? null;
  if (!row.categories.some((c) => c.rate === null && rateOf(c.categoryId) !== null)) return row;
  return {
    ...row,
    categories: row.categories.map((c) => (c.rate === null ? { ...c, rate: rateOf(c.categoryId) } : c)),
  };
}

function changedFields(row: BeneficiaryInput, b: Existing): string[] {
  const fields: string[] = [];
  const differs = (field: string, next: unknown, prev: unknown) => {
    if (next !== undefined && next !== prev) fields.push(field);
  };
  // An ALL-CAPS list does not rename anyone: the name changes only when its letters do.
  if (row.fullName.toLocaleLowerCase("vi") !== b.fullName.toLocaleLowerCase("vi")) fields.push("fullName");
  if (dobChanged(row, b)) fields.push("dateOfBirth");
  differs("sex", row.sex, b.sex);
  differs("phone", row.phone, b.phone);
  differs("address", row.address, b.address);
  differs("commune", row.communeId, b.communeId);
  differs("programme", row.programme, b.programme);
  differs("categories", categoryKey(row.categories), categoryKey(b.categories));
  differs("status", row.status, b.status);
  differs("decisionNo", row.decisionNo, b.decisionNo);
  differs("decidedOn", row.decidedOn, b.decidedOn ? fromDbDate(b.decidedOn) : null);
  differs("note", row.note, b.note);
  return fields;
}

/** A birth year alone changes the stored date only when the year differs. */
function dobChanged(row: BeneficiaryInput, b: Existing): boolean {
  const stored = fromDbDate(b.dateOfBirth);
  return row.yearOnly ? stored.slice(0, 4) !== row.dateOfBirth.slice(0, 4) : stored !== row.dateOfBirth;
}

function categoryKey(list: { categoryId: string; rate: number | null }[]): string {
  return list
    .map((c) => `${c.categoryId}:${c.rate ?? ""}`)
    .sort()
    .join(";");
}

export async function writeBeneficiaries(
  db: Db,
  ref: Reference,
  { creates, updates }: BeneficiaryWrites,
): Promise<void> {
  // A chunk at a time: the rows of a province (and their sealed copies) are never all built at once.
  const runner = prismaRunner(db);
  for (const part of chunks(creates)) await buildBeneficiaryWrites(db, ref, { creates: part, updates: [] })(runner);
  for (const part of chunks(updates)) await buildBeneficiaryWrites(db, ref, { creates: [], updates: part })(runner);
}

/**
 * Builds a part's statements now (IDs sealed, rows serialised: the client's share of the work) and
 * returns what runs them, so a part can be built while the one before is still being written.
 */
export function buildBeneficiaryWrites(
  db: Db,
  ref: Reference,
  { creates, updates }: BeneficiaryWrites,
): (runner: BulkRunner) => Promise<void> {
  const categories = categoryChanges(updates.filter((u) => u.fields.includes("categories")));
  const statements: BulkStatement[] = [
    ...insertPeople(db, ref.now.toISOString(), creates),
    ...(updates.length > 0 ? [updatePeople(db, ref, updates)] : []),
    bulkStatement.deleteByKey("BeneficiaryCategory", CATEGORY_KEY, categories.removed),
    bulkStatement.insert(db, "BeneficiaryCategory", CATEGORY_COLUMNS, categories.added),
    bulkStatement.updateByKey(db, "BeneficiaryCategory", CATEGORY_KEY, { rate: "integer" }, categories.rateChanged),
  ];
  return async (runner) => {
    for (const statement of statements) await runner.run(statement);
  };
}

function insertPeople(db: Db, now: string, people: BeneficiaryInput[]): BulkStatement[] {
  if (people.length === 0) return [];
  const ids = new Map(people.map((c) => [c.personalId, randomUUID()]));
  return [
    bulkStatement.insert(
      db,
      "Beneficiary",
      { ...BENEFICIARY_COLUMNS, id: "text", personalId: "text", personalIdLast4: "text", createdAt: "timestamp(3)" },
      people.map((c) => ({
        id: ids.get(c.personalId)!,
        personalId: c.personalId,
        personalIdLast4: c.personalId.slice(-4),
        fullName: c.fullName,
        fullNameAscii: foldVietnamese(c.fullName),
        dateOfBirth: c.dateOfBirth,
        sex: c.sex,
        phone: c.phone ?? null,
        address: c.address ?? null,
        communeId: c.communeId,
        programme: c.programme,
        status: c.status ?? "ACTIVE",
        statusChangedAt: c.status && c.status !== "ACTIVE" ? now : null,
        decisionNo: c.decisionNo ?? null,
        decidedOn: c.decidedOn ?? null,
        note: c.note ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    ),
    bulkStatement.insert(
      db,
      "BeneficiaryCategory",
      CATEGORY_COLUMNS,
      people.flatMap((c) =>
        c.categories.map((cat) => ({
          beneficiaryId: ids.get(c.personalId)!,
          categoryId: cat.categoryId,
          rate: cat.rate,
        })),
      ),
    ),
  ];
}

function updatePeople(
  db: Db,
  ref: Reference,
  updates: { input: BeneficiaryInput; before: Existing; fields: string[] }[],
): BulkStatement {
  return bulkStatement.updateById(
    db,
    "Beneficiary",
    BENEFICIARY_COLUMNS,
    updates.map(({ input: r, before: b, fields }) => ({
      id: b.id,
      fullName: fields.includes("fullName") ? r.fullName : b.fullName,
      fullNameAscii: foldVietnamese(fields.includes("fullName") ? r.fullName : b.fullName),
      dateOfBirth: fields.includes("dateOfBirth") ? r.dateOfBirth : fromDbDate(b.dateOfBirth),
      sex: r.sex,
      phone: r.phone === undefined ? b.phone : r.phone,
      address: r.address === undefined ? b.address : r.address,
      communeId: r.communeId,
      programme: r.programme,
      status: r.status ?? b.status,
      statusChangedAt: (fields.includes("status") ? ref.now : b.statusChangedAt)?.toISOString() ?? null,
      decisionNo: r.decisionNo === undefined ? b.decisionNo : r.decisionNo,
      decidedOn: r.decidedOn === undefined ? (b.decidedOn ? fromDbDate(b.decidedOn) : null) : r.decidedOn,
      note: r.note === undefined ? b.note : r.note,
      updatedAt: ref.now.toISOString(),
    })),
  );
}

/** Keeps the links that stay (and when they started), removes the dropped ones, adds the new. */
function categoryChanges(updates: { input: BeneficiaryInput; before: Existing }[]) {
  const removed: { beneficiaryId: string; categoryId: string }[] = [];
  const added: { beneficiaryId: string; categoryId: string; rate: number | null }[] = [];
  const rateChanged: { beneficiaryId: string; categoryId: string; rate: number | null }[] = [];
  for (const { input, before } of updates) {
    const next = new Map(input.categories.map((c) => [c.categoryId, c.rate]));
    for (const old of before.categories) {
      if (!next.has(old.categoryId)) removed.push({ beneficiaryId: before.id, categoryId: old.categoryId });
      else if (next.get(old.categoryId) !== old.rate) {
        rateChanged.push({
          beneficiaryId: before.id,
          categoryId: old.categoryId,
          rate: next.get(old.categoryId) ?? null,
        });
      }
    }
    for (const [categoryId, rate] of next) {
      if (!before.categories.some((c) => c.categoryId === categoryId))
        added.push({ beneficiaryId: before.id, categoryId, rate });
    }
  }
  return { removed, added, rateChanged };
}
