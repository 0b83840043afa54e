// Policy changes by decree and by provincial resolution: base levels, categories (with the dates
// they exist in law), their coefficients or sums, appendix tables and provincial levels are dated
// data with a legal basis, never constants in code. The same shape comes from the files shipped
// with the service (the seed) and from the database officers edit; both are checked here.
import { z } from "zod";
import { isCalendarDate } from "../../lib/calendarDate.ts";

const calendarDay = z.string().refine(isCalendarDate, "expected a calendar date YYYY-MM-DD");
const firstOfMonth = calendarDay.refine((s) => s.endsWith("-01"), "policy changes take effect on the 1st of a month");
const vnd = z.number().int().positive();
export const programmeSchema = z.enum(["BTXH", "NCC"]);
// Coefficients are stored as Decimal(6,3) in the database.
const coefficient = z
  .number()
  .positive()
  .max(999)
  .refine((n) => Math.round(n * 1000) === n * 1000, "at most 3 decimals");
const text = z.string().trim().min(1);
const optionalText = text.nullable().default(null);

export const baseLevelSchema = z.object({
  programme: programmeSchema,
  amount: vnd,
  effectiveFrom: firstOfMonth,
  legalBasis: text,
  source: optionalText,
  // A level only reported, not yet issued, is never paid; a payout at it is recognised.
  confirmed: z.boolean(),
  // The day payouts could first apply it; months from effectiveFrom before it are back-paid.
  appliedFrom: calendarDay.nullable().default(null),
});

export const categoryAmountSchema = z.object({
  effectiveFrom: firstOfMonth,
  coefficient: coefficient.nullable().default(null),
  amount: vnd.nullable().default(null),
  // PER_BASE_LEVEL rows: the appendix amount at this base level.
  baseLevel: vnd.nullable().default(null),
  legalBasis: text,
  source: optionalText,
  confirmed: z.boolean().default(true),
});

export const RULES = ["COEFFICIENT", "MULTIPLE_OF_BASE", "FIXED", "RATE_TABLE", "PER_BASE_LEVEL"] as const;

export const categorySchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "upper-case code, e.g. BTXH_OLD_80"),
  programme: programmeSchema,
  name: text,
  nameEn: text,
  rule: z.enum(RULES),
  legalBasis: text,
  stackable: z.boolean(),
  includes: z.array(z.string()).default([]),
  // COUNT: the amount is per unit (children raised); INJURY_RATE: looked up in a rate table.
  rateKind: z.enum(["COUNT", "INJURY_RATE"]).nullable().default(null),
  rateTable: z.string().min(1).nullable().default(null),
  effectiveFrom: calendarDay.nullable().default(null),
  effectiveTo: calendarDay.nullable().default(null),
  // A category ended by law: which act ended it and which category took its place.
  repeal: z
    .object({ legalBasis: text, replacedBy: z.string().nullable().default(null) })
    .nullable()
    .default(null),
  source: optionalText,
  amounts: z.array(categoryAmountSchema).default([]),
});

const rateRow = z.object({ rate: z.number().int().min(1).max(100), amount: vnd });

export const rateTableSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  description: text,
  baseLevel: vnd,
  effectiveFrom: firstOfMonth,
  legalBasis: text,
  source: optionalText,
  confirmed: z.boolean().default(true),
  rows: z.array(rateRow).min(1).refine(isAscending, "rows must be in ascending order of rate, each rate once"),
});

export const RESOLUTION_KINDS = ["LEVEL", "AMOUNT", "TOP_UP"] as const;

export const resolutionSchema = z.object({
  provinceCode: z.string().trim().min(1).max(16),
  programme: programmeSchema,
  categoryCode: z.string().nullable().default(null),
  kind: z.enum(RESOLUTION_KINDS),
  amount: vnd,
  resolutionNo: text,
  effectiveFrom: firstOfMonth,
  effectiveTo: calendarDay.nullable().default(null),
  legalBasis: text,
  source: optionalText,
});

export const baseLevelsFileSchema = z.object({ baseLevels: z.array(baseLevelSchema).min(1) });
export const categoriesFileSchema = z.object({ categories: z.array(categorySchema).min(1) });
export const rateTablesFileSchema = z.object({ rateTables: z.array(rateTableSchema) });
export const resolutionsFileSchema = z.object({ resolutions: z.array(resolutionSchema.extend({ key: text })) });

const policyShape = z.object({
  baseLevels: z.array(baseLevelSchema),
  categories: z.array(categorySchema),
  rateTables: z.array(rateTableSchema),
  resolutions: z.array(resolutionSchema).default([]),
});

export const policySchema = policyShape.superRefine((policy, ctx) => {
  for (const problem of crossCheck(policy)) ctx.addIssue({ code: "custom", message: problem });
});

export type Programme = z.infer<typeof programmeSchema>;
export type BaseLevel = z.infer<typeof baseLevelSchema>;
export type CategoryAmount = z.infer<typeof categoryAmountSchema>;
export type Category = z.infer<typeof categorySchema>;
export type RateTable = z.infer<typeof rateTableSchema>;
export type Resolution = z.infer<typeof resolutionSchema>;
export type Policy = z.infer<typeof policySchema>;

function isAscending(rows: { rate: number }[]): boolean {
  return rows.every((row, i) => i === 0 || row.rate > rows[i - 1]!.rate);
}

/** References between the tables, and what each rule needs; an officer's edit is checked the same way. */
export function crossCheck(policy: z.infer<typeof policyShape>): string[] {
  const problems: string[] = [];
  const codes = new Map(policy.categories.map((c) => [c.code, c]));
  if (codes.size !== policy.categories.length) problems.push("a category code appears twice");
  const levelKeys = new Set(policy.baseLevels.map((l) => `${l.programme}:${l.effectiveFrom}`));
  if (levelKeys.size !== policy.baseLevels.length)
    problems.push("two base levels for one programme take effect on the same day");
  const tableKeys = new Set(policy.rateTables.map((t) => `${t.code}:${t.baseLevel}`));
  if (tableKeys.size !== policy.rateTables.length) problems.push("two rate tables share a code and a base level");
  for (const c of policy.categories) {
    for (const inc of c.includes) {
      const target = codes.get(inc);
      if (!target) problems.push(`${c.code} includes unknown category ${inc}`);
      else if (target.programme !== c.programme) problems.push(`${c.code} includes ${inc} of another programme`);
    }
    if (c.repeal?.replacedBy && !codes.has(c.repeal.replacedBy))
      problems.push(`${c.code} is replaced by unknown category ${c.repeal.replacedBy}`);
    if (c.effectiveFrom && c.effectiveTo && c.effectiveTo < c.effectiveFrom)
      problems.push(`${c.code} ends before it starts`);
    problems.push(...ruleProblems(c));
  }
  for (const r of policy.resolutions) {
    const target = r.categoryCode ? codes.get(r.categoryCode) : undefined;
    if (r.categoryCode && !target)
      problems.push(`resolution ${r.resolutionNo} names unknown category ${r.categoryCode}`);
    if (target && target.programme !== r.programme)
      problems.push(`resolution ${r.resolutionNo}: ${r.categoryCode} is not in ${r.programme}`);
    if (r.kind === "LEVEL" && r.categoryCode)
      problems.push(`resolution ${r.resolutionNo}: a provincial base level is for a whole programme`);
    if (r.kind === "AMOUNT" && !r.categoryCode)
      problems.push(`resolution ${r.resolutionNo}: an own amount needs a category`);
    if (r.effectiveTo && r.effectiveTo < r.effectiveFrom)
      problems.push(`resolution ${r.resolutionNo} ends before it starts`);
  }
  return problems;
}

function ruleProblems(c: Category): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  for (const a of c.amounts) {
    const key = amountKey(a);
    if (keys.has(key)) out.push(`${c.code} has two amounts for ${key}`);
    keys.add(key);
    const has = { coefficient: a.coefficient !== null, amount: a.amount !== null, baseLevel: a.baseLevel !== null };
    const wants =
      c.rule === "FIXED"
        ? { coefficient: false, amount: true, baseLevel: false }
        : c.rule === "PER_BASE_LEVEL"
          ? { coefficient: false, amount: true, baseLevel: true }
          : { coefficient: true, amount: false, baseLevel: false };
    if (c.rule === "RATE_TABLE") out.push(`${c.code}: a rate-table category has its amounts in the rate table`);
    else if (
      has.coefficient !== wants.coefficient ||
      has.amount !== wants.amount ||
      has.baseLevel !== wants.baseLevel
    ) {
      out.push(`${c.code} (${c.rule}) amount from ${a.effectiveFrom}: ${describeWants(wants)}`);
    }
  }
  if (c.rule === "RATE_TABLE" && !c.rateTable) out.push(`${c.code} needs a rate table code`);
  if (c.rule === "COEFFICIENT" && c.programme !== "BTXH") out.push(`${c.code}: COEFFICIENT is the BTXH rule`);
  return out;
}

function describeWants(w: { coefficient: boolean; amount: boolean; baseLevel: boolean }): string {
  if (w.coefficient) return "needs a coefficient only";
  return w.baseLevel ? "needs an amount and the base level it belongs to" : "needs an amount only";
}

/** The natural key of an amount row: its start date, or the base level it belongs to. */
export function amountKey(a: Pick<CategoryAmount, "effectiveFrom" | "baseLevel">): string {
  return a.baseLevel !== null ? `L${a.baseLevel}` : a.effectiveFrom;
}
