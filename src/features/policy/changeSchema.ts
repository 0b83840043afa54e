// What an officer's policy change holds: the table, the row it changes (by its natural key: a base
// level by programme and date, a category by code, an amount by category and date or base level,
// a rate table by code and base level, a resolution by id) and the row as it is to be, or its
// removal. Stored as JSON and checked with these schemas whenever it is read back.
import { z } from "zod";
import {
  amountKey,
  baseLevelSchema,
  categoryAmountSchema,
  categorySchema,
  rateTableSchema,
  resolutionSchema,
  type BaseLevel,
  type Category,
  type CategoryAmount,
  type Policy,
  type RateTable,
  type Resolution,
} from "./policySchema.ts";

export const POLICY_TABLES = ["BASE_LEVEL", "CATEGORY", "CATEGORY_AMOUNT", "RATE_TABLE", "RESOLUTION"] as const;
export type PolicyTableName = (typeof POLICY_TABLES)[number];

export const categoryValueSchema = categorySchema.omit({ amounts: true });
export const amountValueSchema = categoryAmountSchema.extend({ categoryCode: z.string().min(1) });
export const resolutionValueSchema = resolutionSchema.extend({ id: z.string().min(1).optional() });

export const changeValue = z.discriminatedUnion("table", [
  z.object({ table: z.literal("BASE_LEVEL"), value: baseLevelSchema }),
  z.object({ table: z.literal("CATEGORY"), value: categoryValueSchema }),
  z.object({ table: z.literal("CATEGORY_AMOUNT"), value: amountValueSchema }),
  z.object({ table: z.literal("RATE_TABLE"), value: rateTableSchema }),
  z.object({ table: z.literal("RESOLUTION"), value: resolutionValueSchema }),
]);
export type ChangeValue = z.infer<typeof changeValue>;

/** A proposed change: a new or changed row (`value`), or the removal of the row `target`. */
export type ProposedChange = { table: PolicyTableName; target: string | null } & (
  { value: ChangeValue; remove?: false } | { value?: undefined; remove: true }
);

/** The stored `after` column. */
export const storedAfter = z.union([z.object({ remove: z.literal(true) }), z.object({ value: changeValue })]);

export type CategoryValue = z.infer<typeof categoryValueSchema>;
export type AmountValue = z.infer<typeof amountValueSchema>;
export type ResolutionValue = z.infer<typeof resolutionValueSchema>;

/** The natural key of a row, the way `target` names it. */
export function keyOf(v: ChangeValue): string {
  switch (v.table) {
    case "BASE_LEVEL":
      return `${v.value.programme}:${v.value.effectiveFrom}`;
    case "CATEGORY":
      return v.value.code;
    case "CATEGORY_AMOUNT":
      return `${v.value.categoryCode}:${amountKey(v.value)}`;
    case "RATE_TABLE":
      return `${v.value.code}:${v.value.baseLevel}`;
    case "RESOLUTION":
      return v.value.id ?? "";
  }
}

/** The row `target` names in the policy, as a change value (the "before" of a change). */
export function currentValue(
  policy: Policy & { resolutionIds?: string[] },
  table: PolicyTableName,
  target: string,
): ChangeValue | null {
  switch (table) {
    case "BASE_LEVEL": {
      const l = policy.baseLevels.find((x) => `${x.programme}:${x.effectiveFrom}` === target);
      return l ? { table, value: l } : null;
    }
    case "CATEGORY": {
      const c = policy.categories.find((x) => x.code === target);
      if (!c) return null;
      const { amounts: _amounts, ...value } = c;
      return { table, value };
    }
    case "CATEGORY_AMOUNT": {
      for (const c of policy.categories) {
        const a = c.amounts.find((x) => `${c.code}:${amountKey(x)}` === target);
        if (a) return { table, value: { ...a, categoryCode: c.code } };
      }
      return null;
    }
    case "RATE_TABLE": {
      const t = policy.rateTables.find((x) => `${x.code}:${x.baseLevel}` === target);
      return t ? { table, value: t } : null;
    }
    case "RESOLUTION": {
      const i = policy.resolutionIds?.indexOf(target) ?? -1;
      const r = i >= 0 ? policy.resolutions[i] : undefined;
      return r ? { table, value: { ...r, id: target } } : null;
    }
  }
}

/** The policy as it would be with the change: checked in full before it is entered and again before it is confirmed. */
export function withChange(
  policy: Policy & { resolutionIds?: string[] },
  change: ProposedChange,
): Policy & { resolutionIds: string[] } {
  const ids = policy.resolutionIds ?? [];
  const drop = <T>(rows: T[], key: (row: T) => string) => rows.filter((r) => key(r) !== change.target);
  const v = change.value;
  const levels = drop(policy.baseLevels, (l: BaseLevel) => `${l.programme}:${l.effectiveFrom}`);
  const tables = drop(policy.rateTables, (t: RateTable) => `${t.code}:${t.baseLevel}`);
  let categories: Category[] = policy.categories;
  if (change.table === "CATEGORY") {
    const old = policy.categories.find((c) => c.code === change.target);
    categories = policy.categories.filter((c) => c.code !== change.target);
    if (v?.table === "CATEGORY") categories = [...categories, { ...v.value, amounts: old?.amounts ?? [] }];
  }
  if (change.table === "CATEGORY_AMOUNT") {
    categories = policy.categories.map((c) => {
      const amounts = c.amounts.filter((a: CategoryAmount) => `${c.code}:${amountKey(a)}` !== change.target);
      if (v?.table === "CATEGORY_AMOUNT" && v.value.categoryCode === c.code) {
        const { categoryCode: _code, ...row } = v.value;
        return { ...c, amounts: [...amounts, row] };
      }
      return { ...c, amounts };
    });
  }
  let resolutions: Resolution[] = policy.resolutions;
  let resolutionIds = ids;
  if (change.table === "RESOLUTION") {
    const keep = policy.resolutions.map((r, i) => [r, ids[i] ?? ""] as const).filter(([, id]) => id !== change.target);
    if (v?.table === "RESOLUTION") {
      const { id: _id, ...row } = v.value;
      keep.push([row, change.target ?? "new"]);
    }
    resolutions = keep.map(([r]) => r);
    resolutionIds = keep.map(([, id]) => id);
  }
  return {
    baseLevels:
      change.table === "BASE_LEVEL" ? (v?.table === "BASE_LEVEL" ? [...levels, v.value] : levels) : policy.baseLevels,
    categories,
    rateTables:
      change.table === "RATE_TABLE" ? (v?.table === "RATE_TABLE" ? [...tables, v.value] : tables) : policy.rateTables,
    resolutions,
    resolutionIds,
  };
}
