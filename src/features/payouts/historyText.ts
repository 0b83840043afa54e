// The last months, one line each with what happened and what to do about it. Uncollected money
// carries over to the next payout; a social-assistance allowance not collected 3 months running may
// be suspended (Circular 02/2021 art. 2.3.a; not meritorious-services allowances); a failed
// transfer is usually an account problem the bank or the commune can sort out.
import { say, type TextRef } from "../../core/reply.ts";
import { monthParams } from "./monthParams.ts";
import type { Who } from "./situationText.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";

/** Months in a row, from the newest, whose money was not collected. */
export function missedInARow(history: PayoutView[]): number {
  const i = history.findIndex((v) => v.status !== "UNCOLLECTED" && v.status !== "CARRIED_OVER");
  return i === -1 ? history.length : i;
}

/** `who`: the person it is about, for the wording a relative reads (absent: the person themself). */
export function historyText(overview: PayoutOverview, who: Who | Record<string, never> = {}): TextRef[] {
  if (overview.history.length === 0) return [say("payouts:history.none")];
  const lines = overview.history.flatMap((v) => monthText(v, who));
  const missed = missedInARow(overview.history);
  // The suspension rule is for social assistance only, not for meritorious-services allowances.
  if (missed >= 2 && overview.programme === "BTXH") lines.push(say("payouts:missed.streak", { ...who, count: missed }));
  return [say("payouts:history.title"), ...lines];
}

function monthText(v: PayoutView, who: Who | Record<string, never>): TextRef[] {
  const head = say("payouts:history.line", {
    ...monthParams(v.month),
    amount: { vnd: v.amount },
    status: { key: `payouts:status.${v.status}` },
  });
  return [head, ...whatToDo(v, who)];
}

function whatToDo(v: PayoutView, who: Who | Record<string, never>): TextRef[] {
  switch (v.status) {
    case "PAID": {
      const out: TextRef[] = [];
      if (v.paidOn) out.push(say("payouts:todo.paidOn", { date: { date: v.paidOn } }));
      if (v.receivedBy) out.push(say("payouts:todo.receivedBy", { name: v.receivedBy }));
      return out;
    }
    case "UNCOLLECTED":
      return [say("payouts:todo.uncollected", who)];
    case "CARRIED_OVER":
      return [say("payouts:todo.carriedOver", who)];
    case "FAILED":
      return [say("payouts:todo.failed", who), ...(v.note ? [say("payouts:todo.reason", { reason: v.note })] : [])];
    case "SCHEDULED":
      return [say("payouts:todo.pending")];
  }
}
