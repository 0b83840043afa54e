// The fixed intent catalogue: other parts of the system and its evaluations rely on these ids.

export const INTENT_IDS = [
  "payout_schedule",
  "payout_amount",
  "payout_explain",
  "payout_missing",
  "entitlement_info",
  "authorise_relative",
  "open_account",
  "change_payout_method",
  "update_info",
  "report_death",
  "talk_to_human",
  "scam_check",
  "link_identity",
  "request_status",
  "documents_needed",
  "greeting",
  "thanks",
  "unknown",
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

export function isIntentId(value: string): value is IntentId {
  return (INTENT_IDS as readonly string[]).includes(value);
}
