// The names a ZNS template or a Zalo transaction template is configured under: the text key that
// opens a payout notice (features/notifications/noticeReply.ts) or an officer's broadcast, and the
// parameters those texts carry. Configuration naming anything else is refused at start: a typo
// would otherwise silently send every such notice by SMS.

const NOTICE_HEADLINES = [
  "scheduledCash",
  "scheduledHome",
  "scheduledAccount",
  "scheduledTransfer",
  "reminder",
  "reminderHome",
  "paidCash",
  "paidAccount",
  "paidTransfer",
  "failed",
  "uncollected",
] as const;

/** Every payout notice, to the person and to a relative ("…ForRelative"), then the broadcast. */
export const TEMPLATE_NAMES: readonly string[] = [
  ...NOTICE_HEADLINES.flatMap((h) => [`notices:${h}`, `notices:${h}ForRelative`]),
  // Only the person is told that their money went to someone else.
  "notices:paidToRelative",
  "broadcasts:message",
];

/** What a template parameter can be filled from: every notice carries all of these (empty when not applying). */
export const NOTICE_PARAMS: readonly string[] = [
  "name",
  "month",
  "amount",
  "date",
  "time",
  "place",
  "address",
  "account",
  "provider",
  "count",
  "receiver",
];
/** A broadcast carries the officer's text. */
export const BROADCAST_PARAMS: readonly string[] = ["text"];

export function paramsOf(name: string): readonly string[] {
  return name.startsWith("broadcasts:") ? BROADCAST_PARAMS : NOTICE_PARAMS;
}
