// "Has the money come?" answered from the payout itself: its status, how it is paid, its day and
// its hours, at this moment in Vietnam. The payout that matters is today's (when today is its day)
// or else the latest one whose day has passed; the next one is only "still to come".
//   today      its day is today; `over` once its hours have ended (a transfer: at the day's end)
//   paid       reported paid (transferred, or collected in cash)
//   pending    its day has passed and nothing was reported yet
//   failed     the transfer failed
//   uncollected not collected; the money carries over to the next payout
//   upcoming   nothing due yet: the next payout
//   none       no payout at all
import { firstOfMonth, todayInVietnam } from "../../lib/calendarDate.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";
import { vietnamClock } from "../../lib/vietnamTime.ts";

export type Situation =
  | { kind: "today"; payout: PayoutView; over: boolean }
  | { kind: "paid"; payout: PayoutView }
  | { kind: "pending"; payout: PayoutView }
  | { kind: "failed"; payout: PayoutView }
  | { kind: "uncollected"; payout: PayoutView }
  | { kind: "upcoming"; payout: PayoutView }
  | { kind: "none" };

const TRANSFER = new Set<PayoutView["method"]>(["BANK", "EWALLET", "MOBILE_MONEY"]);
/** A transfer without hours is made during the day; its day is over at midnight. */
const END_OF_DAY = "24:00";

export function isTransfer(v: PayoutView): boolean {
  return TRANSFER.has(v.method);
}

export function situation(o: PayoutOverview, now: Date): Situation {
  const today = todayInVietnam(now);
  if (o.next?.date === today) return { kind: "today", payout: o.next, over: hoursOver(o.next, now) };
  const latest = o.history[0];
  // Last month's money, paid, is old news while this month's payout is still to come.
  const thisMonthsToCome = o.next !== null && o.next.month <= firstOfMonth(today);
  if (latest && !(latest.status === "PAID" && thisMonthsToCome)) {
    switch (latest.status) {
      case "PAID":
        return { kind: "paid", payout: latest };
      case "FAILED":
        return { kind: "failed", payout: latest };
      case "UNCOLLECTED":
      case "CARRIED_OVER":
        return { kind: "uncollected", payout: latest };
      case "SCHEDULED":
        return { kind: "pending", payout: latest };
    }
  }
  return o.next ? { kind: "upcoming", payout: o.next } : { kind: "none" };
}

/**
 * Money that should be with the person by now, so that "not received" needs a person to look:
 * brought home or transferred and its time is past with nothing reported, or a failed transfer.
 * Money reported paid has come, as far as anyone knows: the answer says where it went, with a
 * person one tap away. Cash at a payout point is collected by the person: missing the day only
 * carries the money over.
 */
export function shouldHaveCome(s: Situation): boolean {
  switch (s.kind) {
    case "today":
      return s.over && s.payout.method === "CASH_HOME";
    case "pending":
      return s.payout.method !== "CASH_POINT";
    case "failed":
      return true;
    case "paid":
    case "uncollected":
    case "upcoming":
    case "none":
      return false;
  }
}

/** Whether today's hours (or, for a transfer without hours, the day) are over at `now`. */
function hoursOver(v: PayoutView, now: Date): boolean {
  const end = v.windowEnd ?? (isTransfer(v) ? END_OF_DAY : null);
  if (!end) return false;
  return vietnamClock(now) >= end.padStart(5, "0");
}

export { vietnamClock };
