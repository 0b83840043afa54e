// Payout answers, the answer first and in one bubble: the day (or what happened to the latest
// money), the amount with "Vì sao?" behind it, the last months, and what to do about money that
// has not come. A relative reads them about the person they represent ("nhà bác Phượng").
import { btn, say, type Button, type Reply, type TextRef } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, type Decision } from "../../../../conversation/flow.ts";
import { todayInVietnam } from "../../../../lib/calendarDate.ts";
import { historyText } from "../../../payouts/historyText.ts";
import { monthParams } from "../../../payouts/monthParams.ts";
import { amountText, nextPayoutText, whenAndWhere } from "../../../payouts/nextPayoutText.ts";
import { shouldHaveCome, situation, type Situation } from "../../../payouts/payoutSituation.ts";
import { situationText, type Who } from "../../../payouts/situationText.ts";
import type { PayoutOverview } from "../../../payouts/types.ts";
import { elderParams } from "../../address.ts";
import { BUTTON, WHY_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { withTicket } from "../hotline/index.ts";
import type { PayoutTopic } from "./effects.ts";

/** Money paid this recently is still "the latest news" when someone asks about the next payout. */
const RECENT_DAYS = 10;

export function payoutAnswer(topic: PayoutTopic, o: PayoutOverview, ctx: ChatContext): Decision {
  const who = elderParams(o);
  const note =
    o.status === "ACTIVE" ? [] : [say("payouts:statusNote", { ...who, status: { key: `chat:status.${o.status}` } })];
  switch (topic) {
    case "next":
      return decision(null, [{ text: [...note, ...nextText(o, ctx, who)], buttons: nextButtons(o) }]);
    case "amount":
      return decision(null, [amountReply(o, note, who)]);
    case "history":
      return decision(null, [
        {
          text: [...note, ...historyText(o, who)],
          buttons: [[btn("chat:button.nextPayout", BUTTON.nextPayout)], BACK_ROW],
        },
      ]);
    case "missing":
      return missing(o, note, ctx, who);
  }
}

/** The next payout; first what happened to the latest money when that is news (today, just paid, late). */
function nextText(o: PayoutOverview, ctx: ChatContext, who: Who): TextRef[] {
  const s = situation(o, ctx.now);
  if (s.kind === "today") return [...situationText(s, who), ...(isTransferToday(s) ? [] : amountText(s.payout, who))];
  const lead = isNews(s, ctx) ? situationText(s, who) : [];
  return [...lead, ...nextPayoutText(o, who)];
}

function isTransferToday(s: Extract<Situation, { kind: "today" }>): boolean {
  return s.payout.method !== "CASH_HOME" && s.payout.method !== "CASH_POINT";
}

function isNews(s: Situation, ctx: ChatContext): boolean {
  if (s.kind === "pending" || s.kind === "failed") return true;
  if (s.kind !== "paid") return false;
  const day = s.payout.paidOn ?? s.payout.date;
  return day !== null && day >= addDays(todayInVietnam(ctx.now), -RECENT_DAYS);
}

function nextButtons(o: PayoutOverview): Button[][] {
  const rows: Button[][] = [];
  const month = o.next?.month ?? o.history[0]?.month;
  if (month) rows.push([btn("chat:button.why", `${WHY_PREFIX}${month}`)]);
  rows.push([btn("chat:button.missing", BUTTON.missing)]);
  if (o.next?.method === "CASH_POINT") rows.push([btn("chat:button.documents", BUTTON.documents)]);
  return [...rows, BACK_ROW];
}

function amountReply(o: PayoutOverview, note: TextRef[], who: Who): Reply {
  const payout = o.next ?? o.history[0] ?? null;
  if (!payout) return { text: [...note, say("payouts:amount.none", who)], buttons: [BACK_ROW] };
  const which = payout === o.next ? "payouts:amount.next" : "payouts:amount.last";
  return {
    text: [
      ...note,
      say(which, { ...who, ...monthParams(payout.month), amount: { vnd: payout.amount } }),
      ...amountText(payout, who).slice(1),
    ],
    buttons: [
      [btn("chat:button.why", `${WHY_PREFIX}${payout.month}`)],
      [btn("chat:button.nextPayout", BUTTON.nextPayout)],
      BACK_ROW,
    ],
  };
}

/**
 * "Chưa thấy tiền": what happened to the money, from its status, method, day and hours. When it
 * should have come by now, a person looks into it (a ticket, opened by itself); before its time,
 * the day and hours it comes; not collected, that it carries over (and, for social assistance,
 * that 3 months running may suspend it).
 */
function missing(o: PayoutOverview, note: TextRef[], ctx: ChatContext, who: Who): Decision {
  const s = situation(o, ctx.now);
  const text =
    s.kind === "upcoming" ? [say("payouts:now.notDue", who), ...whenAndWhere(s.payout, who)] : situationText(s, who);
  // Circular 02/2021 art. 2.3.a: a social-assistance allowance not collected 3 months running may
  // be suspended; meritorious-services allowances are not.
  const warning = s.kind === "uncollected" && o.programme === "BTXH" ? [say("payouts:missed.suspendAssistance")] : [];
  const answer = decision(null, [
    { text: [...note, ...text, ...warning], buttons: [[btn("chat:button.nextPayout", BUTTON.nextPayout)], BACK_ROW] },
  ]);
  return shouldHaveCome(s) ? withTicket(answer, "payout_missing", ctx) : answer;
}

function addDays(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
