// Who a broadcast is for: ACTIVE beneficiaries of the chosen communes, narrowed by the filters an
// officer ticks. An empty or absent filter does not restrict. Definitions:
// - payout method and "not collected" look at the person's latest payout, i.e. the one of the most
//   recent period not after the current month (within the last year);
// - "not collected this period": that payout is UNCOLLECTED, FAILED or CARRIED_OVER, or still
//   SCHEDULED after its payout day (or, without a known day, after its month);
// - "not reachable by chat": reach class PHONE_ONLY or NONE (reachablePeopleSql.ts);
// - channels: where the person's message would go (route.ts); PHONE means a phone number is the
//   only way, whichever phone service carries it.
import { z } from "zod";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { addMonths, firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { reachablePeopleSql } from "../notifications/reachablePeopleSql.ts";
import { loadRouteFacts, routeFor } from "./route.ts";

export const PROGRAMMES = ["BTXH", "NCC"] as const;
export const PAYOUT_METHODS = ["BANK", "EWALLET", "MOBILE_MONEY", "CASH_POINT", "CASH_HOME"] as const;
export const AUDIENCE_CHANNELS = ["TELEGRAM", "ZALO", "WEB", "PHONE"] as const;

const ids = z.array(z.string().min(1).max(64));

export const audienceSchema = z.object({
  communeIds: ids.min(1).max(5000),
  programmes: z.array(z.enum(PROGRAMMES)).optional(),
  categoryCodes: z.array(z.string().min(1).max(64)).max(200).optional(),
  payoutMethods: z.array(z.enum(PAYOUT_METHODS)).optional(),
  noAccount: z.boolean().optional(),
  notCollectedThisPeriod: z.boolean().optional(),
  notReachableByChat: z.boolean().optional(),
  channels: z.array(z.enum(AUDIENCE_CHANNELS)).optional(),
});
export type Audience = z.infer<typeof audienceSchema>;
export type AudienceChannel = (typeof AUDIENCE_CHANNELS)[number];

type Db = PrismaClient | Prisma.TransactionClient;

// A payout older than this says nothing about how a person is paid now (and keeps the scan short).
const LATEST_WITHIN_MONTHS = 12;
// Ids per statement when the audience is narrowed to a list, well under PostgreSQL's parameter limit.
const ID_CHUNK = 5000;

/** The ids of the audience's members, sorted. */
export async function audienceMemberIds(
  db: Db,
  audience: Audience,
  opts: { today: CalendarDate; onlyIds?: string[] },
): Promise<string[]> {
  const a = audienceSchema.parse(audience);
  let members: string[];
  if (opts.onlyIds) {
    const only = [...new Set(opts.onlyIds)];
    members = [];
    for (let i = 0; i < only.length; i += ID_CHUNK)
      members.push(...(await query(db, a, opts.today, only.slice(i, i + ID_CHUNK))));
    members.sort();
  } else {
    members = await query(db, a, opts.today, null);
  }
  if (!a.channels?.length) return members;
  return filterByChannel(db, members, new Set(a.channels), opts.today);
}

export async function countAudience(db: Db, audience: Audience, opts: { today: CalendarDate }): Promise<number> {
  return (await audienceMemberIds(db, audience, opts)).length;
}

async function query(db: Db, a: Audience, today: CalendarDate, only: string[] | null): Promise<string[]> {
  if (only?.length === 0) return [];
  const month = firstOfMonth(today);
  const where: Prisma.Sql[] = [];
  if (only) where.push(Prisma.sql`r.id IN (${Prisma.join(only)})`);
  if (a.programmes?.length) where.push(Prisma.sql`b.programme::text IN (${Prisma.join(a.programmes)})`);
  if (a.categoryCodes?.length) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "BeneficiaryCategory" bc JOIN "BenefitCategory" c ON c.id = bc."categoryId"
      WHERE bc."beneficiaryId" = b.id AND c.code IN (${Prisma.join(a.categoryCodes)}))`);
  }
  if (a.payoutMethods?.length) where.push(Prisma.sql`l.method::text IN (${Prisma.join(a.payoutMethods)})`);
  if (a.noAccount)
    where.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "PayoutAccount" pa WHERE pa."beneficiaryId" = b.id AND pa.status = 'VERIFIED')`,
    );
  if (a.notCollectedThisPeriod) {
    where.push(Prisma.sql`(l.status::text IN ('UNCOLLECTED', 'FAILED', 'CARRIED_OVER')
      OR (l.status = 'SCHEDULED' AND (l.day < ${today}::date OR (l.day IS NULL AND l.month < ${month}::date))))`);
  }
  if (a.notReachableByChat) where.push(Prisma.sql`r.reach IN ('PHONE_ONLY', 'NONE')`);
  const needsLatest = Boolean(a.payoutMethods?.length || a.notCollectedThisPeriod);
  const latest = needsLatest
    ? Prisma.sql`, latest AS (
  SELECT DISTINCT ON (p."beneficiaryId") p."beneficiaryId", p.method, p.status, pp.month,
    COALESCE(p."scheduledDate", (
      SELECT MIN(s.date) FROM "PayoutSchedule" s
      WHERE s."periodId" = p."periodId" AND s."communeId" = pb."communeId"
        AND (s."pointId" = p."pointId" OR (p."pointId" IS NULL AND p.method <> 'CASH_HOME'))
    )) AS day
  FROM "Payout" p
  JOIN "PayoutPeriod" pp ON pp.id = p."periodId"
  JOIN "Beneficiary" pb ON pb.id = p."beneficiaryId"
  WHERE pp.month <= ${month}::date AND pp.month >= ${addMonths(month, -LATEST_WITHIN_MONTHS)}::date
    AND pb."communeId" IN (${Prisma.join(a.communeIds)})
  ORDER BY p."beneficiaryId", pp.month DESC
)`
    : Prisma.empty;
  const join = needsLatest ? Prisma.sql`LEFT JOIN latest l ON l."beneficiaryId" = r.id` : Prisma.empty;
  const rows = await queryRows(
    db,
    z.object({ id: z.string() }),
    Prisma.sql`
WITH reach AS (${reachablePeopleSql(a.communeIds, today)})${latest}
SELECT r.id FROM reach r JOIN "Beneficiary" b ON b.id = r.id ${join}
WHERE ${where.length ? Prisma.join(where, " AND ") : Prisma.sql`TRUE`}
ORDER BY r.id`,
  );
  return rows.map((r) => r.id);
}

/** Keeps the people whose message would go by one of the channels. */
async function filterByChannel(
  db: Db,
  members: string[],
  channels: Set<AudienceChannel>,
  today: CalendarDate,
): Promise<string[]> {
  const kept: string[] = [];
  for (let i = 0; i < members.length; i += 1000) {
    const chunk = members.slice(i, i + 1000);
    const facts = await loadRouteFacts(db, chunk);
    for (const id of chunk) {
      const f = facts.get(id);
      if (!f) continue;
      // Any phone service stands for PHONE here: which one carries it is the delivery engine's choice.
      const route = routeFor(f, today, "SMS");
      // An SMS conversation is a phone too, to an officer choosing whom to reach.
      const channel =
        route.kind === "chat" && route.channel !== "SMS"
          ? route.channel
          : route.kind === "chat" || route.kind === "phone"
            ? "PHONE"
            : null;
      if (channel && channels.has(channel)) kept.push(id);
    }
  }
  return kept;
}
