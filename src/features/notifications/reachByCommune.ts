// The reach report: per commune, how many ACTIVE beneficiaries a payout notice can reach, and how
// (the definitions are in reachablePeopleSql.ts). The four classes add up to the total; the
// people in PHONE_ONLY and NONE are exactly the visit list (peopleToVisit.ts).
import { z } from "zod";
import { queryRows, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { reachablePeopleSql } from "./reachablePeopleSql.ts";

export interface CommuneReach {
  communeId: string;
  communeCode: string;
  communeName: string;
  total: number;
  ownChat: number;
  relativeChat: number;
  phoneOnly: number;
  none: number;
  /** Reachable by chat, but every usable chat turned notices off. */
  noticesOff: number;
}

type Db = Pick<PrismaClient, "$queryRaw">;

/** Every commune of the area (all when null), also those without anyone to count. */
export async function reachByCommune(
  db: Db,
  communeIds: string[] | null,
  today: CalendarDate = todayInVietnam(),
): Promise<CommuneReach[]> {
  if (communeIds?.length === 0) return [];
  const inArea = communeIds === null ? Prisma.sql`TRUE` : Prisma.sql`c.id IN (${Prisma.join(communeIds)})`;
  return queryRows(
    db,
    z.object({
      communeId: z.string(),
      communeCode: z.string(),
      communeName: z.string(),
      total: sqlInt,
      ownChat: sqlInt,
      relativeChat: sqlInt,
      phoneOnly: sqlInt,
      none: sqlInt,
      noticesOff: sqlInt,
    }),
    Prisma.sql`
WITH reach AS (${reachablePeopleSql(communeIds, today)})
SELECT c.id AS "communeId", c.code AS "communeCode", c.name AS "communeName",
  COUNT(r.id)::int AS total,
  (COUNT(*) FILTER (WHERE r.reach = 'OWN_CHAT'))::int AS "ownChat",
  (COUNT(*) FILTER (WHERE r.reach = 'RELATIVE_CHAT'))::int AS "relativeChat",
  (COUNT(*) FILTER (WHERE r.reach = 'PHONE_ONLY'))::int AS "phoneOnly",
  (COUNT(*) FILTER (WHERE r.reach = 'NONE'))::int AS "none",
  (COUNT(*) FILTER (WHERE r."noticesOff"))::int AS "noticesOff"
FROM "Commune" c LEFT JOIN reach r ON r."communeId" = c.id
WHERE ${inArea}
GROUP BY c.id, c.code, c.name
ORDER BY c.name, c.code`,
  );
}
