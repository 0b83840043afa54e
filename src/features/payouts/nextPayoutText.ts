// The coming payout in a few short lines: when, at what time, where (or into which account, only
// its last digits), and how much. Each line is one idea, for people reading on a small phone.
// `who` names the person it is about, for the wording a relative reads.
import { say, type TextRef } from "../../core/reply.ts";
import { monthParams } from "./monthParams.ts";
import type { Who } from "./situationText.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";

export function nextPayoutText(overview: PayoutOverview, who: Who): TextRef[] {
  const next = overview.next;
  if (!next) return [say("payouts:next.none", who)];
  return [...whenAndWhere(next, who), ...amountText(next, who)];
}

export function whenAndWhere(v: PayoutView, who: Who): TextRef[] {
  if (!v.date) return [say("payouts:next.noDate", { ...who, ...monthParams(v.month) })];
  const date = { ...who, date: { date: v.date } };
  const window =
    v.windowStart && v.windowEnd ? [say("payouts:next.window", { start: v.windowStart, end: v.windowEnd })] : [];
  switch (v.method) {
    case "CASH_POINT":
      return [
        say("payouts:next.cashDate", date),
        ...window,
        v.place
          ? say("payouts:next.place", { place: v.place.name, address: v.place.address })
          : say("payouts:next.placeUnknown"),
      ];
    case "CASH_HOME":
      return [say("payouts:next.homeDate", date), ...window, say("payouts:next.homeStay", who)];
    case "BANK":
    case "EWALLET":
    case "MOBILE_MONEY":
      return v.account
        ? [say("payouts:next.transfer", { ...date, provider: v.account.provider, account: v.account.maskedNumber })]
        : [say("payouts:next.transferNoAccount", date)];
  }
}

export function amountText(v: PayoutView, who: Who): TextRef[] {
  const out = [say("payouts:next.amount", { amount: { vnd: v.amount } })];
  if (v.carriedOver > 0) out.push(say("payouts:next.carried", { ...who, amount: { vnd: v.carriedOver } }));
  return out;
}
