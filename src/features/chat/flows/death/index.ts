// A death told in the chat ("mẹ tôi mất rồi"). Condolences and what the family receives come
// first; the report to the commune (the date of death, then the officer) only when the family is
// ready, one tap away. A person from the hotline follows up either way.
// What the family receives (the rule and the numbers are data, with their legal basis):
//   social assistance — funeral support of at least 20 × the base level in force (Decree 20/2021,
//   art. 11); people with meritorious services — 3 months of the allowance and a funeral allowance
//   (Ordinance 02/2020). Payments stop from the month after the death.
import { z } from "zod";
import { btn, say, type TextRef } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { baseLevelFor } from "../../../policy/monthlyAmount.ts";
import { activePerson } from "../../address.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";
import { startChange } from "../change/index.ts";
import { withTicket } from "../hotline/index.ts";

const NAME = "death";
const REPORT = "death:report";
const WHY = "death:why";
// Decree 20/2021, art. 11: at least 20 times the base level in force.
const FUNERAL_MULTIPLE = 20;

const level = z.object({ amount: z.number().int(), effectiveFrom: z.string(), legalBasis: z.string() });

const funeralSupport = defineEffect({
  kind: "funeralSupport",
  payload: { why: z.boolean() },
  output: z.object({ why: z.boolean(), level: level.nullable() }),
  async perform(_tx, { why }, ctx, deps) {
    const l = baseLevelFor(await deps.policy(), "BTXH", ctx.today);
    return { why, level: l ? { amount: l.amount, effectiveFrom: l.effectiveFrom, legalBasis: l.legalBasis } : null };
  },
});

type Open = "told" | "report" | "why";

/** Only the programme of a linked person is known; for anyone else both answers are given. */
function receives(ctx: ChatContext, minimum: number | null): TextRef[] {
  const programme = activePerson(ctx)?.programme;
  const btxh = minimum === null ? say("chat:death.funeralBtxhRule") : say("chat:death.funeralBtxh", { amount: { vnd: minimum } });
  if (programme === "BTXH") return [btxh];
  if (programme === "NCC") return [say("chat:death.funeralNcc")];
  return [btxh, say("chat:death.funeralNcc")];
}

function told(result: z.infer<typeof level> | null, ctx: ChatContext): Decision {
  const linked = activePerson(ctx) !== null;
  const minimum = result ? result.amount * FUNERAL_MULTIPLE : null;
  const answer = decision(null, [
    {
      text: [say("chat:death.sorry"), ...receives(ctx, minimum), say("chat:death.how"), say("chat:death.bring")],
      buttons: [...(linked ? [[btn("chat:button.reportDeath", REPORT)]] : LINK_ROWS), [btn("chat:button.whyDeath", WHY)], BACK_ROW],
    },
  ]);
  return withTicket(answer, "death", ctx);
}

function why(result: z.infer<typeof level> | null): Decision {
  const rule = result
    ? say("chat:death.whyBtxh", { level: { vnd: result.amount }, from: { date: result.effectiveFrom }, basis: result.legalBasis, amount: { vnd: result.amount * FUNERAL_MULTIPLE } })
    : say("chat:death.funeralBtxhRule");
  return decision(null, [{ text: [rule, say("chat:death.whyNcc"), say("chat:death.stop")], buttons: [BACK_ROW] }]);
}

export const deathFlow = defineFlow<never, Open, z.infer<typeof funeralSupport.result>>({
  name: NAME,
  effects: [funeralSupport],
  opens: { buttons: { [REPORT]: "report", [WHY]: "why" }, intents: { report_death: "told" } },
  start(open, ctx) {
    if (open === "report") return startChange(ctx, "death");
    return decision(null, [], [funeralSupport.ask(NAME, { why: open === "why" })]);
  },
  results: funeralSupport.result,
  onResult: (_state, result, ctx) => (result.value.why ? why(result.value.level) : told(result.value.level, ctx)),
});
