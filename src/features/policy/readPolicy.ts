// The policy the service prices with: read from the database (where officers own it) and checked
// with the same schema as the shipped files, so a broken row is named instead of paying wrongly.
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { fromDbDate } from "../../lib/calendarDate.ts";
import { policySchema, type Policy } from "./policySchema.ts";

export type PolicyReader = Pick<
  PrismaClient,
  "policyBaseLevel" | "benefitCategory" | "policyRateTable" | "provincialResolution" | "policyState"
>;

export class PolicyDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyDataError";
  }
}

export interface StoredPolicy {
  version: number;
  policy: Policy;
  /** The database id of each resolution, in the order of `policy.resolutions`. */
  resolutionIds: string[];
}

/** The current policy version: one tiny read, so running services notice a confirmed change. */
export async function policyVersion(db: Pick<PrismaClient, "policyState">): Promise<number> {
  const state = await db.policyState.findUnique({ where: { id: 1 }, select: { version: true } });
  return state?.version ?? 0;
}

export async function readPolicy(db: PolicyReader): Promise<StoredPolicy> {
  const [version, levels, categories, tables, resolutions] = await Promise.all([
    policyVersion(db),
    db.policyBaseLevel.findMany({ orderBy: [{ programme: "asc" }, { effectiveFrom: "asc" }] }),
    db.benefitCategory.findMany({
      orderBy: { code: "asc" },
      include: { amounts: { orderBy: [{ effectiveFrom: "asc" }, { key: "asc" }] } },
    }),
    db.policyRateTable.findMany({
      orderBy: [{ code: "asc" }, { baseLevel: "asc" }],
      include: { rows: { orderBy: { rate: "asc" } } },
    }),
    db.provincialResolution.findMany({ orderBy: [{ provinceCode: "asc" }, { effectiveFrom: "asc" }] }),
  ]);
  const date = (d: Date | null) => (d ? fromDbDate(d) : null);
  const parsed = policySchema.safeParse({
    baseLevels: levels.map((l) => ({
      programme: l.programme,
      amount: l.amount,
      effectiveFrom: fromDbDate(l.effectiveFrom),
      legalBasis: l.legalBasis,
      source: l.source,
      confirmed: l.confirmed,
      appliedFrom: date(l.appliedFrom),
    })),
    categories: categories.map((c) => ({
      code: c.code,
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
      repeal: c.repealedBy ? { legalBasis: c.repealedBy, replacedBy: c.replacedByCode } : null,
      source: c.source,
      amounts: c.amounts.map((a) => ({
        effectiveFrom: fromDbDate(a.effectiveFrom),
        coefficient: a.coefficient === null ? null : Number(a.coefficient.toString()),
        amount: a.amount,
        baseLevel: a.baseLevel,
        legalBasis: a.legalBasis,
        source: a.source,
        confirmed: a.confirmed,
      })),
    })),
    rateTables: tables
      .filter((t) => t.rows.length > 0)
      .map((t) => ({
        code: t.code,
        description: t.description,
        baseLevel: t.baseLevel,
        effectiveFrom: fromDbDate(t.effectiveFrom),
        legalBasis: t.legalBasis,
        source: t.source,
        confirmed: t.confirmed,
        rows: t.rows.map((r) => ({ rate: r.rate, amount: r.amount })),
      })),
    resolutions: resolutions.map((r) => ({
      provinceCode: r.provinceCode,
      programme: r.programme,
      categoryCode: r.categoryCode,
      kind: r.kind,
      amount: r.amount,
      resolutionNo: r.resolutionNo,
      effectiveFrom: fromDbDate(r.effectiveFrom),
      effectiveTo: date(r.effectiveTo),
      legalBasis: r.legalBasis,
      source: r.source,
    })),
  });
  if (!parsed.success) throw new PolicyDataError(`policy data in the database: ${z.prettifyError(parsed.error)}`);
  return { version, policy: parsed.data, resolutionIds: resolutions.map((r) => r.id) };
}
