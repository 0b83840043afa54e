// "Tôi chưa nhận được": the button under the notice that tells a person their money was paid to
// someone else (an authorised relative). Pressing it opens an urgent hotline ticket through
// reportNotReceived, the one function every channel uses. Only the person themself (a chat linked
// as SELF to that payout's owner) can press it to effect; a question in progress stays open.
import { z } from "zod";
import type { Prisma } from "../../../../generated/prisma/client.ts";
import { say } from "../../../../core/reply.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { NOT_RECEIVED_PREFIX } from "../../../notifications/noticeReply.ts";
import { latestPaidToSomeoneElse, reportNotReceived } from "../../../payouts/notReceived.ts";
import { BACK_ROW } from "../../kit.ts";

const NAME = "notReceived";
/** The button data's payout part when the person typed it: their latest payout paid to someone else. */
export const LATEST = "latest";
export const NOT_RECEIVED_LATEST = `${NOT_RECEIVED_PREFIX}${LATEST}`;

const report = defineEffect({
  kind: "reportNotReceived",
  payload: { payoutId: z.string().max(64) },
  output: z.object({ outcome: z.enum(["opened", "already", "notApplicable"]), ticketNumber: z.number().int() }),
  async perform(tx, { payoutId }, ctx) {
    const payout = await ownPayout(tx, payoutId, ctx.links, ctx.now);
    if (!payout) return { outcome: "notApplicable" as const, ticketNumber: 0 };
    const r = await reportNotReceived(tx, {
      beneficiaryId: payout.beneficiaryId,
      payoutId: payout.id,
      channel: ctx.channel,
      identityId: ctx.identityId,
      now: ctx.now,
      times: {
        workingHours: ctx.settings.hotlineWorkingHours,
        firstResponseMinutes: ctx.settings.hotlineFirstResponseMinutes,
      },
    });
    return r.outcome === "notApplicable" ? { outcome: r.outcome, ticketNumber: 0 } : r;
  },
});

/**
 * The payout the report is about, when the chat is linked as the person themself: the one under the
 * notice, or — typed rather than pressed (an SMS keyword) — their latest payout paid to someone else.
 */
async function ownPayout(
  tx: Prisma.TransactionClient,
  payoutId: string,
  links: readonly { role: string; beneficiaryId: string }[],
  now: Date,
): Promise<{ id: string; beneficiaryId: string } | null> {
  if (payoutId === LATEST) {
    const self = links.find((l) => l.role === "SELF");
    const id = self ? await latestPaidToSomeoneElse(tx, self.beneficiaryId, now) : null;
    return self && id ? { id, beneficiaryId: self.beneficiaryId } : null;
  }
  const payout = await tx.payout.findUnique({ where: { id: payoutId }, select: { id: true, beneficiaryId: true } });
  const own = payout && links.some((l) => l.role === "SELF" && l.beneficiaryId === payout.beneficiaryId);
  return own ? payout : null;
}

export const notReceivedFlow = defineFlow<never, { payoutId: string }, z.infer<typeof report.result>>({
  name: NAME,
  effects: [report],
  opens: {
    prefixes: [
      {
        prefix: NOT_RECEIVED_PREFIX,
        read: (rest) => (/^[0-9a-zA-Z-]{1,64}$/.test(rest) ? { payoutId: rest } : null),
      },
    ],
  },
  start: ({ payoutId }, _ctx, at) => decision(at.active?.state ?? null, [], [report.ask(NAME, { payoutId })]),
  results: report.result,
  onResult: (_state, { value }, _ctx, current) => {
    if (value.outcome === "notApplicable")
      return decision(current, [{ text: [say("notices:notReceived.notApplicable")], buttons: [BACK_ROW] }]);
    const first = say(`notices:notReceived.${value.outcome}`, { number: value.ticketNumber });
    return decision(current, [{ text: [first, say("notices:notReceived.callBack")], buttons: [BACK_ROW] }]);
  },
});
