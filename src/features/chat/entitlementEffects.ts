// The policy-based answers of the chat: why a month's amount is what it is, what a person may be
// entitled to, and the funeral support in force. The policy files are read once per brain.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { assessEligibility, eligibilityReplies, type EligibilityAnswers } from "../entitlements/eligibility.ts";
import { explainMonth, explanationReplies } from "../entitlements/explain.ts";
import type { Policy } from "../policy/loadPolicy.ts";
import { baseLevelFor } from "../policy/monthlyAmount.ts";
import { loadPayoutOverview } from "../payouts/repository.ts";
import type { ChatResult } from "./protocol.ts";
import type { EligibilityAnswersSoFar } from "./state.ts";

// Decree 20/2021, art. 11: funeral support for a social-assistance beneficiary is at least 20 times
// the base level in force.
const FUNERAL_MULTIPLE = 20;

/** Explains `month`, or without one the month of the next payout (else the last one). */
export async function explainFor(
  tx: Tx,
  ctx: ChatContext,
  policy: Policy,
  beneficiaryId: string,
  month: CalendarDate | null,
): Promise<Extract<ChatResult, { kind: "explanation" }>> {
  if (!ctx.links.some((l) => l.beneficiaryId === beneficiaryId)) return { kind: "explanation", replies: null };
  let which = month;
  if (!which) {
    const overview = await loadPayoutOverview(tx, beneficiaryId, ctx.today);
    which = overview?.next?.month ?? overview?.history[0]?.month ?? null;
  }
  if (!which) return { kind: "explanation", replies: null };
  return { kind: "explanation", replies: explanationReplies(await explainMonth(tx, policy, beneficiaryId, which)) };
}

export function guide(policy: Policy, a: EligibilityAnswersSoFar, today: CalendarDate): Extract<ChatResult, { kind: "eligibility" }> {
  const answers: EligibilityAnswers = {
    age: a.age ?? null,
    hasPension: a.hasPension ?? null,
    household: a.household ?? null,
    disability: a.disability ?? null,
    livesAlone: a.livesAlone ?? null,
    ncc: null,
  };
  return { kind: "eligibility", replies: eligibilityReplies(assessEligibility(policy, answers, today)) };
}

export function funeralSupport(policy: Policy, today: CalendarDate): Extract<ChatResult, { kind: "funeral" }> {
  const level = baseLevelFor(policy, "BTXH", today);
  return { kind: "funeral", btxhMinimum: level ? level.amount * FUNERAL_MULTIPLE : null };
}
