// The entitlement command's contract, one JSON object in and one out: the monthly amount of a set
// of categories in a month (and a province), line by line with the legal basis, or null with the
// reason. Other tools rely on this shape; it never guesses an amount the policy data lacks.
import { z } from "zod";
import { priceMonth, type AmountLine, type PolicyGap } from "../policy/monthlyAmount.ts";
import type { Policy } from "../policy/policySchema.ts";

export const entitlementQuery = z.object({
  categories: z.array(z.string().trim().min(1)).min(1),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM"),
  rate: z.number().int().min(1).max(100).optional(),
  province: z.string().trim().min(1).optional(),
});

export interface EntitlementAnswer {
  amount: number | null;
  lines: { label: string; amount: number; legalBasis: string }[];
  reason?: string;
}

/** Answers one input line (already JSON-parsed, still unchecked). */
export function answerEntitlement(policy: Policy, input: unknown): EntitlementAnswer {
  const parsed = entitlementQuery.safeParse(input);
  if (!parsed.success)
    return { amount: null, lines: [], reason: `invalid input: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}` };
  const q = parsed.data;
  const month = `${q.month}-01`;
  // The rate belongs to the category priced by rate (injury rate, or children for a COUNT category).
  const categories = q.categories.map((code) => {
    const rateKind = policy.categories.find((c) => c.code === code)?.rateKind ?? null;
    return { code, rate: rateKind ? (q.rate ?? null) : null };
  });
  const priced = priceMonth(policy, { categories, month, provinceCode: q.province ?? null });
  if (!priced.ok) return { amount: null, lines: priced.lines.map(lineOut), reason: reasonOf(priced.gap) };
  return { amount: priced.total, lines: priced.lines.map(lineOut) };
}

function lineOut(l: AmountLine): EntitlementAnswer["lines"][number] {
  // A provincial amount names its resolution and the national amount it replaces.
  const legalBasis = l.provincial
    ? `${l.provincial.legalBasis} (mức quốc gia ${l.national} đ: ${l.legalBasis})`
    : l.legalBasis;
  return { label: l.label, amount: l.amount, legalBasis };
}

export function reasonOf(g: PolicyGap): string {
  switch (g.kind) {
    case "rateRowMissing":
      return `cannot compute: the table for this rate is missing (${g.table} at base level ${g.baseLevel}, row ${g.rate}%${g.tableLoaded ? "" : ", no table loaded"})`;
    case "amountMissing":
      return `cannot compute: the policy data has no amount for ${g.code}${g.baseLevel === null ? "" : ` at base level ${g.baseLevel}`}`;
    case "repealed":
      return `${g.code} was repealed after ${g.effectiveTo} (${g.legalBasis})${g.replacedBy ? `; ${g.replacedBy.code} (${g.replacedBy.label}) instead` : ""}`;
    case "notYetInForce":
      return `${g.code} is in force only from ${g.effectiveFrom}`;
    case "noBaseLevel":
      return `cannot compute: no ${g.programme} base level for ${g.month.slice(0, 7)}`;
    case "rateMissing":
      return `${g.code} needs a rate`;
    case "unknownCategory":
      return `unknown category ${g.code}`;
    case "programmeMismatch":
      return `${g.code} is not in the ${g.programme} programme of the other categories`;
  }
}
