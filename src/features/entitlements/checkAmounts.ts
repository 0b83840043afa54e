// The officer's check before (or after) a payout: every payout of a month whose monthly allowance
// differs from what the policy says for that person, with a guess at why, so a list sent to the
// payment service with an old base level or a wrong category is caught by the commune.
import { AppError } from "../../core/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import type { Policy } from "../policy/policySchema.ts";
import { entitlementFor } from "./entitlementFor.ts";
import { guessReason, type ReasonGuess } from "./guessReason.ts";
import { loadPaidMonths, loadSubjects, regularAmount, type EntitlementReader } from "./subject.ts";

export interface AmountCheckRow {
  beneficiaryId: string;
  fullName: string;
  personalIdMasked: string;
  commune: { id: string; code: string; name: string };
  expected: number;
  paid: number;
  /** Paid minus expected: positive when too much was paid. */
  difference: number;
  reason: ReasonGuess;
}

export interface AmountCheckResult {
  month: CalendarDate;
  /** Payouts compared with the policy. */
  checked: number;
  rows: AmountCheckRow[];
  /** Payouts the policy data cannot price (e.g. a rate table not yet entered for that base level). */
  unpriced: { beneficiaryId: string; fullName: string; personalIdMasked: string; paid: number }[];
}

/** `month` is "YYYY-MM" or "YYYY-MM-01"; `communeIds` null means every commune. */
export async function checkAmounts(
  prisma: EntitlementReader & Pick<PrismaClient, "commune">,
  policy: Policy,
  o: { month: string; communeIds: string[] | null },
): Promise<AmountCheckResult> {
  const month = o.month.length === 7 ? `${o.month}-01` : o.month;
  if (!isCalendarDate(month) || !month.endsWith("-01")) {
    throw new AppError("bad_request", `not a month: ${o.month}`, { reason: "bad_month" });
  }
  const payouts = await loadPaidMonths(prisma, { communeIds: o.communeIds, months: [month] });
  const ids = [...payouts.keys()].map((k) => k.slice(0, k.indexOf(":")));
  const subjects = ids.length ? await loadSubjects(prisma, { ids }) : [];
  const communes = await prisma.commune.findMany({
    where: { id: { in: [...new Set(subjects.map((s) => s.communeId))] } },
    select: { id: true, code: true, name: true },
  });
  const communeOf = new Map(communes.map((c) => [c.id, c]));

  const rows: AmountCheckRow[] = [];
  const unpriced: AmountCheckResult["unpriced"] = [];
  for (const subject of subjects) {
    const paidMonth = payouts.get(`${subject.id}:${month}`);
    if (!paidMonth) continue;
    const paid = regularAmount(paidMonth);
    const entitlement = entitlementFor(policy, subject, month);
    if (entitlement.state === "noPolicy") {
      unpriced.push({ beneficiaryId: subject.id, fullName: subject.fullName, personalIdMasked: subject.personalIdMasked, paid });
      continue;
    }
    const expected = entitlement.state === "entitled" ? entitlement.total : 0;
    if (paid === expected) continue;
    const commune = communeOf.get(subject.communeId) ?? { id: subject.communeId, code: "", name: "" };
    rows.push({
      beneficiaryId: subject.id,
      fullName: subject.fullName,
      personalIdMasked: subject.personalIdMasked,
      commune,
      expected,
      paid,
      difference: paid - expected,
      reason: guessReason(policy, subject, month, entitlement, paid),
    });
  }
  const byName = (a: { fullName: string }, b: { fullName: string }) => a.fullName.localeCompare(b.fullName, "vi");
  rows.sort((a, b) => a.commune.name.localeCompare(b.commune.name, "vi") || byName(a, b));
  unpriced.sort(byName);
  return { month, checked: subjects.length - unpriced.length, rows, unpriced };
}
