// Writes a confirmed change into the policy tables, marking the row as an officer's (so the
// shipped files never overwrite it) with who entered and who confirmed it.
import { AppError } from "../../core/errors.ts";
import { calendarDate } from "../../lib/calendarDate.ts";
import type { ChangeValue, ProposedChange } from "./changeSchema.ts";
import { amountRow, baseLevelRow, categoryRow, rateTableRow, resolutionRow } from "./policyRows.ts";
import type { PolicyTx } from "./policyVersion.ts";
import { readPolicy } from "./readPolicy.ts";

export interface Provenance {
  enteredBy: string;
  confirmedBy: string;
  confirmedAt: Date;
}

export async function applyChange(tx: PolicyTx, change: ProposedChange, who: Provenance): Promise<void> {
  const stamp = { origin: "OFFICER" as const, ...who };
  const v: ChangeValue | undefined = change.value;
  const target = change.target;
  switch (change.table) {
    case "BASE_LEVEL": {
      const old = target ? splitKey(target) : null;
      const where = old
        ? {
            programme_effectiveFrom: {
              programme: old[0] === "NCC" ? ("NCC" as const) : ("BTXH" as const),
              effectiveFrom: calendarDate(old[1]),
            },
          }
        : null;
      if (where) await tx.policyBaseLevel.deleteMany({ where: where.programme_effectiveFrom });
      if (v?.table === "BASE_LEVEL") await tx.policyBaseLevel.create({ data: { ...baseLevelRow(v.value), ...stamp } });
      return;
    }
    case "CATEGORY": {
      if (v?.table !== "CATEGORY")
        throw new AppError("bad_request", "a category is ended with an end date, not removed", {
          reason: "category_remove",
        });
      const existing = await tx.benefitCategory.findUnique({
        where: { code: v.value.code },
        include: { amounts: true },
      });
      const amounts = (existing?.amounts ?? []).map((a) => ({
        effectiveFrom: a.effectiveFrom.toISOString().slice(0, 10),
        coefficient: a.coefficient === null ? null : Number(a.coefficient.toString()),
        amount: a.amount,
        baseLevel: a.baseLevel,
        legalBasis: a.legalBasis,
        source: a.source,
        confirmed: a.confirmed,
      }));
      const data = { ...categoryRow(v.value, amounts), ...stamp };
      await tx.benefitCategory.upsert({
        where: { code: v.value.code },
        create: { code: v.value.code, ...data },
        update: data,
      });
      return;
    }
    case "CATEGORY_AMOUNT": {
      if (target) {
        const [code, key] = splitKey(target);
        await tx.policyCategoryAmount.deleteMany({ where: { category: { code }, key } });
      }
      if (v?.table === "CATEGORY_AMOUNT") {
        const { categoryCode, ...row } = v.value;
        const category = await tx.benefitCategory.findUnique({ where: { code: categoryCode }, select: { id: true } });
        if (!category)
          throw new AppError("bad_request", `unknown category ${categoryCode}`, { reason: "unknown_category" });
        await tx.policyCategoryAmount.create({ data: { categoryId: category.id, ...amountRow(row), ...stamp } });
      }
      await refreshCategoryColumns(
        tx,
        v?.table === "CATEGORY_AMOUNT" ? v.value.categoryCode : splitKey(target ?? "")[0],
      );
      return;
    }
    case "RATE_TABLE": {
      if (target) {
        const [code, level] = splitKey(target);
        await tx.policyRateTable.deleteMany({ where: { code, baseLevel: Number(level) } });
      }
      if (v?.table === "RATE_TABLE") {
        await tx.policyRateTable.create({
          data: {
            ...rateTableRow(v.value),
            ...stamp,
            rows: { create: v.value.rows.map((r) => ({ rate: r.rate, amount: r.amount })) },
          },
        });
      }
      return;
    }
    case "RESOLUTION": {
      if (target) {
        if (v?.table === "RESOLUTION") {
          const { id: _id, ...row } = v.value;
          await tx.provincialResolution.update({ where: { id: target }, data: { ...resolutionRow(row), ...stamp } });
        } else {
          await tx.provincialResolution.delete({ where: { id: target } });
        }
      } else if (v?.table === "RESOLUTION") {
        const { id: _id, ...row } = v.value;
        await tx.provincialResolution.create({ data: { ...resolutionRow(row), ...stamp } });
      }
      return;
    }
  }
}

/** "BTXH:2026-07-01" → ["BTXH", "2026-07-01"]; the code part never holds a colon. */
function splitKey(key: string): [string, string] {
  const i = key.indexOf(":");
  return i < 0 ? [key, ""] : [key.slice(0, i), key.slice(i + 1)];
}

/** The category's one-number columns follow its latest confirmed amount. */
async function refreshCategoryColumns(tx: PolicyTx, code: string): Promise<void> {
  const { policy } = await readPolicy(tx);
  const c = policy.categories.find((x) => x.code === code);
  if (!c) return;
  const { amounts, ...own } = c;
  const row = categoryRow(own, amounts);
  await tx.benefitCategory.update({
    where: { code },
    data: { coefficient: row.coefficient, fixedAmount: row.fixedAmount },
  });
}
