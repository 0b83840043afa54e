// The monthly allowance of one person for one month, line by line, from the policy data.
// BTXH (Decree 20/2021, art. 6): whoever fits several categories is paid only the highest one;
// the single-parent allowance is added on top. The social pension (Decree 176/2025) is compared
// with social assistance the same way: the higher one, not both. NCC allowances add up.
import { AppError } from "../../core/errors.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { BaseLevel, Category, Policy, Programme } from "./policySchema.ts";

export interface MonthlyAmountInput {
  programme: Programme;
  categories: { code: string; rate?: number | null }[];
  /** First day of the month, "YYYY-MM-01". */
  month: CalendarDate;
  /** Pay levels that are only reported, not yet confirmed (for "what if" screens). */
  includeUnconfirmed?: boolean;
}

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
  legalBasis: string;
}

export interface MonthlyAmount {
  total: number;
  lines: AmountLine[];
}

export function monthlyAmount(policy: Policy, input: MonthlyAmountInput): MonthlyAmount {
  const wanted = expandIncludes(policy, input.categories);
  const priced = wanted.map(({ category, rate }) => priceCategory(policy, input, category, rate));
  let lines: AmountLine[];
  if (input.programme === "BTXH") {
    const main = priced.filter((l) => l.kind === "MONTHLY");
    // Ties keep the order the categories were given in, so the result is stable.
    const highest = main.reduce<AmountLine | null>((best, l) => (best && best.amount >= l.amount ? best : l), null);
    lines = [...(highest ? [highest] : []), ...priced.filter((l) => l.kind === "SUPPLEMENT")];
  } else {
    lines = priced;
  }
  return { total: lines.reduce((sum, l) => sum + l.amount, 0), lines };
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

function expandIncludes(
  policy: Policy,
  given: MonthlyAmountInput["categories"],
): { category: Category; rate: number | null }[] {
  const out = new Map<string, { category: Category; rate: number | null }>();
  const add = (code: string, rate: number | null) => {
    if (out.has(code)) return;
    const category = policy.categories.find((c) => c.code === code);
    if (!category) throw new AppError("bad_request", `unknown benefit category ${code}`, { reason: "unknown_category", code });
    out.set(code, { category, rate });
    for (const inc of category.includes) add(inc, null);
  };
  for (const { code, rate } of given) add(code, rate ?? null);
  return [...out.values()];
}

function priceCategory(policy: Policy, input: MonthlyAmountInput, category: Category, rate: number | null): AmountLine {
  if (category.programme !== input.programme) {
    throw new AppError("bad_request", `${category.code} does not belong to ${input.programme}`, {
      reason: "programme_mismatch",
      code: category.code,
    });
  }
  const line: Omit<AmountLine, "amount" | "baseLevel" | "coefficient"> = {
    kind: category.stackable ? "SUPPLEMENT" : "MONTHLY",
    label: category.name,
    labelEn: category.nameEn,
    categoryCode: category.code,
    legalBasis: category.legalBasis,
    rate: null,
  };
  if (category.rule === "FIXED") {
    const fixed = latestInEffect(category.fixedAmounts, input.month, input.includeUnconfirmed);
    if (!fixed) throw notInEffect(category.code, input.month);
    return { ...line, amount: fixed.amount, baseLevel: null, coefficient: null, legalBasis: fixed.legalBasis };
  }
  const base = baseLevelFor(policy, input.programme, input.month, input.includeUnconfirmed);
  if (!base) throw notInEffect(input.programme, input.month);
  if (category.rule === "RATE_TABLE") {
    if (rate === null) {
      throw new AppError("bad_request", `${category.code} needs a rate`, { reason: "rate_missing", code: category.code });
    }
    return { ...line, rate, amount: rateAmount(policy, category.rateTable, base.amount, rate), baseLevel: base.amount, coefficient: null };
  }
  // A COUNT category (single-parent allowance) is paid per child; no count given means one.
  const units = category.rateKind === "COUNT" ? (rate ?? 1) : 1;
  const amount = Math.round((base.amount * Math.round(category.coefficient * 1000)) / 1000) * units;
  return {
    ...line,
    rate: category.rateKind === "COUNT" ? units : null,
    amount,
    baseLevel: base.amount,
    coefficient: category.coefficient,
  };
}

// The tables are per base level: a new base level needs its own table before it can be paid.
function rateAmount(policy: Policy, tableCode: string, baseLevel: number, rate: number): number {
  const table = policy.rateTables.find((t) => t.code === tableCode)?.tables.find((t) => t.baseLevel === baseLevel);
  if (!table) {
    throw new AppError("unavailable", `no ${tableCode} table for base level ${baseLevel}`, {
      reason: "rate_table_missing",
      code: tableCode,
      baseLevel,
    });
  }
  const row = table.rows.filter((r) => r.rate <= rate).at(-1);
  if (!row) {
    throw new AppError("bad_request", `rate ${rate} is below the ${tableCode} table`, { reason: "rate_out_of_table", rate });
  }
  return row.amount;
}

function latestInEffect<T extends { effectiveFrom: string; confirmed: boolean }>(
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

function notInEffect(what: string, month: CalendarDate): AppError {
  return new AppError("unavailable", `no ${what} amount in effect for ${month}`, { reason: "not_in_effect", what, month });
}
