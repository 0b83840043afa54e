// What the payout answers read: one person's payouts, the explanation of a month's amount, and
// the base levels in force for someone not linked yet. Only people this chat is linked to.
import { z } from "zod";
import { reply } from "../../../../core/reply.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { explainMonth, explanationReplies } from "../../../entitlements/explain.ts";
import { loadPayoutOverview } from "../../../payouts/repository.ts";
import { payoutOverviewSchema } from "../../../payouts/types.ts";
import { baseLevelFor } from "../../../policy/monthlyAmount.ts";

const id = z.string().min(1).max(64);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TOPICS = ["next", "amount", "history", "missing"] as const;
export type PayoutTopic = (typeof TOPICS)[number];

export const loadPayouts = defineEffect({
  kind: "loadPayouts",
  payload: { beneficiaryId: id, topic: z.enum(TOPICS) },
  output: z.object({ topic: z.enum(TOPICS), overview: payoutOverviewSchema.nullable() }),
  async perform(tx, { beneficiaryId, topic }, ctx) {
    // A button may outlive its link: only someone this chat is linked to.
    if (!ctx.links.some((l) => l.beneficiaryId === beneficiaryId)) return { topic, overview: null };
    return { topic, overview: await loadPayoutOverview(tx, beneficiaryId, ctx.today) };
  },
});

/** Why a month's amount is what it is; without a month, the month of the next (or last) payout. */
export const explainAmount = defineEffect({
  kind: "explainMonth",
  payload: { beneficiaryId: id, month: date.nullable() },
  output: z.array(reply).nullable(),
  async perform(tx, { beneficiaryId, month }, ctx, deps) {
    if (!ctx.links.some((l) => l.beneficiaryId === beneficiaryId)) return null;
    let which = month;
    if (!which) {
      const overview = await loadPayoutOverview(tx, beneficiaryId, ctx.today);
      which = overview?.next?.month ?? overview?.history[0]?.month ?? null;
    }
    if (!which) return null;
    return explanationReplies(await explainMonth(tx, await deps.policy(tx), beneficiaryId, which));
  },
});

const level = z.object({ amount: z.number().int(), effectiveFrom: date, legalBasis: z.string() });

/**
 * The base levels (mức chuẩn) in force today, confirmed, and a newer one reported but not yet
 * confirmed by an officer (it is told as such, never as paid).
 */
export const loadRates = defineEffect({
  kind: "loadRates",
  payload: {},
  output: z.object({ btxh: level.nullable(), ncc: level.nullable(), reported: level.nullable() }),
  async perform(tx, _p, ctx, deps) {
    const policy = await deps.policy(tx);
    const pick = (l: { amount: number; effectiveFrom: string; legalBasis: string } | null) =>
      l ? { amount: l.amount, effectiveFrom: l.effectiveFrom, legalBasis: l.legalBasis } : null;
    const btxh = baseLevelFor(policy, "BTXH", ctx.today);
    const newest = baseLevelFor(policy, "BTXH", ctx.today, true);
    return {
      btxh: pick(btxh),
      ncc: pick(baseLevelFor(policy, "NCC", ctx.today)),
      reported: newest && newest !== btxh ? pick(newest) : null,
    };
  },
});
