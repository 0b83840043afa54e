// The definitions behind every dashboard figure, as SQL fragments shared by the counts and by the
// lists of people and items behind them, so a figure and its list can never disagree.
//   paid            ACTIVE beneficiaries with a payout in the period (one payout per person and
//                   period), whatever its status.
//   accountPaid     of those, the payouts made by BANK, EWALLET or MOBILE_MONEY.
//                   Account share = accountPaid / paid.
//   uncollected     payouts of the period (anyone's, whatever the person's status now) marked
//                   UNCOLLECTED or CARRIED_OVER, with their amounts.
//   linkedOwn       ACTIVE beneficiaries with a chat linked as themself.
//   linkedRelative  ACTIVE beneficiaries with no such chat but a relative's chat linked for them.
//   notices*        messages of the payout notices about the period's payouts (one row per chat
//                   or phone a notice went to), by delivery status: SENT, FAILED, SKIPPED (notices
//                   turned off), or waiting (QUEUED, SENDING).
//   broadcast*      officers' messages: the report lines (one per person) of the broadcasts created
//                   in the period's month, Vietnam time (campaign sends are broadcasts too), by the
//                   person's commune. Grouped as the broadcast's report groups them: delivered (SENT),
//                   failed (FAILED), not reached (SKIPPED because nothing reaches the person or
//                   they turned notices off), and not sent (SKIPPED because the broadcast was
//                   cancelled, or still QUEUED / SENDING). A broadcast counts once it starts sending.
//   requestsPending change requests waiting for an officer's decision (now, not by period).
//   ticketsOpen     hotline tickets of the area not resolved (now).
//   ticketsBreached of those, tickets that missed a response time: moved on by the response-time
//                   watch at least once, or waiting for an agent past the time an answer was due.
// Reach by path (own chat, relative's chat, phone only, none) is reachablePeopleSql.ts.
import { Prisma } from "../../generated/prisma/client.ts";
import { CANCELLED } from "../broadcasts/decisions.ts";

export const ACCOUNT_METHODS = Prisma.sql`('BANK', 'EWALLET', 'MOBILE_MONEY')`;
export const NOT_COLLECTED = Prisma.sql`('UNCOLLECTED', 'CARRIED_OVER')`;
export const OPEN_TICKET = Prisma.sql`t.status IN ('NEW', 'ASSIGNED', 'WAITING_FOR_PERSON', 'REOPENED')`;

export type NoticeOutcome = "SENT" | "FAILED" | "SKIPPED" | "WAITING";

/** `<column> IN (…)`, or TRUE for every commune (null). An empty area matches nothing. */
export function inArea(column: string, communeIds: string[] | null): Prisma.Sql {
  if (communeIds === null) return Prisma.sql`TRUE`;
  if (communeIds.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join(communeIds)})`;
}

/** Payouts of the period with their beneficiary `b`, inside the area. */
export function periodPayouts(periodIds: string[], communeIds: string[] | null): Prisma.Sql {
  return Prisma.sql`"Payout" p JOIN "Beneficiary" b ON b.id = p."beneficiaryId"
WHERE p."periodId" IN (${Prisma.join(periodIds)}) AND ${inArea(`b."communeId"`, communeIds)}`;
}

/** Notice messages `o` about the period's payouts `p` (beneficiary `b`) inside the area. */
export function periodNoticeMessages(periodIds: string[], communeIds: string[] | null): Prisma.Sql {
  return Prisma.sql`"Payout" p JOIN "Beneficiary" b ON b.id = p."beneficiaryId"
JOIN "PayoutNotice" n ON n."payoutId" = p.id
JOIN "OutboundMessage" o ON o."noticeKey" = 'notice:' || n.kind::text || ':' || n."payoutId"
WHERE p."periodId" IN (${Prisma.join(periodIds)}) AND ${inArea(`b."communeId"`, communeIds)}`;
}

export function noticeOutcome(outcome: NoticeOutcome): Prisma.Sql {
  return outcome === "WAITING"
    ? Prisma.sql`o.status IN ('QUEUED', 'SENDING')`
    : Prisma.sql`o.status = ${Prisma.raw(`'${outcome}'`)}`;
}

export type BroadcastOutcome = "SENT" | "FAILED" | "UNREACHED" | "UNSENT";

/**
 * Report lines `d` of the broadcasts `br` created in the period's month (Vietnam time, UTC+7;
 * times are stored in UTC) for people `b` of the area.
 */
export function periodBroadcastLines(periodIds: string[], communeIds: string[] | null): Prisma.Sql {
  return Prisma.sql`"PayoutPeriod" per
JOIN "Broadcast" br ON br."createdAt" >= per.month - interval '7 hours' AND br."createdAt" < per.month + interval '1 month' - interval '7 hours'
JOIN "BroadcastDelivery" d ON d."broadcastId" = br.id
JOIN "Beneficiary" b ON b.id = d."beneficiaryId"
WHERE per.id IN (${Prisma.join(periodIds)}) AND ${inArea(`b."communeId"`, communeIds)}`;
}

export function broadcastOutcome(outcome: BroadcastOutcome): Prisma.Sql {
  switch (outcome) {
    case "SENT":
      return Prisma.sql`d.status = 'SENT'`;
    case "FAILED":
      return Prisma.sql`d.status = 'FAILED'`;
    case "UNREACHED":
      return Prisma.sql`(d.status = 'SKIPPED' AND d.reason IS DISTINCT FROM ${CANCELLED})`;
    case "UNSENT":
      return Prisma.sql`(d.status IN ('QUEUED', 'SENDING') OR (d.status = 'SKIPPED' AND d.reason = ${CANCELLED}))`;
  }
}

export const HAS_OWN_LINK = Prisma.sql`EXISTS (SELECT 1 FROM "ChatLink" l WHERE l."beneficiaryId" = b.id AND l.role = 'SELF')`;
export const HAS_RELATIVE_LINK = Prisma.sql`EXISTS (SELECT 1 FROM "ChatLink" l WHERE l."beneficiaryId" = b.id AND l.role = 'REPRESENTATIVE')`;

/** Ticket `t` missed a response time (see above); `now` is the moment of the count. */
export function breachedTicket(now: Date): Prisma.Sql {
  return Prisma.sql`(t.reassignments > 0 OR (t.status <> 'WAITING_FOR_PERSON'
  AND CASE WHEN t."firstRespondedAt" IS NULL THEN t."firstResponseDueAt" ELSE t."nextResponseDueAt" END <= ${now}))`;
}
