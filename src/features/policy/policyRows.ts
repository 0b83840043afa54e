// Policy values turned into database rows (and a fingerprint of each), shared by the seeding at
// start and by officers' confirmed changes, so both write exactly the same shape.
import { createHash } from "node:crypto";
import { calendarDate } from "../../lib/calendarDate.ts";
import {
  amountKey,
  type BaseLevel,
  type Category,
  type CategoryAmount,
  type RateTable,
  type Resolution,
} from "./policySchema.ts";

const date = (d: string | null) => (d ? calendarDate(d) : null);

export function baseLevelRow(l: BaseLevel) {
  return {
    programme: l.programme,
    amount: l.amount,
    effectiveFrom: calendarDate(l.effectiveFrom),
    legalBasis: l.legalBasis,
    source: l.source,
    confirmed: l.confirmed,
    appliedFrom: date(l.appliedFrom),
  };
}

/**
 * The category itself. The older columns (coefficient, fixed amount) keep the latest confirmed
 * value for screens that show one number; the dated amounts are the truth.
 */
export function categoryRow(c: Omit<Category, "amounts">, amounts: CategoryAmount[]) {
  const latest = [...amounts]
    .filter((a) => a.confirmed && a.baseLevel === null)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .at(-1);
  return {
    programme: c.programme,
    name: c.name,
    nameEn: c.nameEn,
    rule: c.rule,
    legalBasis: c.legalBasis,
    stackable: c.stackable,
    includes: c.includes,
    rateKind: c.rateKind,
    rateTable: c.rateTable,
    effectiveFrom: date(c.effectiveFrom),
    effectiveTo: date(c.effectiveTo),
    repealedBy: c.repeal?.legalBasis ?? null,
    replacedByCode: c.repeal?.replacedBy ?? null,
    source: c.source,
    coefficient: latest?.coefficient ?? null,
    fixedAmount: c.rule === "FIXED" ? (latest?.amount ?? null) : null,
  };
}

export function amountRow(a: CategoryAmount) {
  return {
    key: amountKey(a),
    effectiveFrom: calendarDate(a.effectiveFrom),
    coefficient: a.coefficient,
    amount: a.amount,
    baseLevel: a.baseLevel,
    legalBasis: a.legalBasis,
    source: a.source,
    confirmed: a.confirmed,
  };
}

export function rateTableRow(t: RateTable) {
  return {
    code: t.code,
    description: t.description,
    baseLevel: t.baseLevel,
    effectiveFrom: calendarDate(t.effectiveFrom),
    legalBasis: t.legalBasis,
    source: t.source,
    confirmed: t.confirmed,
  };
}

export function resolutionRow(r: Resolution) {
  return {
    provinceCode: r.provinceCode,
    programme: r.programme,
    categoryCode: r.categoryCode,
    kind: r.kind,
    amount: r.amount,
    resolutionNo: r.resolutionNo,
    effectiveFrom: calendarDate(r.effectiveFrom),
    effectiveTo: date(r.effectiveTo),
    legalBasis: r.legalBasis,
    source: r.source,
  };
}

/** A fingerprint of a seed value: the files changed this row since it was last written. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
