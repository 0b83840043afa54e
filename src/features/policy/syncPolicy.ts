// Keeps the database's copy of the policy (categories referenced by beneficiaries, base levels shown
// on screens) equal to the policy files. Runs on every start; running it twice changes nothing.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { calendarDate } from "../../lib/calendarDate.ts";
import type { Category, Policy } from "./policySchema.ts";

type PolicyWriter = Pick<PrismaClient, "benefitCategory" | "policyBaseLevel" | "$transaction">;

export async function syncPolicy(
  prisma: PolicyWriter,
  policy: Policy,
): Promise<{ categories: number; baseLevels: number }> {
  await prisma.$transaction(
    async (tx) => {
      for (const c of policy.categories) {
        const data = categoryRow(c);
        await tx.benefitCategory.upsert({ where: { code: c.code }, create: { code: c.code, ...data }, update: data });
      }
      for (const l of policy.baseLevels) {
        const effectiveFrom = calendarDate(l.effectiveFrom);
        const data = { amount: l.amount, legalBasis: l.legalBasis, source: l.source, confirmed: l.confirmed };
        await tx.policyBaseLevel.upsert({
          where: { programme_effectiveFrom: { programme: l.programme, effectiveFrom } },
          create: { programme: l.programme, effectiveFrom, ...data },
          update: data,
        });
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { categories: policy.categories.length, baseLevels: policy.baseLevels.length };
}

// The database has no rate tables: a rate-table category is stored as a multiple of the base
// level without a fixed coefficient (the amount depends on each person's rate). A fixed category
// keeps its latest confirmed amount; the dated history stays in the files.
function categoryRow(c: Category) {
  const common = {
    programme: c.programme,
    name: c.name,
    nameEn: c.nameEn,
    legalBasis: c.legalBasis,
    stackable: c.stackable,
  };
  switch (c.rule) {
    case "COEFFICIENT":
    case "MULTIPLE_OF_BASE":
      return { ...common, rule: c.rule, coefficient: c.coefficient, fixedAmount: null };
    case "FIXED": {
      const confirmed = c.fixedAmounts.filter((a) => a.confirmed).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      return { ...common, rule: c.rule, coefficient: null, fixedAmount: confirmed.at(-1)?.amount ?? null };
    }
    case "RATE_TABLE":
      return { ...common, rule: "MULTIPLE_OF_BASE" as const, coefficient: null, fixedAmount: null };
  }
}
