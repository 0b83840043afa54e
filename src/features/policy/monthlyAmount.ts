// The monthly allowance of one person for one month, line by line, from the policy data.
// BTXH (Decree 20/2021, art. 6): whoever fits several categories is paid only the highest one;
// the single-parent allowance is added on top. The social pension (Decree 176/2025) is compared
// with social assistance the same way: the higher one, not both. NCC allowances add up.
// A category the law has ended (or not yet started) that month is left out and named; when
// nothing payable is left, or an amount the data lacks is needed, the answer is the gap.
import { AppError } from "../../core/errors.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { priceCategory, resolutionsFor, type AmountLine, type PolicyGap, type PriceContext } from "./priceCategory.ts";
import type { Category, Policy, Programme } from "./policySchema.ts";

export { baseLevelFor } from "./priceCategory.ts";
export type { AmountLine, PolicyGap, ProvincialPart } from "./priceCategory.ts";

export interface MonthlyAmountInput {
  /** Checked against the categories when given. */
  programme?: Programme;
  categories: { code: string; rate?: number | null }[];
  /** First day of the month, "YYYY-MM-01". */
  month: CalendarDate;
  /** The person's province, for its resolutions. */
  provinceCode?: string | null;
  /** Levels only reported, not yet confirmed (to recognise a payout made at one). */
  includeUnconfirmed?: boolean;
  /** Price at this national base level instead of the month's. */
  baseLevel?: number;
}

export interface MonthlyAmount {
  total: number;
  lines: AmountLine[];
  /** Categories given but not payable that month (repealed, not yet in force). */
  skipped: PolicyGap[];
}

export type PricedMonth =
  ({ ok: true } & MonthlyAmount) | { ok: false; gap: PolicyGap; lines: AmountLine[]; skipped: PolicyGap[] };

export function priceMonth(policy: Policy, input: MonthlyAmountInput): PricedMonth {
  const expanded = expandIncludes(policy, input.categories);
  if (!expanded.ok) return { ok: false, gap: expanded.gap, lines: [], skipped: [] };
  const programme = input.programme ?? expanded.items[0]?.category.programme;
  const mismatch = expanded.items.find((i) => i.category.programme !== programme);
  if (mismatch && programme) {
    return {
      ok: false,
      gap: { kind: "programmeMismatch", code: mismatch.category.code, programme },
      lines: [],
      skipped: [],
    };
  }
  const ctx: PriceContext = {
    policy,
    month: input.month,
    provinceCode: input.provinceCode ?? null,
    includeUnconfirmed: input.includeUnconfirmed ?? false,
    baseLevel: input.baseLevel,
  };
  const lines: AmountLine[] = [];
  const skipped: PolicyGap[] = [];
  let gap: PolicyGap | null = null;
  for (const { category, rate } of expanded.items) {
    const priced = priceCategory(ctx, category, rate);
    if (priced.ok) lines.push(priced.line);
    else if (priced.gap.kind === "repealed" || priced.gap.kind === "notYetInForce") skipped.push(priced.gap);
    else gap ??= priced.gap;
  }
  if (gap) return { ok: false, gap, lines, skipped };
  if (lines.length === 0) {
    const first = skipped[0];
    return first ? { ok: false, gap: first, lines, skipped } : { ok: true, total: 0, lines, skipped };
  }
  const paid = withProgrammeTopUp(ctx, programme, programme === "BTXH" ? highestOnly(lines) : lines);
  return { ok: true, total: paid.reduce((sum, l) => sum + l.amount, 0), lines: paid, skipped };
}

/** priceMonth for callers that treat a gap as an error (the demo generator, tests). */
export function monthlyAmount(policy: Policy, input: MonthlyAmountInput): MonthlyAmount {
  const priced = priceMonth(policy, input);
  if (!priced.ok) {
    throw new AppError(
      "unavailable",
      `cannot compute ${input.categories.map((c) => c.code).join(", ")} for ${input.month}: ${priced.gap.kind}`,
      {
        reason: priced.gap.kind,
        gap: priced.gap,
      },
    );
  }
  return priced;
}

/** A province's sum added to every allowance of a programme goes once, on the main line. */
function withProgrammeTopUp(ctx: PriceContext, programme: Programme | undefined, lines: AmountLine[]): AmountLine[] {
  const topUp = resolutionsFor(ctx.policy, ctx.provinceCode, ctx.month).find(
    (r) => r.kind === "TOP_UP" && r.categoryCode === null && r.programme === programme,
  );
  const main = lines.findIndex((l) => l.kind === "MONTHLY");
  if (!topUp || main < 0) return lines;
  return lines.map((l, i) =>
    i === main
      ? {
          ...l,
          amount: l.amount + topUp.amount,
          provincial: {
            kind: topUp.kind,
            amount: topUp.amount,
            resolutionNo: topUp.resolutionNo,
            legalBasis: topUp.legalBasis,
          },
        }
      : l,
  );
}

// Ties keep the order the categories were given in, so the result is stable.
function highestOnly(lines: AmountLine[]): AmountLine[] {
  const main = lines.filter((l) => l.kind === "MONTHLY");
  const highest = main.reduce<AmountLine | null>((best, l) => (best && best.amount >= l.amount ? best : l), null);
  return [...(highest ? [highest] : []), ...lines.filter((l) => l.kind === "SUPPLEMENT")];
}

type Expanded = { ok: true; items: { category: Category; rate: number | null }[] } | { ok: false; gap: PolicyGap };

function expandIncludes(policy: Policy, given: MonthlyAmountInput["categories"]): Expanded {
  const out = new Map<string, { category: Category; rate: number | null }>();
  let unknown: string | null = null;
  const add = (code: string, rate: number | null) => {
    if (out.has(code)) return;
    const category = policy.categories.find((c) => c.code === code);
    if (!category) {
      unknown ??= code;
      return;
    }
    out.set(code, { category, rate });
    for (const inc of category.includes) add(inc, null);
  };
  for (const { code, rate } of given) add(code, rate ?? null);
  if (unknown !== null) return { ok: false, gap: { kind: "unknownCategory", code: unknown } };
  return { ok: true, items: [...out.values()] };
}
