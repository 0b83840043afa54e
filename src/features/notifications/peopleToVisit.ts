// The officers' visit list: ACTIVE beneficiaries no chat can reach (see reachablePeopleSql.ts),
// with the phone the notices would use, if any — a phone message is one-way, so they are worth a
// visit too. Sorted by commune, then name, for printing.
import { z } from "zod";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { reachablePeopleSql } from "./reachablePeopleSql.ts";

export interface PersonToVisit {
  beneficiaryId: string;
  fullName: string;
  address: string | null;
  communeId: string;
  communeName: string;
  /** "••••••5678", or null when there is no phone at all. */
  maskedPhone: string | null;
  reach: "PHONE_ONLY" | "NONE";
}

type Db = Pick<PrismaClient, "$queryRaw">;

export interface VisitPage {
  today?: CalendarDate;
  /** Only this commune (already checked to be in the area). */
  communeId?: string;
  take?: number;
  skip?: number;
}

export async function peopleToVisit(
  db: Db,
  communeIds: string[] | null,
  page: VisitPage = {},
): Promise<PersonToVisit[]> {
  const area = page.communeId
    ? communeIds === null || communeIds.includes(page.communeId)
      ? [page.communeId]
      : []
    : communeIds;
  if (area?.length === 0) return [];
  const limit = page.take === undefined ? Prisma.empty : Prisma.sql`LIMIT ${page.take}`;
  const rows = await queryRows(
    db,
    z.object({
      id: z.string(),
      fullName: z.string(),
      address: z.string().nullable(),
      communeId: z.string(),
      communeName: z.string(),
      phone: z.string().nullable(),
      reach: z.enum(["PHONE_ONLY", "NONE"]),
    }),
    Prisma.sql`
WITH reach AS (${reachablePeopleSql(area, page.today ?? todayInVietnam())})
SELECT r.id, r."fullName", r.address, r."communeId", c.name AS "communeName", r.phone, r.reach
FROM reach r JOIN "Commune" c ON c.id = r."communeId"
WHERE r.reach IN ('PHONE_ONLY', 'NONE')
ORDER BY c.name, c.id, r."fullNameAscii", r.id
${limit} OFFSET ${page.skip ?? 0}`,
  );
  return rows.map((r) => ({
    beneficiaryId: r.id,
    fullName: r.fullName,
    address: r.address,
    communeId: r.communeId,
    communeName: r.communeName,
    maskedPhone: r.phone ? mask(r.phone) : null,
    reach: r.reach,
  }));
}
