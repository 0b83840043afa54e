// The button data the chat's flows answer to, in one place: notices and broadcasts put some of
// these buttons under their messages, and each flow declares the ones that open it (see flows/).
// Every value stays well under Telegram's 64 bytes.
export const BUTTON = {
  menu: "menu",
  more: "more",
  help: "help",
  cancel: "cancel",
  resume: "resume",
  restart: "restart",
  unlink: "unlink",
  english: "lang:en",
  vietnamese: "lang:vi",
  linkByCode: "link:code",
  linkById: "link:id",
  /** An SMS chat is checked against the phone numbers on record (flows/linkByPhone). */
  linkByPhone: "link:phone",
  profile: "me",
  switch: "switch",
  add: "add",
  hotline: "hotline",
  nextPayout: "pay:next",
  amount: "pay:amount",
  history: "pay:history",
  missing: "pay:missing",
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
  requestStatus: "rq:status",
} as const;

/** A "switch to this person" button: "sw:" + the record id (36 characters, well under 64 bytes). */
export const SELECT_PREFIX = "sw:";
/** "why:2026-08-01": explain that month's amount. */
export const WHY_PREFIX = "why:";
/** "ask:payout_amount": the topic picked from the buttons offered for an unclear question. */
export const INTENT_PREFIX = "ask:";
/** "rq:link:<request id>": link this chat through the authorisation it asked for. */
export const REQUEST_LINK_PREFIX = "rq:link:";
/** "url:/forms/authorisation/<token>": the link again, as text, where a link button cannot open. */
export const LINK_PREFIX = "url:";
