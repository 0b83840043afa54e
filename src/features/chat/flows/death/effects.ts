// The funeral support a family receives: Decree 20/2021, art. 11 — at least 20 × the base level of
// the month of death. The date comes from the record (a death the officer approved) or the death
// reported in this chat; when neither is known yet, the level in force today is used.
// `answer`: what the death flow says with it — the first answer to a death told ("told"), the rule
// behind it ("why"), or, once the report with the date is sent, the amount for that month when it
// is not what was said before ("reported").
import { z } from "zod";
import type { ChatContext, Tx } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { firstOfMonth, fromDbDate, isCalendarDate, type CalendarDate } from "../../../../lib/calendarDate.ts";
import { baseLevelFor } from "../../../policy/monthlyAmount.ts";
import { activePerson } from "../../address.ts";

/** The death flow's name: its answers come back to it. */
export const DEATH = "death";
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const level = z.object({ amount: z.number().int(), effectiveFrom: z.string(), legalBasis: z.string() });

export const funeralSupport = defineEffect({
  kind: "funeralSupport",
  payload: { answer: z.enum(["told", "why", "reported"]) },
  output: z.object({
    answer: z.enum(["told", "why", "reported"]),
    level: level.nullable(),
    /** The first day of the month of death, when the date is known. */
    deathMonth: date.nullable(),
    /** The level in force today: what a death told before its date was known was answered with. */
    todayAmount: z.number().int().nullable(),
  }),
  async perform(tx, { answer }, ctx, deps) {
    const policy = await deps.policy(tx);
    const deathDay = await reportedDeath(tx, ctx);
    const month = firstOfMonth(deathDay ?? ctx.today);
    const l = baseLevelFor(policy, "BTXH", month);
    return {
      answer,
      level: l ? { amount: l.amount, effectiveFrom: l.effectiveFrom, legalBasis: l.legalBasis } : null,
      deathMonth: deathDay ? month : null,
      todayAmount: baseLevelFor(policy, "BTXH", firstOfMonth(ctx.today))?.amount ?? null,
    };
  },
});

const deathDraft = z.object({ draft: z.object({ what: z.literal("death"), date: z.string().refine(isCalendarDate) }) });

async function reportedDeath(tx: Tx, ctx: ChatContext): Promise<CalendarDate | null> {
  const person = activePerson(ctx);
  if (!person) return null;
  const record = await tx.beneficiary.findUnique({
    where: { id: person.beneficiaryId },
    select: { status: true, statusEffectiveOn: true },
  });
  if (record?.status === "DECEASED" && record.statusEffectiveOn) return fromDbDate(record.statusEffectiveOn);
  const request = await tx.changeRequest.findFirst({
    where: { beneficiaryId: person.beneficiaryId, kind: "DEATH", status: { in: ["PENDING", "APPROVED"] } },
    orderBy: { createdAt: "desc" },
    select: { data: true },
  });
  const parsed = deathDraft.safeParse(request?.data);
  return parsed.success ? parsed.data.draft.date : null;
}

/** Asked for by the report of a death once it is sent: the support for the month of death. */
export const afterDeathReport = () => funeralSupport.ask(DEATH, { answer: "reported" });
