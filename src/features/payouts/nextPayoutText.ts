// The coming payout in a few short lines: when, at what time, where (or into which account, only
// its last digits), and how much. Each line is one idea, for people reading on a small phone.
import { say, type TextRef } from "../../core/reply.ts";
import { monthParams } from "./monthParams.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";

export function nextPayoutText(overview: PayoutOverview): TextRef[] {
  const next = overview.next;
  if (!next) return [say("payouts:next.none")];
  return [...whenAndWhere(next), ...amountText(next)];
}

export function whenAndWhere(v: PayoutView): TextRef[] {
  if (!v.date) return [say("payouts:next.noDate", monthParams(v.month))];
  const date = { date: { date: v.date } };
  const window = v.windowStart && v.windowEnd ? [say("payouts:next.window", { start: v.windowStart, end: v.windowEnd })] : [];
  switch (v.method) {
    case "CASH_POINT":
      return [
        say("payouts:next.cashDate", date),
        ...window,
        v.place ? say("payouts:next.place", { place: v.place.name, address: v.place.address }) : say("payouts:next.placeUnknown"),
      ];
    case "CASH_HOME":
      return [say("payouts:next.homeDate", date), ...window, say("payouts:next.homeStay")];
    case "BANK":
    case "EWALLET":
    case "MOBILE_MONEY":
      return v.account
        ? [say("payouts:next.transfer", { ...date, provider: v.account.provider, account: v.account.maskedNumber })]
        : [say("payouts:next.transferNoAccount", date)];
  }
}

export function amountText(v: PayoutView): TextRef[] {
  const out = [say("payouts:next.amount", { amount: { vnd: v.amount } })];
  if (v.carriedOver > 0) out.push(say("payouts:next.carried", { amount: { vnd: v.carriedOver } }));
  return out;
}
