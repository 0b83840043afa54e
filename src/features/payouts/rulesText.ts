// General answers that hold for everyone, linked or not: what to bring when collecting cash, what
// happens when a payout is missed, and how payouts work in general.
import { say, type TextRef } from "../../core/reply.ts";

/** Both people bring their căn cước/CCCD; a relative also brings the authorisation certified by the commune. */
export function documentsText(): TextRef[] {
  return [say("payouts:documents.self"), say("payouts:documents.relative"), say("payouts:documents.lost")];
}

export function missedPayoutText(): TextRef[] {
  return [say("payouts:missed.carry"), say("payouts:missed.suspend"), say("payouts:missed.relative")];
}

/** For someone not linked yet: how payouts work, without any personal data. */
export function generalRulesText(): TextRef[] {
  return [say("payouts:general.monthly"), say("payouts:general.ways"), say("payouts:missed.carry"), say("payouts:general.link")];
}
