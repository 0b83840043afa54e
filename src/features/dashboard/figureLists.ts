// The people and items behind each dashboard figure, by the very definitions the figures are
// counted with (figureSql.ts), so the length of a list is the figure. Every list has the same
// columns; what c1…c4, amount and at hold depends on its family (see FAMILY_OF).
import { z } from "zod";
import { queryRows, sqlDate, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { reachablePeopleSql } from "../notifications/reachablePeopleSql.ts";
import {
  ACCOUNT_METHODS,
  breachedTicket,
  broadcastOutcome,
  HAS_OWN_LINK,
  HAS_RELATIVE_LINK,
  inArea,
  NOT_COLLECTED,
  noticeOutcome,
  OPEN_TICKET,
  periodBroadcastLines,
  periodNoticeMessages,
  periodPayouts,
  type BroadcastOutcome,
  type NoticeOutcome,
} from "./figureSql.ts";

export const LIST_FIGURES = [
  "active",
  "linkedOwn",
  "linkedRelative",
  "ownChat",
  "relativeChat",
  "phoneOnly",
  "none",
  "paid",
  "accountPaid",
  "uncollected",
  "noticesSent",
  "noticesFailed",
  "noticesSkipped",
  "noticesWaiting",
  "broadcastSent",
  "broadcastFailed",
  "broadcastUnreached",
  "broadcastUnsent",
  "requestsPending",
  "ticketsOpen",
  "ticketsBreached",
] as const;
export type ListFigure = (typeof LIST_FIGURES)[number];

/**
 *   people    c1 masked phone the notices would use, c2 address, c3 reach class
 *   payouts   c1 method, c2 payout status, amount
 *   notices   c1 notice kind, c2 channel, c3 delivery status, c4 failure reason, at sent or written
 *   broadcasts  one line of an officers' message: c1 the broadcast's title, c2 channel, c3 delivery
 *             status, c4 reason it failed or was skipped, at the line's last change
 *   requests  c1 request kind, at submitted
 *   tickets   id = ticket number, c1 topic, c2 status, c3 priority, at answer due
 */
export type ListFamily = "people" | "payouts" | "notices" | "broadcasts" | "requests" | "tickets";

export const FAMILY_OF: Record<ListFigure, ListFamily> = {
  active: "people",
  linkedOwn: "people",
  linkedRelative: "people",
  ownChat: "people",
  relativeChat: "people",
  phoneOnly: "people",
  none: "people",
  paid: "payouts",
  accountPaid: "payouts",
  uncollected: "payouts",
  noticesSent: "notices",
  noticesFailed: "notices",
  noticesSkipped: "notices",
  noticesWaiting: "notices",
  broadcastSent: "broadcasts",
  broadcastFailed: "broadcasts",
  broadcastUnreached: "broadcasts",
  broadcastUnsent: "broadcasts",
  requestsPending: "requests",
  ticketsOpen: "tickets",
  ticketsBreached: "tickets",
};

export interface ListRow {
  id: string;
  beneficiaryId: string | null;
  fullName: string | null;
  communeId: string;
  communeName: string;
  c1: string | null;
  c2: string | null;
  c3: string | null;
  c4: string | null;
  amount: number | null;
  at: Date | null;
}

export interface ListScope {
  periodId: string | null;
  today: CalendarDate;
  now: Date;
}

type Db = Pick<PrismaClient, "$queryRaw">;
const listRow = z.object({
  id: z.string(),
  beneficiaryId: z.string().nullable(),
  fullName: z.string().nullable(),
  communeId: z.string(),
  communeName: z.string(),
  c1: z.string().nullable(),
  c2: z.string().nullable(),
  c3: z.string().nullable(),
  c4: z.string().nullable(),
  amount: sqlInt.nullable(),
  at: sqlDate.nullable(),
}) satisfies z.ZodType<ListRow>;

export async function figureList(
  db: Db,
  communeIds: string[] | null,
  figure: ListFigure,
  scope: ListScope,
  page?: { take: number; skip: number },
): Promise<ListRow[]> {
  const items = itemsSql(figure, communeIds, scope);
  if (!items) return [];
  const limit = page ? Prisma.sql`LIMIT ${page.take} OFFSET ${page.skip}` : Prisma.empty;
  const rows = await queryRows(
    db,
    listRow,
    Prisma.sql`
SELECT x.id, x."beneficiaryId", x."fullName", x."communeId", c.name AS "communeName", x.c1, x.c2, x.c3, x.c4, x.amount, x.at
FROM (${items}) x JOIN "Commune" c ON c.id = x."communeId"
ORDER BY c.name, c.id, x.sort, x.id
${limit}`,
  );
  return rows.map((r) => ({ ...r, c1: FAMILY_OF[figure] === "people" && r.c1 ? mask(r.c1) : r.c1 }));
}

export async function figureListCount(
  db: Db,
  communeIds: string[] | null,
  figure: ListFigure,
  scope: ListScope,
): Promise<number> {
  const items = itemsSql(figure, communeIds, scope);
  if (!items) return 0;
  const [row] = await queryRows(db, z.object({ n: sqlInt }), Prisma.sql`SELECT COUNT(*)::int AS n FROM (${items}) x`);
  return row?.n ?? 0;
}

const NOTICE_OUTCOME: Partial<Record<ListFigure, NoticeOutcome>> = {
  noticesSent: "SENT",
  noticesFailed: "FAILED",
  noticesSkipped: "SKIPPED",
  noticesWaiting: "WAITING",
};
const BROADCAST_OUTCOME: Partial<Record<ListFigure, BroadcastOutcome>> = {
  broadcastSent: "SENT",
  broadcastFailed: "FAILED",
  broadcastUnreached: "UNREACHED",
  broadcastUnsent: "UNSENT",
};
const REACH_CLASS: Partial<Record<ListFigure, string>> = {
  ownChat: "OWN_CHAT",
  relativeChat: "RELATIVE_CHAT",
  phoneOnly: "PHONE_ONLY",
  none: "NONE",
};

/** One row per item with the shared columns plus `sort`; null when the figure needs a period and there is none. */
function itemsSql(figure: ListFigure, communeIds: string[] | null, scope: ListScope): Prisma.Sql | null {
  const family = FAMILY_OF[figure];
  if (communeIds?.length === 0) return null;
  if ((family === "payouts" || family === "notices" || family === "broadcasts") && !scope.periodId) return null;
  const period = scope.periodId ? [scope.periodId] : [];
  switch (family) {
    case "people": {
      const reach = REACH_CLASS[figure];
      const where =
        figure === "linkedOwn"
          ? HAS_OWN_LINK
          : figure === "linkedRelative"
            ? Prisma.sql`NOT ${HAS_OWN_LINK} AND ${HAS_RELATIVE_LINK}`
            : reach
              ? Prisma.sql`b.reach = ${reach}`
              : Prisma.sql`TRUE`;
      return Prisma.sql`
WITH reach AS (${reachablePeopleSql(communeIds, scope.today)})
SELECT b.id, b.id AS "beneficiaryId", b."fullName", b."communeId", b.phone AS c1, b.address AS c2, b.reach AS c3, NULL::text AS c4,
  NULL::bigint AS amount, NULL::timestamp AS at, b."fullNameAscii" AS sort
FROM reach b WHERE ${where}`;
    }
    case "payouts": {
      const where =
        figure === "paid"
          ? Prisma.sql`b.status = 'ACTIVE'`
          : figure === "accountPaid"
            ? Prisma.sql`b.status = 'ACTIVE' AND p.method IN ${ACCOUNT_METHODS}`
            : Prisma.sql`p.status IN ${NOT_COLLECTED}`;
      return Prisma.sql`
SELECT p.id, b.id AS "beneficiaryId", b."fullName", b."communeId", p.method::text AS c1, p.status::text AS c2, NULL::text AS c3, NULL::text AS c4,
  p.amount::bigint AS amount, p."paidAt" AS at, b."fullNameAscii" AS sort
FROM ${periodPayouts(period, communeIds)} AND ${where}`;
    }
    case "notices":
      return Prisma.sql`
SELECT o.id, b.id AS "beneficiaryId", b."fullName", b."communeId", n.kind::text AS c1, o.channel::text AS c2, o.status::text AS c3, o."failureReason" AS c4,
  NULL::bigint AS amount, COALESCE(o."sentAt", o."createdAt") AS at, b."fullNameAscii" || ' ' || n.kind::text AS sort
FROM ${periodNoticeMessages(period, communeIds)} AND ${noticeOutcome(NOTICE_OUTCOME[figure] ?? "SENT")}`;
    case "broadcasts":
      return Prisma.sql`
SELECT d.id, b.id AS "beneficiaryId", b."fullName", b."communeId", br.title AS c1, d.channel AS c2, d.status::text AS c3, d.reason AS c4,
  NULL::bigint AS amount, d."updatedAt" AS at, b."fullNameAscii" || ' ' || to_char(br."createdAt", 'YYYYMMDDHH24MISSUS') AS sort
FROM ${periodBroadcastLines(period, communeIds)} AND ${broadcastOutcome(BROADCAST_OUTCOME[figure] ?? "SENT")}`;
    case "requests":
      return Prisma.sql`
SELECT r.id, b.id AS "beneficiaryId", b."fullName", b."communeId", r.kind::text AS c1, NULL::text AS c2, NULL::text AS c3, NULL::text AS c4,
  NULL::bigint AS amount, r."createdAt" AS at, to_char(r."createdAt", 'YYYYMMDDHH24MISSUS') AS sort
FROM "ChangeRequest" r JOIN "Beneficiary" b ON b.id = r."beneficiaryId"
WHERE r.status = 'PENDING' AND ${inArea(`b."communeId"`, communeIds)}`;
    case "tickets":
      return Prisma.sql`
SELECT t.number::text AS id, b.id AS "beneficiaryId", b."fullName", t."communeId", t.topic AS c1, t.status::text AS c2, t.priority::text AS c3, NULL::text AS c4,
  NULL::bigint AS amount, CASE WHEN t."firstRespondedAt" IS NULL THEN t."firstResponseDueAt" ELSE t."nextResponseDueAt" END AS at,
  lpad(t.number::text, 12, '0') AS sort
FROM "HotlineTicket" t LEFT JOIN "Beneficiary" b ON b.id = t."beneficiaryId"
WHERE ${OPEN_TICKET} AND t."communeId" IS NOT NULL AND ${inArea(`t."communeId"`, communeIds)}
  ${figure === "ticketsBreached" ? Prisma.sql`AND ${breachedTicket(scope.now)}` : Prisma.empty}`;
  }
}
