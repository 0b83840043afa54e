// A death told in the chat ("mẹ tôi mất rồi"). Condolences and what the family receives come
// first; the report to the commune (the date of death, then the officer) only when the family is
// ready, one tap away. A person from the hotline follows up either way.
// What the family receives (the rule and the numbers are data, with their legal basis):
//   social assistance — funeral support of at least 20 × the base level of the month of death
//   (Decree 20/2021, art. 11; see effects.ts); people with meritorious services — 3 months of the
//   allowance and a funeral allowance (Ordinance 02/2020). Payments stop from the month after the
//   death.
import type { z } from "zod";
import { btn, say, type TextRef } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { FUNERAL_MULTIPLE } from "../../../entitlements/eligibility.ts";
import { activePerson } from "../../address.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";
import { startChange } from "../change/index.ts";
import { withTicket } from "../hotline/index.ts";
import { DEATH, funeralSupport, type level } from "./effects.ts";

const NAME = DEATH;
const REPORT = "death:report";
const WHY = "death:why";
type Open = "told" | "report" | "why";
type Funeral = z.infer<typeof funeralSupport.result>["value"];

/** Only the programme of a linked person is known; for anyone else both answers are given. */
function receives(ctx: ChatContext, result: Funeral): TextRef[] {
  const programme = activePerson(ctx)?.programme;
  const btxh = btxhText(result);
  if (programme === "BTXH") return [btxh];
  if (programme === "NCC") return [say("chat:death.funeralNcc")];
  return [btxh, say("chat:death.funeralNcc")];
}

/** 20 × the base level of the month of death: said with that month when the date is known. */
function btxhText({ level: l, deathMonth }: Funeral): TextRef {
  if (!l) return say("chat:death.funeralBtxhRule");
  const amount = { vnd: l.amount * FUNERAL_MULTIPLE };
  if (!deathMonth) return say("chat:death.funeralBtxh", { amount });
  return say("chat:death.funeralBtxhMonth", {
    amount,
    base: { vnd: l.amount },
    month: `${deathMonth.slice(5, 7)}/${deathMonth.slice(0, 4)}`,
  });
}

function told(result: Funeral, ctx: ChatContext): Decision {
  const linked = activePerson(ctx) !== null;
  const answer = decision(null, [
    {
      text: [say("chat:death.sorry"), ...receives(ctx, result), say("chat:death.how"), say("chat:death.bring")],
      buttons: [
        ...(linked ? [[btn("chat:button.reportDeath", REPORT)]] : LINK_ROWS),
        [btn("chat:button.whyDeath", WHY)],
        BACK_ROW,
      ],
    },
  ]);
  return withTicket(answer, "death", ctx);
}

/**
 * After the report: the support was first said with today's level; when the month of death has
 * another level (a death before a raise), the family is told the amount for that month.
 */
function reported(result: Funeral, ctx: ChatContext): Decision {
  const { level: l, deathMonth, todayAmount } = result;
  if (!l || !deathMonth || l.amount === todayAmount || activePerson(ctx)?.programme === "NCC")
    return decision(null, []);
  return decision(null, [{ text: [btxhText(result)], buttons: [[btn("chat:button.whyDeath", WHY)], BACK_ROW] }]);
}

function why(result: z.infer<typeof level> | null): Decision {
  const rule = result
    ? say("chat:death.whyBtxh", {
        level: { vnd: result.amount },
        from: { date: result.effectiveFrom },
        basis: result.legalBasis,
        amount: { vnd: result.amount * FUNERAL_MULTIPLE },
      })
    : say("chat:death.funeralBtxhRule");
  return decision(null, [{ text: [rule, say("chat:death.whyNcc"), say("chat:death.stop")], buttons: [BACK_ROW] }]);
}

export const deathFlow = defineFlow<never, Open, z.infer<typeof funeralSupport.result>>({
  name: NAME,
  effects: [funeralSupport],
  opens: { buttons: { [REPORT]: "report", [WHY]: "why" }, intents: { report_death: "told" } },
  start(open, ctx) {
    if (open === "report") return startChange(ctx, "death");
    return decision(null, [], [funeralSupport.ask(NAME, { answer: open })]);
  },
  results: funeralSupport.result,
  onResult(_state, { value }, ctx) {
    if (value.answer === "why") return why(value.level);
    return value.answer === "reported" ? reported(value, ctx) : told(value, ctx);
  },
});
