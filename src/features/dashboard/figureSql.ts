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
//   requestsPending change requests waiting for an officer's decision (now, not by period).
//   ticketsOpen     hotline tickets of the area not resolved (now).
//   ticketsBreached of those, tickets that missed a response time: moved on by the response-time
//                   watch at least once, or waiting for an agent past the time an answer was due.
// Reach by path (own chat, relative's chat, phone only, none) is reachablePeopleSql.ts.
import { Prisma } from "../../generated/prisma/client.ts";

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
  return outcome === "WAITING" ? Prisma.sql`o.status IN ('QUEUED', 'SENDING')` : Prisma.sql`o.status = ${Prisma.raw(`'${outcome}'`)}`;
}

export const HAS_OWN_LINK = Prisma.sql`EXISTS (SELECT 1 FROM "ChatLink" l WHERE l."beneficiaryId" = b.id AND l.role = 'SELF')`;
export const HAS_RELATIVE_LINK = Prisma.sql`EXISTS (SELECT 1 FROM "ChatLink" l WHERE l."beneficiaryId" = b.id AND l.role = 'REPRESENTATIVE')`;

/** Ticket `t` missed a response time (see above); `now` is the moment of the count. */
export function breachedTicket(now: Date): Prisma.Sql {
  return Prisma.sql`(t.reassignments > 0 OR (t.status <> 'WAITING_FOR_PERSON'
  AND CASE WHEN t."firstRespondedAt" IS NULL THEN t."firstResponseDueAt" ELSE t."nextResponseDueAt" END <= ${now}))`;
}
