// The policy-based answers of the chat: why a month's amount is what it is, what a person may be
// entitled to, and the funeral support in force. The policy comes from the database (see
// policy/policyStore.ts), so a change confirmed by officers is used by the next answer.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { z } from "zod";
import { firstOfMonth, fromDbDate, isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { assessEligibility, eligibilityReplies, FUNERAL_MULTIPLE, type EligibilityAnswers } from "../entitlements/eligibility.ts";
import { explainMonth, explanationReplies } from "../entitlements/explain.ts";
import type { Policy } from "../policy/policySchema.ts";
import { activePerson } from "./menu.ts";
import { baseLevelFor } from "../policy/monthlyAmount.ts";
import { loadPayoutOverview } from "../payouts/repository.ts";
import type { ChatResult } from "./protocol.ts";
import type { EligibilityAnswersSoFar } from "./state.ts";

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
  // Older stored answers: "a pension?" yes/no and "lives alone" (now the legal question on support).
  const legacyPension = a.hasPension === undefined ? null : a.hasPension ? "above" : "none";
  const answers: EligibilityAnswers = {
    age: a.age ?? null,
    pension: a.pension ?? legacyPension,
    household: a.household ?? null,
    disability: a.disability ?? null,
    hasSupporter: a.hasSupporter ?? (a.livesAlone === undefined ? null : !a.livesAlone),
    orphan: a.orphan ?? null,
    hiv: a.hiv ?? null,
    singleParent: a.singleParent ?? null,
    ncc: a.ncc ?? null,
  };
  return { kind: "eligibility", replies: eligibilityReplies(assessEligibility(policy, answers, today)) };
}

/**
 * Decree 20/2021, art. 11: at least 20 × the base level of the month of death. The date comes from
 * the record (a death the officer approved) or the death just reported in this chat.
 */
export async function funeralSupport(tx: Tx, ctx: ChatContext, policy: Policy): Promise<Extract<ChatResult, { kind: "funeral" }>> {
  const deathDay = await reportedDeath(tx, ctx);
  const month = firstOfMonth(deathDay ?? ctx.today);
  const level = baseLevelFor(policy, "BTXH", month);
  return {
    kind: "funeral",
    btxhMinimum: level ? level.amount * FUNERAL_MULTIPLE : null,
    baseLevel: level?.amount ?? null,
    deathMonth: deathDay ? month : null,
  };
}

const deathDraft = z.object({ draft: z.object({ what: z.literal("death"), date: z.string().refine(isCalendarDate) }) });

async function reportedDeath(tx: Tx, ctx: ChatContext): Promise<CalendarDate | null> {
  const person = activePerson(ctx);
  if (!person) return null;
  const record = await tx.beneficiary.findUnique({ where: { id: person.beneficiaryId }, select: { status: true, statusEffectiveOn: true } });
  if (record?.status === "DECEASED" && record.statusEffectiveOn) return fromDbDate(record.statusEffectiveOn);
  const request = await tx.changeRequest.findFirst({
    where: { beneficiaryId: person.beneficiaryId, kind: "DEATH", status: { in: ["PENDING", "APPROVED"] } },
    orderBy: { createdAt: "desc" },
    select: { data: true },
  });
  const parsed = deathDraft.safeParse(request?.data);
  return parsed.success ? parsed.data.draft.date : null;
}
