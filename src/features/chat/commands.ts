// Words and buttons that work anywhere, whatever the bot was asking: people press "menu" or type
// "hủy" when lost, and must never be stuck in a question. Text is compared without accents or
// case, because many type Vietnamese without diacritics ("huy", "xoa lien ket").
import type { InboundBody } from "../../core/events.ts";
import type { Locale } from "../../core/i18n.ts";
import { isCalendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { isIntentId, type IntentId } from "../../nlu/intents.ts";
import type { PayoutTopic } from "./protocol.ts";

export type Command =
  | { kind: "start"; payload?: string }
  | { kind: "menu" }
  | { kind: "help" }
  | { kind: "cancel" }
  | { kind: "unlink" }
  | { kind: "language"; locale: Locale }
  | { kind: "linkByCode" }
  | { kind: "linkById" }
  | { kind: "profile" }
  | { kind: "switch" }
  | { kind: "select"; beneficiaryId: string }
  | { kind: "add" }
  | { kind: "hotline" }
  | { kind: "payouts"; topic: PayoutTopic }
  | { kind: "documents" }
  | { kind: "scam" }
  | { kind: "eligibility" }
  /** "Vì sao số tiền này?" under an amount: the month it was about. */
  | { kind: "why"; month: CalendarDate }
  /** A topic chosen after an unclear question ("Bác muốn hỏi về: …"). */
  | { kind: "intent"; intent: IntentId }
  /** "Tắt thông báo" / "Bật thông báo": payout notices and broadcasts for this chat. */
  | { kind: "notifications"; off: boolean }
  /** A walkthrough that ends in a request to the commune officer, or its menu. */
  | { kind: "request"; what: "menu" | "authorise" | "account" | "change" | "revoke" }
  /** "Link my chat" under the message that an authorisation was approved. */
  | { kind: "requestLink"; requestId: string };

/** Button data of the menu and of the commands; a pressed button carries one of these. */
export const BUTTON = {
  menu: "menu",
  help: "help",
  cancel: "cancel",
  unlink: "unlink",
  english: "lang:en",
  vietnamese: "lang:vi",
  linkByCode: "link:code",
  linkById: "link:id",
  profile: "me",
  switch: "switch",
  add: "add",
  hotline: "hotline",
  nextPayout: "pay:next",
  amount: "pay:amount",
  history: "pay:history",
  documents: "docs",
  scam: "scam",
  eligibility: "elig",
  notificationsOff: "notif:off",
  notificationsOn: "notif:on",
  requests: "rq:menu",
  authorise: "rq:auth",
  account: "rq:account",
  change: "rq:change",
  revoke: "rq:revoke",
} as const;

/** A "switch to this person" button: "sw:" + the record id (36 characters, well under 64 bytes). */
export const SELECT_PREFIX = "sw:";
/** "why:2026-08-01": explain that month's amount. */
export const WHY_PREFIX = "why:";
/** "ask:payout_amount": the topic picked from the buttons offered for an unclear question. */
export const INTENT_PREFIX = "ask:";
/** "rq:link:<request id>": link this chat through the authorisation it asked for. */
export const REQUEST_LINK_PREFIX = "rq:link:";

const WORDS: Record<string, Command> = {
  menu: { kind: "menu" },
  "bat dau": { kind: "menu" },
  help: { kind: "help" },
  "tro giup": { kind: "help" },
  "huong dan": { kind: "help" },
  huy: { kind: "cancel" },
  "huy bo": { kind: "cancel" },
  cancel: { kind: "cancel" },
  thoi: { kind: "cancel" },
  "xoa lien ket": { kind: "unlink" },
  unlink: { kind: "unlink" },
  english: { kind: "language", locale: "en" },
  "tieng anh": { kind: "language", locale: "en" },
  "tieng viet": { kind: "language", locale: "vi" },
  vietnamese: { kind: "language", locale: "vi" },
  "tat thong bao": { kind: "notifications", off: true },
  "tat bao": { kind: "notifications", off: true },
  "ngung thong bao": { kind: "notifications", off: true },
  "bat thong bao": { kind: "notifications", off: false },
  "bat lai thong bao": { kind: "notifications", off: false },
  "turn off notices": { kind: "notifications", off: true },
  "turn on notices": { kind: "notifications", off: false },
};

const BUTTONS: Record<string, Command> = {
  [BUTTON.menu]: { kind: "menu" },
  [BUTTON.help]: { kind: "help" },
  [BUTTON.cancel]: { kind: "cancel" },
  [BUTTON.unlink]: { kind: "unlink" },
  [BUTTON.english]: { kind: "language", locale: "en" },
  [BUTTON.vietnamese]: { kind: "language", locale: "vi" },
  [BUTTON.linkByCode]: { kind: "linkByCode" },
  [BUTTON.linkById]: { kind: "linkById" },
  [BUTTON.profile]: { kind: "profile" },
  [BUTTON.switch]: { kind: "switch" },
  [BUTTON.add]: { kind: "add" },
  [BUTTON.hotline]: { kind: "hotline" },
  [BUTTON.nextPayout]: { kind: "payouts", topic: "next" },
  [BUTTON.amount]: { kind: "payouts", topic: "amount" },
  [BUTTON.history]: { kind: "payouts", topic: "history" },
  [BUTTON.documents]: { kind: "documents" },
  [BUTTON.scam]: { kind: "scam" },
  [BUTTON.eligibility]: { kind: "eligibility" },
  [BUTTON.notificationsOff]: { kind: "notifications", off: true },
  [BUTTON.notificationsOn]: { kind: "notifications", off: false },
  [BUTTON.requests]: { kind: "request", what: "menu" },
  [BUTTON.authorise]: { kind: "request", what: "authorise" },
  [BUTTON.account]: { kind: "request", what: "account" },
  [BUTTON.change]: { kind: "request", what: "change" },
  [BUTTON.revoke]: { kind: "request", what: "revoke" },
};

/** The command an event carries, or null when it is an ordinary answer for the active flow. */
export function commandOf(event: InboundBody): Command | null {
  if (event.kind === "start") return event.payload?.trim() ? { kind: "start", payload: event.payload.trim() } : { kind: "start" };
  if (event.kind === "button") {
    if (event.data.startsWith(SELECT_PREFIX)) return { kind: "select", beneficiaryId: event.data.slice(SELECT_PREFIX.length) };
    if (event.data.startsWith(WHY_PREFIX)) {
      const month = event.data.slice(WHY_PREFIX.length);
      return isCalendarDate(month) ? { kind: "why", month } : null;
    }
    if (event.data.startsWith(REQUEST_LINK_PREFIX)) return { kind: "requestLink", requestId: event.data.slice(REQUEST_LINK_PREFIX.length) };
    if (event.data.startsWith(INTENT_PREFIX)) {
      const intent = event.data.slice(INTENT_PREFIX.length);
      return isIntentId(intent) ? { kind: "intent", intent } : null;
    }
    return BUTTONS[event.data] ?? null;
  }
  if (event.kind !== "text") return null;
  // Telegram sends "/start <payload>" as text when a person types it; in groups "/start@Bot".
  const start = /^\s*\/start(?:@\w+)?(?:\s+(\S.*))?$/i.exec(event.text);
  if (start) return start[1] ? { kind: "start", payload: start[1].trim() } : { kind: "start" };
  const folded = foldVietnamese(event.text)
    .replace(/^\//, "")
    .replace(/[.!?…]+$/, "")
    .trim();
  return WORDS[folded] ?? null;
}
