// A payout's situation in a few short lines, the answer first: today's delivery and its hours,
// money sent (to which account, on which day), a day passed with nothing reported, a failed
// transfer. Every text carries the person it is about (`title`, `name`), for the wording a relative
// reads ("nhà bác Phượng") instead of the one the person themself reads ("nhà Bác").
import { say, type TextParam, type TextRef } from "../../core/reply.ts";
import { monthParams } from "./monthParams.ts";
import { amountText, whenAndWhere } from "./nextPayoutText.ts";
import { isTransfer, type Situation } from "./payoutSituation.ts";
import type { PayoutView } from "./types.ts";

export type Who = { title: TextParam; name: string };

export function situationText(s: Situation, who: Who): TextRef[] {
  switch (s.kind) {
    case "today":
      return today(s.payout, s.over, who);
    case "paid":
      return paid(s.payout, who);
    case "pending": {
      const v = s.payout;
      const key =
        v.method === "CASH_POINT"
          ? "payouts:now.pendingCash"
          : v.method === "CASH_HOME"
            ? "payouts:now.pendingHome"
            : "payouts:now.pendingTransfer";
      return [
        say(key, { ...who, ...monthParams(v.month), date: { date: v.date ?? v.month } }),
        ...(v.method === "CASH_POINT" ? [say("payouts:todo.uncollected", who)] : []),
      ];
    }
    case "failed":
      return [
        say("payouts:now.failed", { ...who, ...monthParams(s.payout.month) }),
        ...(s.payout.note ? [say("payouts:todo.reason", { reason: s.payout.note })] : []),
        say("payouts:todo.failed", who),
      ];
    case "uncollected":
      return [
        say("payouts:now.uncollected", { ...who, ...monthParams(s.payout.month) }),
        say("payouts:todo.uncollected", who),
      ];
    case "upcoming":
      return [...whenAndWhere(s.payout, who), ...amountText(s.payout, who)];
    case "none":
      return [say("payouts:next.none", who)];
  }
}

function today(v: PayoutView, over: boolean, who: Who): TextRef[] {
  const date = { date: { date: v.date ?? v.month } };
  const hours =
    v.windowStart && v.windowEnd ? [say("payouts:next.window", { start: v.windowStart, end: v.windowEnd })] : [];
  if (v.method === "CASH_HOME")
    return [
      say("payouts:now.homeToday", { ...who, ...date }),
      ...hours,
      say(over ? "payouts:now.homeOver" : "payouts:next.homeStay", who),
    ];
  if (v.method === "CASH_POINT") {
    const place = v.place ? [say("payouts:next.place", { place: v.place.name, address: v.place.address })] : [];
    return [
      say("payouts:now.cashToday", { ...who, ...date }),
      ...hours,
      ...place,
      ...(over ? [say("payouts:now.cashOver", who)] : []),
    ];
  }
  const account = v.account
    ? { provider: v.account.provider, account: v.account.maskedNumber }
    : { provider: "", account: "" };
  return [
    say(v.account ? "payouts:now.transferToday" : "payouts:now.transferTodayNoAccount", {
      ...who,
      ...date,
      ...account,
    }),
    ...amountText(v, who),
  ];
}

function paid(v: PayoutView, who: Who): TextRef[] {
  const base = {
    ...who,
    ...monthParams(v.month),
    amount: { vnd: v.amount },
    date: { date: v.paidOn ?? v.date ?? v.month },
  };
  if (isTransfer(v)) {
    return v.account
      ? [
          say("payouts:now.paidTransfer", { ...base, provider: v.account.provider, account: v.account.maskedNumber }),
          say("payouts:now.checkAccount", { ...who, provider: v.account.provider }),
        ]
      : [say("payouts:now.paidTransferNoAccount", base)];
  }
  return [
    say("payouts:now.paidCash", base),
    ...(v.receivedBy ? [say("payouts:todo.receivedBy", { name: v.receivedBy })] : []),
  ];
}
