// Compares the checked rows of a file with the database, by kind of list.
import type { AreaInput } from "./areaRows.ts";
import { areaPlan } from "./areaPlan.ts";
import { beneficiaryPlan, type OutsideAnswer } from "./beneficiaryPlan.ts";
import type { BeneficiaryInput } from "./beneficiaryRows.ts";
import type { CheckSummary, CheckedInput } from "./checkFile.ts";
import { payoutPlan } from "./payoutPlan.ts";
import type { PayoutInput } from "./payoutRows.ts";
import { buildReference, type ReferenceData } from "./reference.ts";
import type { I18n } from "../../core/i18n.ts";
import type { ImportDeps, ImportInput } from "./service.ts";
import type { ImportPlan } from "./types.ts";

export async function buildPlan(
  deps: ImportDeps,
  input: ImportInput,
  reference: ReferenceData,
  rows: CheckedInput[],
  summary: CheckSummary,
): Promise<ImportPlan & { outside: OutsideAnswer[] }> {
  const t = deps.i18n.t("vi");
  const label = (field: string) => t(`imports:fields.${field}`);
  const idColumn = (sheet: string | null) => idColumnOf(summary, sheet, deps.i18n);
  const total = summary.rows;
  if (input.kind === "areas") {
    return { ...(await areaPlan(deps.prisma, { rows: rows.filter(isArea), total, column: label })), outside: [] };
  }
  const ref = buildReference(reference);
  if (input.kind === "beneficiaries") {
    return beneficiaryPlan(deps.prisma, ref, {
      rows: rows.filter(isBeneficiary),
      idColumn,
      total,
      dryRun: input.dryRun,
    });
  }
  // A masked ID is looked for in the commune its sheet's title names (or the first sheet's), when one does.
  const communeHints = new Map<string | null, string>();
  for (const s of summary.sheets) {
    const id = s.titleCommune ? reference.communes.find((c) => c.name === s.titleCommune)?.id : undefined;
    if (id) communeHints.set(s.name, id);
  }
  const plan = await payoutPlan(deps.prisma, ref, {
    rows: rows.filter(isPayout),
    idColumn,
    total,
    lineLabels: {
      MONTHLY: t("imports:monthlyLine"),
      SUPPLEMENT: t("imports:fields.partSupplement"),
      CARRIED_OVER: t("imports:fields.partCarriedOver"),
      BACK_PAY: t("imports:fields.partBackPay"),
      GIFT: t("imports:fields.partGift"),
      ONE_OFF: t("imports:lineOneOff"),
      DEDUCTION: t("imports:fields.partDeduction"),
    },
    communeHints,
    label,
  });
  return { ...plan, outside: [] };
}

/** Where a sheet holds the personal IDs, as the officer titled the column (for reports). */
export function idColumnOf(
  summary: CheckSummary,
  sheet: string | null,
  i18n: I18n,
): { header: string; letter?: string } {
  const s = summary.sheets.find((x) => x.name === sheet && x.status === "read");
  return s?.idColumn ?? { header: i18n.t("vi")("imports:fields.personalId") };
}

export function isBeneficiary(r: CheckedInput): r is BeneficiaryInput {
  return "dateOfBirth" in r;
}
function isPayout(r: CheckedInput): r is PayoutInput {
  return "month" in r;
}
function isArea(r: CheckedInput): r is AreaInput {
  return "communeCode" in r;
}
