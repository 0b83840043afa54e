// General answers that hold for everyone, linked or not: what to bring when collecting cash, what
// happens when a payout is missed, and how payouts work in general.
import { say, type TextRef } from "../../core/reply.ts";
import type { Programme } from "../../generated/prisma/enums.ts";

/** Both people bring their căn cước/CCCD; a relative also brings the authorisation certified by the commune. */
export function documentsText(): TextRef[] {
  return [say("payouts:documents.self"), say("payouts:documents.relative"), say("payouts:documents.lost")];
}

/**
 * Uncollected money carries over; the 3-month suspension (Circular 02/2021 art. 2.3.a) applies to
 * social assistance only, so it is not said about a meritorious-services allowance. Without a
 * programme (someone not linked) it is said with its scope.
 */
export function missedPayoutText(programme: Programme | null = null): TextRef[] {
  const suspend =
    programme === "NCC"
      ? []
      : [say(programme === "BTXH" ? "payouts:missed.suspendAssistance" : "payouts:missed.suspend")];
  return [say("payouts:missed.carry"), ...suspend, say("payouts:missed.relative")];
}

/** For someone not linked yet: how payouts work, without any personal data. */
export function generalRulesText(): TextRef[] {
  return [
    say("payouts:general.monthly"),
    say("payouts:general.ways"),
    say("payouts:missed.carry"),
    say("payouts:general.link"),
  ];
}
