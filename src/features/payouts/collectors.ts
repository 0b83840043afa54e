// Relatives to check: people who collect money for others, grouped as one person across the
// records that name them (the same personal ID, else the same phone, else the same record), over
// the last six payout months of an area. Listed when they collected for several households (a
// son collecting for both parents at one address is one household; a "relative" collecting for
// three unrelated old people at three addresses is worth a visit), or when anyone they collected
// for said "Tôi chưa nhận được".
import { z } from "zod";
import { queryRows, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { addMonths, calendarDate, firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";

/** Households a collector may serve before the officers are asked to look. */
export const MANY_HOUSEHOLDS = 3;
export const COLLECTOR_MONTHS = 6;

export interface Collector {
  name: string;
  personalIdMasked: string | null;
  /** Distinct people collected for, and the households (commune + address) they live in. */
  people: number;
  households: number;
  collections: number;
  nonReceipts: number;
  beneficiaries: { id: string; fullName: string; communeName: string; reported: boolean }[];
}

const row = z.object({
  key: z.string(),
  name: z.string(),
  last4: z.string().nullable(),
  people: sqlInt,
  households: sqlInt,
  collections: sqlInt,
  reports: sqlInt,
  ids: z.array(z.string()),
  reportedIds: z.array(z.string()),
});

export async function collectorsToCheck(
  db: Pick<PrismaClient, "$queryRaw" | "beneficiary">,
  communeIds: string[] | null,
  today: CalendarDate,
): Promise<Collector[]> {
  const since = calendarDate(addMonths(firstOfMonth(today), -(COLLECTOR_MONTHS - 1)));
  const inArea =
    communeIds === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`b."communeId" IN (${Prisma.join(communeIds.length ? communeIds : [""])})`;
  const rows = await queryRows(
    db,
    row,
    Prisma.sql`
SELECT COALESCE(r."personalIdHash", 'phone:' || r.phone, 'rel:' || r.id) AS key,
  MIN(r."fullName") AS name, MIN(r."personalIdLast4") AS last4,
  COUNT(DISTINCT b.id)::int AS people,
  COUNT(DISTINCT b."communeId" || ':' || COALESCE(lower(trim(b.address)), b.id))::int AS households,
  COUNT(*)::int AS collections,
  COUNT(nr.id)::int AS reports,
  array_agg(DISTINCT b.id) AS ids,
  array_remove(array_agg(DISTINCT CASE WHEN nr.id IS NOT NULL THEN b.id END), NULL) AS "reportedIds"
FROM "Payout" p
JOIN "PayoutPeriod" per ON per.id = p."periodId"
JOIN "Authorisation" a ON a.id = p."authorisationId"
JOIN "Relative" r ON r.id = a."relativeId"
JOIN "Beneficiary" b ON b.id = p."beneficiaryId"
LEFT JOIN "NonReceiptReport" nr ON nr."payoutId" = p.id
WHERE p.status = 'PAID' AND per.month >= ${since} AND ${inArea}
GROUP BY 1
HAVING COUNT(DISTINCT b."communeId" || ':' || COALESCE(lower(trim(b.address)), b.id)) >= ${MANY_HOUSEHOLDS} OR COUNT(nr.id) > 0
ORDER BY COUNT(nr.id) DESC, COUNT(DISTINCT b.id) DESC, MIN(r."fullName")
LIMIT 200`,
  );
  const people = await db.beneficiary.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => r.ids))] } },
    select: { id: true, fullName: true, commune: { select: { name: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    name: r.name,
    personalIdMasked: r.last4 ? `••••••••${r.last4}` : null,
    people: r.people,
    households: r.households,
    collections: r.collections,
    nonReceipts: r.reports,
    beneficiaries: r.ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ id, fullName: p.fullName, communeName: p.commune.name, reported: r.reportedIds.includes(id) }] : [];
    }),
  }));
}
