// What a payout notice says. The first paragraph is the notice itself and carries every value as
// a flat parameter with a stable name (name, month, amount, date, time, place, address, account,
// provider, count): a ZNS template approved by Zalo is filled from those names, and an SMS reads
// the whole text, so each paragraph stays one short idea. A relative's notice names the person.
import { btn, say, type Reply, type TextParam, type TextRef } from "../../core/reply.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { BUTTON } from "../chat/commands.ts";
import type { PayoutView } from "../payouts/types.ts";

/** Who reads it: the beneficiary, or a relative (who may or may not hold an authorisation to collect). */
export type Audience = { kind: "self" } | { kind: "relative"; authorised: boolean };

export interface NoticeFacts {
  /** The beneficiary's full name. */
  name: string;
  payout: PayoutView;
  /** Months not collected in a row up to this one (UNCOLLECTED notices). */
  missedInARow: number;
  /**
   * PAID notices: the money went to someone else (an authorised relative). The person is told to
   * whom, with "Tôi chưa nhận được" one tap away (the payout's id rides on that button).
   */
  paidToOther?: { payoutId: string };
}

/** Button data of "Tôi chưa nhận được" under a notice of money paid to someone else. */
export const NOT_RECEIVED_PREFIX = "nr:";

const ACCOUNT_METHODS = new Set<PayoutView["method"]>(["BANK", "EWALLET", "MOBILE_MONEY"]);

export function noticeReply(kind: NoticeKind, facts: NoticeFacts, audience: Audience): Reply {
  const v = facts.payout;
  const relative = audience.kind === "relative";
  const suffix = relative ? "ForRelative" : "";
  const text: TextRef[] = [
    say(`notices:${headline(kind, v)}${suffix}`, flatParams(kind, facts)),
    ...details(kind, facts, audience),
  ];
  if (kind === "PAID" && facts.paidToOther && !relative) {
    // The owner's copy: who took the money, and the one button that matters if it never came.
    return {
      text: [
        say("notices:paidToRelative", flatParams(kind, facts)),
        say("notices:paidToRelativeCheck", { receiver: facts.payout.receivedBy ?? "" }),
      ],
      buttons: [
        [btn("notices:button.notReceived", `${NOT_RECEIVED_PREFIX}${facts.paidToOther.payoutId}`)],
        [btn("chat:button.history", BUTTON.history)],
      ],
    };
  }
  const more =
    kind === "SCHEDULED" || kind === "REMINDER"
      ? btn("chat:button.nextPayout", BUTTON.nextPayout)
      : btn("chat:button.history", BUTTON.history);
  return { text, buttons: [[more], [btn("notices:button.off", BUTTON.notificationsOff)]] };
}

function headline(kind: NoticeKind, v: PayoutView): string {
  const account = ACCOUNT_METHODS.has(v.method);
  switch (kind) {
    case "SCHEDULED":
      if (v.method === "CASH_POINT") return "scheduledCash";
      if (v.method === "CASH_HOME") return "scheduledHome";
      return v.account ? "scheduledAccount" : "scheduledTransfer";
    case "REMINDER":
      return v.method === "CASH_HOME" ? "reminderHome" : "reminder";
    case "PAID":
      if (!account) return "paidCash";
      return v.account ? "paidAccount" : "paidTransfer";
    case "FAILED":
      return "failed";
    case "UNCOLLECTED":
      return "uncollected";
  }
}

/** Every value, always present (empty when it does not apply), so a template never lacks one. */
function flatParams(kind: NoticeKind, facts: NoticeFacts): Record<string, TextParam> {
  const v = facts.payout;
  const day = kind === "PAID" ? (v.paidOn ?? v.date) : v.date;
  return {
    name: facts.name,
    month: `${Number(v.month.slice(5, 7))}/${v.month.slice(0, 4)}`,
    amount: { vnd: v.amount },
    date: day ? { date: day } : "",
    time: v.windowStart && v.windowEnd ? `${v.windowStart}-${v.windowEnd}` : "",
    place: v.place?.name ?? "",
    address: v.place?.address ?? "",
    account: v.account?.maskedNumber ?? "",
    provider: v.account?.provider ?? "",
    count: facts.missedInARow,
    receiver: v.receivedBy ?? "",
  };
}

function details(kind: NoticeKind, facts: NoticeFacts, audience: Audience): TextRef[] {
  const v = facts.payout;
  const relative = audience.kind === "relative";
  const name = { name: facts.name };
  switch (kind) {
    case "SCHEDULED":
    case "REMINDER":
      if (v.method === "CASH_POINT") return [...timeWindow(v), place(v), bring(audience, facts.name)];
      if (v.method === "CASH_HOME")
        return [...timeWindow(v), relative ? say("notices:homeStayForRelative", name) : say("payouts:next.homeStay")];
      // Money arriving in an account is when scammers call: the one rule worth repeating.
      return [say("notices:noOtp")];
    case "PAID":
      return v.receivedBy && !ACCOUNT_METHODS.has(v.method)
        ? [say("payouts:todo.receivedBy", { name: v.receivedBy })]
        : [];
    case "FAILED":
      return [
        relative ? say("notices:failedWhatToDoForRelative", name) : say("notices:failedWhatToDo"),
        ...(v.note ? [say("payouts:todo.reason", { reason: v.note })] : []),
      ];
    case "UNCOLLECTED":
      // Circular 02/2021 (status unconfirmed): 3 months in a row uncollected may suspend the allowance.
      if (facts.missedInARow < 2) return [];
      return [
        say("notices:streak", { count: facts.missedInARow }),
        relative ? say("notices:avoidSuspensionForRelative", name) : say("notices:avoidSuspension"),
      ];
  }
}

function timeWindow(v: PayoutView): TextRef[] {
  return v.windowStart && v.windowEnd ? [say("payouts:next.window", { start: v.windowStart, end: v.windowEnd })] : [];
}

function place(v: PayoutView): TextRef {
  return v.place
    ? say("payouts:next.place", { place: v.place.name, address: v.place.address })
    : say("payouts:next.placeUnknown");
}

/** Papers for cash: the căn cước; a relative collecting also brings the certified authorisation. */
function bring(audience: Audience, name: string): TextRef {
  if (audience.kind === "self") return say("payouts:documents.self");
  return audience.authorised ? say("payouts:documents.relative") : say("notices:bringForPerson", { name });
}
