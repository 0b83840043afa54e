// The admin's figure on the results dashboard: how many payouts of the month match no confirmed
// level (a real difference, a level the data lacks, or an amount the data cannot compute), so a
// policy table left behind by a new decree shows before people ask.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { Policy } from "../policy/policySchema.ts";
import { matchesNoConfirmedLevel } from "./assessPayout.ts";
import { assessMonth } from "./checkAmounts.ts";
import type { EntitlementReader } from "./subject.ts";

export interface UnmatchedPayouts {
  month: CalendarDate;
  payouts: number;
  unmatched: number;
  /** Of which: matching a level the data lacks, cannot be computed, really different. */
  outdated: number;
  unpriced: number;
  mismatched: number;
}

export async function unmatchedPayouts(
  prisma: EntitlementReader & Pick<PrismaClient, "commune">,
  policy: Policy,
  month: CalendarDate,
  communeIds: string[] | null,
): Promise<UnmatchedPayouts> {
  const assessed = await assessMonth(prisma, policy, month, communeIds);
  const count = (kind: string) => assessed.filter((a) => a.verdict.kind === kind).length;
  return {
    month,
    payouts: assessed.length,
    unmatched: assessed.filter((a) => matchesNoConfirmedLevel(a.verdict)).length,
    outdated: count("otherLevel"),
    unpriced: count("cannotCompute"),
    mismatched: count("mismatch"),
  };
}
