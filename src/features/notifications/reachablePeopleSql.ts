// How each ACTIVE beneficiary can be reached with a payout notice, by the same rules the notices
// follow (noticeRecipients.ts), as one SQL statement so a province is counted in one pass:
//   OWN_CHAT       at least one chat linked as the person themself that can get messages: consent
//                  given and not withdrawn, not marked unreachable by the platform (blocked bot).
//   RELATIVE_CHAT  no such own chat, but a relative's chat that can: linked by the officer's code,
//                  or through an authorisation that is approved and valid today.
//   PHONE_ONLY     no usable chat, but a phone number: the authorised relative's (authorisation
//                  valid today) or else the person's own. Notices go there by ZNS or SMS when one
//                  is configured.
//   NONE           nothing: an officer has to visit.
// "Notices off" is counted apart: reachable by chat, but every usable chat turned notices off, so
// the person gets no payout notices by their own choice (and no phone message either).
import { Prisma } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";

export type ReachClass = "OWN_CHAT" | "RELATIVE_CHAT" | "PHONE_ONLY" | "NONE";

/**
 * One row per ACTIVE beneficiary of the communes (all communes when null), with columns
 * id, communeId, fullName, fullNameAscii, address, phone, reach, noticesOff.
 */
export function reachablePeopleSql(communeIds: string[] | null, today: CalendarDate): Prisma.Sql {
  const inArea = communeIds === null ? Prisma.sql`TRUE` : Prisma.sql`b."communeId" IN (${Prisma.join(communeIds)})`;
  const validToday = (a: string) =>
    Prisma.sql`${Prisma.raw(a)}.status = 'APPROVED' AND ${Prisma.raw(a)}."validFrom" <= ${today}::date AND ${Prisma.raw(a)}."validUntil" >= ${today}::date`;
  // The area's people are read once; their usable chats and authorised relative's phone are then
  // gathered per person with grouped joins (not a lookup per person), so a province or the whole
  // country is counted in one pass over each table.
  return Prisma.sql`
WITH area_people AS MATERIALIZED (
  SELECT b.id, b."communeId", b."fullName", b."fullNameAscii", b.address, b.phone
  FROM "Beneficiary" b
  WHERE b.status = 'ACTIVE' AND ${inArea}
),
usable AS (
  SELECT l."beneficiaryId",
    bool_or(l.role = 'SELF') AS own,
    bool_or(NOT i."notificationsOff") AS listening
  FROM area_people ap
  JOIN "ChatLink" l ON l."beneficiaryId" = ap.id
  JOIN "ChatIdentity" i ON i.id = l."identityId"
  LEFT JOIN "Authorisation" a ON a.id = l."authorisationId"
  WHERE i."consentAt" IS NOT NULL AND i."consentWithdrawnAt" IS NULL AND i.reachable
    AND i.channel IN ('TELEGRAM', 'ZALO', 'WEB', 'SMS')
    AND (l."authorisationId" IS NULL OR (${validToday("a")}))
  GROUP BY l."beneficiaryId"
),
relative_phone AS (
  SELECT DISTINCT ON (ra."beneficiaryId") ra."beneficiaryId", r.phone
  FROM area_people ap
  JOIN "Authorisation" ra ON ra."beneficiaryId" = ap.id
  JOIN "Relative" r ON r.id = ra."relativeId"
  WHERE ${validToday("ra")} AND r.phone IS NOT NULL
  ORDER BY ra."beneficiaryId", ra."validFrom" DESC, ra.id
),
people AS (
  SELECT ap.id, ap."communeId", ap."fullName", ap."fullNameAscii", ap.address,
    COALESCE(rp.phone, ap.phone) AS phone,
    COALESCE(u.own, FALSE) AS own,
    u."beneficiaryId" IS NOT NULL AS chat,
    COALESCE(u.listening, FALSE) AS listening
  FROM area_people ap
  LEFT JOIN usable u ON u."beneficiaryId" = ap.id
  LEFT JOIN relative_phone rp ON rp."beneficiaryId" = ap.id
)
SELECT id, "communeId", "fullName", "fullNameAscii", address, phone,
  CASE WHEN own THEN 'OWN_CHAT' WHEN chat THEN 'RELATIVE_CHAT' WHEN phone IS NOT NULL THEN 'PHONE_ONLY' ELSE 'NONE' END AS reach,
  (chat AND NOT listening) AS "noticesOff"
FROM people`;
}
