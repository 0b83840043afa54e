// The amount of one category for one month: the national rule (base level × coefficient, a fixed
// sum, the appendix amount at the month's base level, or the row of a rate table) and then the
// province's resolution when it pays more. When the data lacks what is needed the answer is a
// gap that says exactly what is missing, never a neighbouring number.
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { BaseLevel, Category, CategoryAmount, Policy, Programme, Resolution } from "./policySchema.ts";

export interface AmountLine {
  kind: "MONTHLY" | "SUPPLEMENT";
  /** Official Vietnamese wording of the category, as printed on payout lists. */
  label: string;
  labelEn: string;
  amount: number;
  categoryCode: string;
  baseLevel: number | null;
  coefficient: number | null;
  rate: number | null;
  /** The law behind the amount of that month (the category's rule and the base level's decree). */
  legalBasis: string;
  /** What the national rule alone pays (equal to `amount` unless the province pays more). */
  national: number;
  /** The provincial resolution that raised the amount, if any. */
  provincial: ProvincialPart | null;
}

export interface ProvincialPart {
  kind: Resolution["kind"];
  /** The resolution's own figure: the province's level, amount, or the sum it adds. */
  amount: number;
  resolutionNo: string;
  legalBasis: string;
}

interface Named {
  code: string;
  label: string;
  labelEn: string;
}

export type PolicyGap =
  | { kind: "unknownCategory"; code: string }
  | { kind: "programmeMismatch"; code: string; programme: Programme }
  | ({ kind: "notYetInForce"; effectiveFrom: string } & Named)
  | ({ kind: "repealed"; effectiveTo: string; legalBasis: string; replacedBy: Named | null } & Named)
  | { kind: "noBaseLevel"; programme: Programme; month: CalendarDate }
  | ({ kind: "rateMissing" } & Named)
  | ({ kind: "rateRowMissing"; table: string; baseLevel: number; rate: number; tableLoaded: boolean } & Named)
  | ({ kind: "amountMissing"; baseLevel: number | null } & Named);

export interface PriceContext {
  policy: Policy;
  month: CalendarDate;
  provinceCode: string | null;
  includeUnconfirmed: boolean;
  /** Price at this national base level instead of the month's (to recognise a payout made at it). */
  baseLevel?: number;
}

export type CategoryPrice = { ok: true; line: AmountLine } | { ok: false; gap: PolicyGap };

export function priceCategory(ctx: PriceContext, category: Category, rate: number | null): CategoryPrice {
  const named = { code: category.code, label: category.name, labelEn: category.nameEn };
  const inForce = categoryInForce(category, ctx.month);
  if (inForce === "before")
    return { ok: false, gap: { kind: "notYetInForce", effectiveFrom: category.effectiveFrom ?? "", ...named } };
  if (inForce === "after") return { ok: false, gap: repealGap(ctx.policy, category) };
  const national = nationalAmount(ctx, category, rate, named);
  if (!national.ok) return national;
  return { ok: true, line: withProvince(ctx, category, national.line) };
}

/** Whether a category exists in law in a month: "before" its start, "after" its end, or "in". */
export function categoryInForce(
  c: Pick<Category, "effectiveFrom" | "effectiveTo">,
  month: CalendarDate,
): "before" | "in" | "after" {
  const m = month.slice(0, 7);
  if (c.effectiveFrom && c.effectiveFrom.slice(0, 7) > m) return "before";
  if (c.effectiveTo && c.effectiveTo.slice(0, 7) < m) return "after";
  return "in";
}

/** The base level paid for a programme in a month, or null when none is in effect. */
export function baseLevelFor(
  policy: Policy,
  programme: Programme,
  month: CalendarDate,
  includeUnconfirmed = false,
): BaseLevel | null {
  return latestInEffect(
    policy.baseLevels.filter((l) => l.programme === programme),
    month,
    includeUnconfirmed,
  );
}

/** The resolutions of a province in force in a month. */
export function resolutionsFor(policy: Policy, provinceCode: string | null, month: CalendarDate): Resolution[] {
  if (!provinceCode) return [];
  return policy.resolutions.filter(
    (r) =>
      r.provinceCode === provinceCode &&
      r.effectiveFrom <= month &&
      (r.effectiveTo === null || r.effectiveTo.slice(0, 7) >= month.slice(0, 7)),
  );
}

function repealGap(policy: Policy, c: Category): PolicyGap {
  const replacement = c.repeal?.replacedBy ? policy.categories.find((k) => k.code === c.repeal?.replacedBy) : undefined;
  return {
    kind: "repealed",
    code: c.code,
    label: c.name,
    labelEn: c.nameEn,
    effectiveTo: c.effectiveTo ?? "",
    legalBasis: c.repeal?.legalBasis ?? c.legalBasis,
    replacedBy: replacement ? { code: replacement.code, label: replacement.name, labelEn: replacement.nameEn } : null,
  };
}

type National = { ok: true; line: AmountLine } | { ok: false; gap: PolicyGap };

function nationalAmount(ctx: PriceContext, c: Category, rate: number | null, named: Named): National {
  const base: Omit<AmountLine, "amount" | "national" | "baseLevel" | "coefficient" | "legalBasis"> = {
    kind: c.stackable ? "SUPPLEMENT" : "MONTHLY",
    label: c.name,
    labelEn: c.nameEn,
    categoryCode: c.code,
    rate: null,
    provincial: null,
  };
  const done = (
    amount: number,
    o: { baseLevel: number | null; coefficient: number | null; legalBasis: string; rate?: number | null },
  ): National => ({
    ok: true,
    line: {
      ...base,
      amount,
      national: amount,
      rate: o.rate ?? null,
      baseLevel: o.baseLevel,
      coefficient: o.coefficient,
      legalBasis: o.legalBasis,
    },
  });
  if (c.rule === "FIXED") {
    const row = latestInEffect(c.amounts, ctx.month, ctx.includeUnconfirmed);
    if (!row || row.amount === null) return { ok: false, gap: { kind: "amountMissing", baseLevel: null, ...named } };
    return done(row.amount, { baseLevel: null, coefficient: null, legalBasis: row.legalBasis });
  }
  const level = levelOf(ctx, c.programme);
  if (!level) return { ok: false, gap: { kind: "noBaseLevel", programme: c.programme, month: ctx.month } };
  if (c.rule === "RATE_TABLE") {
    if (rate === null) return { ok: false, gap: { kind: "rateMissing", ...named } };
    const tableCode = c.rateTable ?? c.code;
    const table = ctx.policy.rateTables.find(
      (t) => t.code === tableCode && t.baseLevel === level.amount && (t.confirmed || ctx.includeUnconfirmed),
    );
    // Between two rows the law has its own number: only the exact row is ever used.
    const row = table?.rows.find((r) => r.rate === rate);
    if (!table || !row) {
      return {
        ok: false,
        gap: {
          kind: "rateRowMissing",
          table: tableCode,
          baseLevel: level.amount,
          rate,
          tableLoaded: table !== undefined,
          ...named,
        },
      };
    }
    return done(row.amount, {
      baseLevel: level.amount,
      coefficient: null,
      rate,
      legalBasis: joinBasis(c.legalBasis, table.legalBasis),
    });
  }
  if (c.rule === "PER_BASE_LEVEL") {
    const row = c.amounts.find((a) => a.baseLevel === level.amount && (a.confirmed || ctx.includeUnconfirmed));
    if (!row || row.amount === null)
      return { ok: false, gap: { kind: "amountMissing", baseLevel: level.amount, ...named } };
    return done(row.amount, {
      baseLevel: level.amount,
      coefficient: null,
      legalBasis: joinBasis(row.legalBasis, level.legalBasis),
    });
  }
  const row = latestInEffect(c.amounts, ctx.month, ctx.includeUnconfirmed);
  if (!row || row.coefficient === null)
    return { ok: false, gap: { kind: "amountMissing", baseLevel: level.amount, ...named } };
  // A COUNT category (single-parent allowance) is paid per child; no count given means one.
  const units = c.rateKind === "COUNT" ? (rate ?? 1) : 1;
  return done(times(level.amount, row.coefficient) * units, {
    baseLevel: level.amount,
    coefficient: row.coefficient,
    rate: c.rateKind === "COUNT" ? units : null,
    legalBasis: joinBasis(row.legalBasis, level.legalBasis),
  });
}

/** The province's resolution, applied when it gives more than the national rule. */
function withProvince(ctx: PriceContext, c: Category, line: AmountLine): AmountLine {
  const own = resolutionsFor(ctx.policy, ctx.provinceCode, ctx.month).filter((r) => r.programme === c.programme);
  let best = line;
  const level = own.filter((r) => r.kind === "LEVEL").sort((a, b) => b.amount - a.amount)[0];
  if (level && line.coefficient !== null && (c.rule === "COEFFICIENT" || c.rule === "MULTIPLE_OF_BASE")) {
    const amount = times(level.amount, line.coefficient) * (line.rate ?? 1);
    if (amount > best.amount) best = { ...line, amount, baseLevel: level.amount, provincial: part(level) };
  }
  const fixed = own
    .filter((r) => r.kind === "AMOUNT" && r.categoryCode === c.code)
    .sort((a, b) => b.amount - a.amount)[0];
  if (fixed && fixed.amount > best.amount) best = { ...line, amount: fixed.amount, provincial: part(fixed) };
  const topUp = own.find((r) => r.kind === "TOP_UP" && r.categoryCode === c.code);
  if (topUp) best = { ...best, amount: best.amount + topUp.amount, provincial: part(topUp) };
  return best;
}

function part(r: Resolution): ProvincialPart {
  return { kind: r.kind, amount: r.amount, resolutionNo: r.resolutionNo, legalBasis: r.legalBasis };
}

function levelOf(ctx: PriceContext, programme: Programme): Pick<BaseLevel, "amount" | "legalBasis"> | null {
  const inData = baseLevelFor(ctx.policy, programme, ctx.month, ctx.includeUnconfirmed);
  if (ctx.baseLevel === undefined) return inData;
  const known = ctx.policy.baseLevels.find((l) => l.programme === programme && l.amount === ctx.baseLevel);
  return { amount: ctx.baseLevel, legalBasis: known?.legalBasis ?? inData?.legalBasis ?? "" };
}

export function times(level: number, coefficient: number): number {
  return Math.round((level * Math.round(coefficient * 1000)) / 1000);
}

/** "Nghị định 20/2021/NĐ-CP, Điều 5-6; Nghị định 76/2024/NĐ-CP", without saying one law twice. */
function joinBasis(rule: string, level: string): string {
  if (!level || rule.includes(level)) return rule;
  return `${rule}; ${level}`;
}

export function latestInEffect<T extends Pick<CategoryAmount, "effectiveFrom" | "confirmed">>(
  rows: T[],
  month: CalendarDate,
  includeUnconfirmed = false,
): T | null {
  let best: T | null = null;
  for (const row of rows) {
    if (row.effectiveFrom > month || (!row.confirmed && !includeUnconfirmed)) continue;
    if (!best || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  return best;
}
