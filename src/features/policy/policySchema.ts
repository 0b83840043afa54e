// Policy changes by decree: base levels, category coefficients and fixed sums are dated data that
// an officer edits in the JSON files, never constants in code. Each file is checked on load.
import { z } from "zod";
import { isCalendarDate } from "../../lib/calendarDate.ts";

const calendarDay = z.string().refine(isCalendarDate, "expected a calendar date YYYY-MM-DD");
const firstOfMonth = calendarDay.refine((s) => s.endsWith("-01"), "policy changes take effect on the 1st of a month");
const vnd = z.number().int().positive();
const programme = z.enum(["BTXH", "NCC"]);
// Coefficients are stored as Decimal(6,3) in the database.
const coefficient = z.number().positive().max(999).refine((n) => Math.round(n * 1000) === n * 1000, "at most 3 decimals");

const baseLevel = z.object({
  programme,
  amount: vnd,
  effectiveFrom: firstOfMonth,
  legalBasis: z.string().min(1),
  source: z.string().min(1).nullable().default(null),
  // A level only reported, not yet published, is never paid unless asked for explicitly.
  confirmed: z.boolean(),
});

const datedAmount = z.object({
  effectiveFrom: firstOfMonth,
  amount: vnd,
  legalBasis: z.string().min(1),
  confirmed: z.boolean(),
});

const categoryCommon = {
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "upper-case code, e.g. BTXH_OLD_80"),
  programme,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  legalBasis: z.string().min(1),
  stackable: z.boolean(),
  includes: z.array(z.string()).default([]),
  // COUNT: the amount is per unit (children raised); INJURY_RATE: looked up in a rate table.
  rateKind: z.enum(["COUNT", "INJURY_RATE"]).nullable().default(null),
};

const category = z.discriminatedUnion("rule", [
  z.object({ ...categoryCommon, rule: z.literal("COEFFICIENT"), coefficient }),
  z.object({ ...categoryCommon, rule: z.literal("MULTIPLE_OF_BASE"), coefficient }),
  z.object({ ...categoryCommon, rule: z.literal("FIXED"), fixedAmounts: z.array(datedAmount).min(1) }),
  z.object({ ...categoryCommon, rule: z.literal("RATE_TABLE"), rateTable: z.string().min(1) }),
]);

const rateRow = z.object({ rate: z.number().int().min(0).max(100), amount: vnd });

const rateTable = z.object({
  code: z.string().min(1),
  description: z.string().min(1),
  // Between two rows the nearest lower row applies, until the table is complete.
  lookup: z.literal("nearestLowerRow"),
  complete: z.boolean(),
  tables: z
    .array(
      z.object({
        baseLevel: vnd,
        effectiveFrom: firstOfMonth,
        legalBasis: z.string().min(1),
        confirmed: z.boolean(),
        rows: z.array(rateRow).min(1).refine(isAscending, "rows must be in ascending order of rate"),
      }),
    )
    .min(1),
});

export const baseLevelsFileSchema = z.object({ baseLevels: z.array(baseLevel).min(1) });
export const categoriesFileSchema = z.object({ categories: z.array(category).min(1) });
export const rateTablesFileSchema = z.object({ rateTables: z.array(rateTable) });

const policyShape = z.object({
  baseLevels: z.array(baseLevel),
  categories: z.array(category),
  rateTables: z.array(rateTable),
});

export const policySchema = policyShape.superRefine((policy, ctx) => {
  for (const problem of crossCheck(policy)) ctx.addIssue({ code: "custom", message: problem });
});

export type Programme = z.infer<typeof programme>;
export type BaseLevel = z.infer<typeof baseLevel>;
export type DatedAmount = z.infer<typeof datedAmount>;
export type Category = z.infer<typeof category>;
export type RateTable = z.infer<typeof rateTable>;
export type Policy = z.infer<typeof policySchema>;

function isAscending(rows: { rate: number }[]): boolean {
  return rows.every((row, i) => i === 0 || row.rate > rows[i - 1]!.rate);
}

/** References between the files, and duplicates an officer's edit could introduce. */
function crossCheck(policy: z.infer<typeof policyShape>): string[] {
  const problems: string[] = [];
  const codes = new Map(policy.categories.map((c) => [c.code, c]));
  if (codes.size !== policy.categories.length) problems.push("a category code appears twice");
  const levelKeys = new Set(policy.baseLevels.map((l) => `${l.programme}:${l.effectiveFrom}`));
  if (levelKeys.size !== policy.baseLevels.length) problems.push("two base levels for one programme take effect on the same day");
  const tables = new Set(policy.rateTables.map((t) => t.code));
  for (const c of policy.categories) {
    for (const inc of c.includes) {
      const target = codes.get(inc);
      if (!target) problems.push(`${c.code} includes unknown category ${inc}`);
      else if (target.programme !== c.programme) problems.push(`${c.code} includes ${inc} of another programme`);
    }
    if (c.rule === "RATE_TABLE" && !tables.has(c.rateTable)) problems.push(`${c.code} uses unknown rate table ${c.rateTable}`);
    if (c.rule === "COEFFICIENT" && c.programme !== "BTXH") problems.push(`${c.code}: COEFFICIENT is the BTXH rule`);
  }
  return problems;
}
