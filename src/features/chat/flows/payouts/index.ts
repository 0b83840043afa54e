// Payout answers in the chat: the next payout, the amount (with "Vì sao?"), the last months and
// what happened to money that has not come. Someone not linked gets how payouts work, with the
// amounts in force, and the ways to link.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { isCalendarDate } from "../../../../lib/calendarDate.ts";
import { activePerson, contact } from "../../address.ts";
import { BUTTON, WHY_PREFIX } from "../../commands.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";
import { menu } from "../menu/replies.ts";
import { explainAmount, loadPayouts, loadRates, type PayoutTopic } from "./effects.ts";
import { payoutAnswer } from "./replies.ts";

const NAME = "payouts";

type Open = { topic: PayoutTopic } | { why: string | null } | "rules";

const results = z.discriminatedUnion("kind", [loadPayouts.result, explainAmount.result, loadRates.result]);
type Results = z.infer<typeof results>;

function open(o: Open, ctx: ChatContext): Decision {
  const active = activePerson(ctx);
  const rates = decision(null, [], [loadRates.ask(NAME, {})]);
  if (o === "rules") return rates;
  if ("topic" in o) {
    if (!active) return o.topic === "amount" ? rates : decision(null, [generalRules(o.topic)]);
    return decision(null, [], [loadPayouts.ask(NAME, { beneficiaryId: active.beneficiaryId, topic: o.topic })]);
  }
  if (!active) return rates;
  return decision(null, [], [explainAmount.ask(NAME, { beneficiaryId: active.beneficiaryId, month: o.why })]);
}

/** For someone not linked yet: how payouts work, without any personal data. */
function generalRules(topic: PayoutTopic): Reply {
  const text =
    topic === "missing"
      ? [say("payouts:missed.carry"), say("payouts:missed.suspend"), say("payouts:general.link")]
      : [say("payouts:general.monthly"), say("payouts:general.ways"), say("payouts:general.link")];
  return { text, buttons: [...LINK_ROWS, BACK_ROW] };
}

function onResult(result: Results, ctx: ChatContext): Decision {
  switch (result.kind) {
    case "loadPayouts":
      return result.value.overview
        ? payoutAnswer(result.value.topic, result.value.overview, ctx)
        : decision(null, [menu(ctx)]);
    case "explainMonth": {
      const replies = result.value;
      if (!replies || replies.length === 0)
        return decision(null, [{ text: [say("payouts:why.none"), contact(ctx)], buttons: [BACK_ROW] }]);
      const last = replies.at(-1);
      return decision(null, [
        ...replies.slice(0, -1),
        ...(last ? [{ ...last, buttons: [...(last.buttons ?? []), BACK_ROW] }] : []),
      ]);
    }
    case "loadRates": {
      const { btxh, reported } = result.value;
      // The amount is the commune's list for each person: here only the rule and the level in force.
      const level = btxh
        ? [say("payouts:rates.btxh", { amount: { vnd: btxh.amount }, from: { date: btxh.effectiveFrom } })]
        : [say("payouts:rates.unknown")];
      const news = reported
        ? [say("payouts:rates.reported", { amount: { vnd: reported.amount }, from: { date: reported.effectiveFrom } })]
        : [];
      return decision(null, [
        {
          text: [...level, say("payouts:rates.coefficient"), ...news, say("payouts:rates.yours")],
          buttons: [[btn("chat:button.eligibility", BUTTON.eligibility)], ...LINK_ROWS, BACK_ROW],
        },
      ]);
    }
  }
}

export const payoutsFlow = defineFlow<never, Open, Results>({
  name: NAME,
  effects: [loadPayouts, explainAmount, loadRates],
  opens: {
    buttons: {
      [BUTTON.nextPayout]: { topic: "next" },
      [BUTTON.amount]: { topic: "amount" },
      [BUTTON.history]: { topic: "history" },
      [BUTTON.missing]: { topic: "missing" },
    },
    prefixes: [{ prefix: WHY_PREFIX, read: (month) => (isCalendarDate(month) ? { why: month } : null) }],
    intents: {
      payout_schedule: { topic: "next" },
      payout_amount: { topic: "amount" },
      payout_explain: { why: null },
      payout_missing: { topic: "missing" },
    },
  },
  start: (o, ctx) => open(o, ctx),
  results,
  onResult: (_state, result, ctx) => onResult(result, ctx),
});
