// Reads the payouts that may need a notice a page at a time, with everything their notices need
// (the payout as the chat shows it, the person, their chats and authorisations, the notices
// already planned) in one statement per page: a country's month of payouts is planned in a few
// thousand round trips. The payout's schedule is picked in SQL exactly as payoutView picks it from the
// commune's schedules: its point's earliest, else (not for a visit at home) the commune's earliest.
import { z } from "zod";
import { queryRows, sqlDate, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { PayoutMethod, PayoutStatus, type NoticeKind } from "../../generated/prisma/enums.ts";
import { addMonths, calendarDate, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { payoutView, type PayoutViewRow } from "../payouts/repository.ts";
import { paidToSomeoneElse } from "../payouts/notReceived.ts";
import type { PayoutView } from "../payouts/types.ts";
import { noNotice, type Candidates } from "./noticeCandidates.ts";
import type { AuthorisationFacts, LinkedChat } from "./noticeRecipients.ts";

export interface NoticeSubject {
  payoutId: string;
  beneficiaryId: string;
  name: string;
  phone: string | null;
  payout: PayoutView;
  /** The notices planned for the payout so far (read for reminders only, the rule that looks at them). */
  planned: { kind: NoticeKind; plannedAt: Date }[];
  chats: (LinkedChat & { locale: string })[];
  authorisations: AuthorisationFacts[];
  /** Months not collected in a row up to this payout's month (UNCOLLECTED, social assistance only). */
  missedInARow: number;
  /** Paid, and to someone other than the person (an authorised relative, another name). */
  paidToOther: boolean;
}

/**
 * One lane of a walk (see noticeCandidates.ts): a payout status in a period, the payments of a time
 * span, or, for reminders, the cash payouts of a period with their own day in the window or taking
 * their day from a commune's schedule.
 */
export type NoticeLane =
  | { status: PayoutStatus; periodId: string }
  | { paidSince: Date; paidUntil: Date }
  | { periodId: string; ownDay: { from: CalendarDate; until: CalendarDate } }
  | { periodId: string; communeId: string };

/** Where a lane's walk stands: after this key (a beneficiary id, or a payment time and payout id). */
export interface NoticeCursor {
  lane: NoticeLane;
  after: string;
  afterPaidAt: Date | null;
}

const pageRow = z.object({ id: z.string(), key: z.string(), paidAt: sqlDate.nullable() });

const text = z.string().nullable();
// `p.*`: every column of Payout, as payoutView reads it.
const payoutColumns = {
  id: z.string(),
  periodId: z.string(),
  beneficiaryId: z.string(),
  amount: sqlInt,
  method: z.enum(PayoutMethod),
  accountId: text,
  pointId: text,
  scheduledDate: sqlDate.nullable(),
  windowStart: text,
  windowEnd: text,
  status: z.enum(PayoutStatus),
  statusNote: text,
  paidAt: sqlDate.nullable(),
  receivedBy: text,
  authorisationId: text,
  createdAt: sqlDate,
  updatedAt: sqlDate,
} satisfies Record<keyof Omit<PayoutViewRow, "period" | "point" | "account" | "lines">, z.ZodType>;

const row = z.object({
  ...payoutColumns,
  month: sqlDate,
  fullName: z.string(),
  programme: z.string(),
  phone: text,
  pointName: text,
  pointAddress: text,
  accountProvider: text,
  accountLast4: text,
  carriedOver: sqlInt,
  scheduleDate: sqlDate.nullable(),
  scheduleStart: text,
  scheduleEnd: text,
  schedulePointId: text,
  schedulePointName: text,
  schedulePointAddress: text,
  // json_agg columns: checked one by one in subject().
  planned: z.unknown(),
  chats: z.unknown(),
  authorisations: z.unknown(),
});
type Row = z.output<typeof row>;

const planned = z.array(
  z.object({ kind: z.enum(["SCHEDULED", "REMINDER", "PAID", "FAILED", "UNCOLLECTED"]), plannedAt: z.coerce.date() }),
);
const chats = z.array(
  z.object({
    identityId: z.string(),
    channel: z.string(),
    locale: z.string(),
    role: z.enum(["SELF", "REPRESENTATIVE"]),
    authorisationId: z.string().nullable(),
    relativeId: z.string().nullable(),
    consentGiven: z.boolean(),
    reachable: z.boolean(),
    notificationsOff: z.boolean(),
  }),
);
const authorisations = z.array(
  z.object({
    id: z.string(),
    relativeId: z.string(),
    status: z.string(),
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
    relativePhone: z.string().nullable(),
  }),
);

/**
 * The next page of a lane: up to `limit` ids of payouts without a notice of the kind, through an
 * index, and where the lane goes on (null at its end). loadNoticeBatch then reads those that are
 * due. (Asked in one statement, the database would gather every candidate of the month to sort out
 * each page.)
 */
export async function nextPage(
  prisma: PrismaClient,
  kind: NoticeKind,
  cursor: NoticeCursor,
  limit: number,
): Promise<{ ids: string[]; next: NoticeCursor | null }> {
  const { lane } = cursor;
  const page = await queryRows(prisma, pageRow, pageSql(kind, cursor, limit));
  const last = page.at(-1);
  return {
    ids: page.map((p) => p.id),
    next: page.length < limit || !last ? null : { lane, after: last.key, afterPaidAt: last.paidAt },
  };
}

function pageSql(kind: NoticeKind, cursor: NoticeCursor, limit: number): Prisma.Sql {
  const { lane } = cursor;
  if ("status" in lane)
    return Prisma.sql`
SELECT p.id, p."beneficiaryId" AS key, NULL::timestamp AS "paidAt" FROM "Payout" p
WHERE p.status = ${lane.status}::"PayoutStatus" AND p."periodId" = ${lane.periodId} AND p."beneficiaryId" > ${cursor.after} AND ${noNotice(kind)}
ORDER BY p."beneficiaryId" LIMIT ${limit}`;
  if ("paidSince" in lane)
    return Prisma.sql`
SELECT p.id, p.id AS key, p."paidAt" FROM "Payout" p
WHERE p."paidAt" > ${lane.paidSince} AND p."paidAt" <= ${lane.paidUntil} AND p.status = 'PAID'
  AND (p."paidAt", p.id) > (${cursor.afterPaidAt ?? lane.paidSince}, ${cursor.after}) AND ${noNotice(kind)}
ORDER BY p."paidAt", p.id LIMIT ${limit}`;
  // Reminders are for cash payouts still to be paid; the day itself is checked by loadNoticeBatch.
  const toRemind = Prisma.sql`p.status = 'SCHEDULED' AND p.method IN ('CASH_POINT', 'CASH_HOME') AND ${noNotice(kind)}`;
  if ("ownDay" in lane)
    return Prisma.sql`
SELECT p.id, p."beneficiaryId" AS key, NULL::timestamp AS "paidAt" FROM "Payout" p
WHERE p."periodId" = ${lane.periodId} AND p."scheduledDate" BETWEEN ${lane.ownDay.from}::date AND ${lane.ownDay.until}::date
  AND p."beneficiaryId" > ${cursor.after} AND ${toRemind}
ORDER BY p."beneficiaryId" LIMIT ${limit}`;
  // A payout with a day of its own is in its period's ownDay lane, whatever its commune's schedule says.
  return Prisma.sql`
SELECT p.id, b.id AS key, NULL::timestamp AS "paidAt" FROM "Beneficiary" b
JOIN "Payout" p ON p."periodId" = ${lane.periodId} AND p."beneficiaryId" = b.id
WHERE b."communeId" = ${lane.communeId} AND b.status = 'ACTIVE' AND b.id > ${cursor.after}
  AND p."scheduledDate" IS NULL AND ${toRemind}
ORDER BY b.id LIMIT ${limit}`;
}

// The notices already planned for the payout: only a reminder's rule looks at them (dueNow).
const plannedNotices = Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('kind', n.kind, 'plannedAt', to_char(n."plannedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]') FROM "PayoutNotice" n WHERE n."payoutId" = p.id)`;

/** The candidates among `ids`, with everything their notices need. */
export async function loadNoticeBatch(
  prisma: PrismaClient,
  kind: NoticeKind,
  candidates: Candidates,
  ids: string[],
): Promise<NoticeSubject[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows(
    prisma,
    row,
    Prisma.sql`
SELECT p.*, per.month, b."fullName", b.phone, b.programme::text AS programme,
  pt.name AS "pointName", pt.address AS "pointAddress", acc.provider AS "accountProvider", acc."accountLast4",
  COALESCE((SELECT SUM(l.amount) FROM "PayoutLine" l WHERE l."payoutId" = p.id AND l.kind = 'CARRIED_OVER'), 0)::int AS "carriedOver",
  s.date AS "scheduleDate", s."startTime" AS "scheduleStart", s."endTime" AS "scheduleEnd", s."pointId" AS "schedulePointId",
  spt.name AS "schedulePointName", spt.address AS "schedulePointAddress",
  ${kind === "REMINDER" ? plannedNotices : Prisma.sql`'[]'::json`} AS planned,
  (SELECT COALESCE(json_agg(json_build_object('identityId', i.id, 'channel', i.channel, 'locale', i.locale, 'role', l.role,
      'authorisationId', l."authorisationId", 'relativeId', i."relativeId", 'consentGiven', i."consentAt" IS NOT NULL AND i."consentWithdrawnAt" IS NULL,
      'reachable', i.reachable, 'notificationsOff', i."notificationsOff") ORDER BY l."linkedAt", l.id), '[]')
    FROM "ChatLink" l JOIN "ChatIdentity" i ON i.id = l."identityId" WHERE l."beneficiaryId" = p."beneficiaryId") AS chats,
  (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'relativeId', a."relativeId", 'status', a.status, 'validFrom', a."validFrom",
      'validUntil', a."validUntil", 'relativePhone', r.phone) ORDER BY a."validFrom", a.id), '[]')
    FROM "Authorisation" a JOIN "Relative" r ON r.id = a."relativeId" WHERE a."beneficiaryId" = p."beneficiaryId" AND a.status = 'APPROVED') AS authorisations
FROM "Payout" p
JOIN "PayoutPeriod" per ON per.id = p."periodId"
JOIN "Beneficiary" b ON b.id = p."beneficiaryId"
LEFT JOIN "PayoutPoint" pt ON pt.id = p."pointId"
LEFT JOIN "PayoutAccount" acc ON acc.id = p."accountId"
LEFT JOIN LATERAL (
  SELECT s.date, s."startTime", s."endTime", s."pointId" FROM "PayoutSchedule" s
  WHERE s."periodId" = p."periodId" AND s."communeId" = b."communeId" AND (s."pointId" = p."pointId" OR p.method <> 'CASH_HOME')
  ORDER BY (s."pointId" IS NOT DISTINCT FROM p."pointId" AND p."pointId" IS NOT NULL) DESC, s.date, s."startTime"
  LIMIT 1) s ON TRUE
LEFT JOIN "PayoutPoint" spt ON spt.id = s."pointId"
WHERE p.id = ANY(${ids}::text[]) AND ${candidates.where}`,
  );
  const missed =
    kind === "UNCOLLECTED" && rows.length > 0 ? await missedMonths(prisma, rows) : new Map<string, Set<CalendarDate>>();
  return rows.map((r) => subject(r, missed.get(r.beneficiaryId)));
}

function subject(r: Row, missed: Set<CalendarDate> | undefined): NoticeSubject {
  const {
    month,
    fullName,
    phone,
    programme,
    pointName,
    pointAddress,
    accountProvider,
    accountLast4,
    carriedOver,
    planned: p,
    chats: c,
    authorisations: a,
    ...payout
  } = r;
  const point =
    r.pointId && pointName !== null && pointAddress !== null
      ? { id: r.pointId, name: pointName, address: pointAddress }
      : null;
  const view = payoutView(
    {
      ...payout,
      period: { id: r.periodId, month },
      point,
      account: accountProvider !== null && accountLast4 !== null ? { provider: accountProvider, accountLast4 } : null,
      lines: [{ amount: carriedOver }],
    },
    r.scheduleDate && r.scheduleStart !== null && r.scheduleEnd !== null
      ? [schedule(r, r.scheduleDate, r.scheduleStart, r.scheduleEnd)]
      : [],
  );
  return {
    payoutId: r.id,
    beneficiaryId: r.beneficiaryId,
    name: fullName,
    phone,
    payout: view,
    planned: planned.parse(p),
    chats: chats.parse(c),
    authorisations: authorisations.parse(a),
    // The 3-month suspension rule (Circular 02/2021 art. 2.3.a) is for social assistance only.
    missedInARow: programme === "BTXH" ? inARow(missed, view.month) : 0,
    paidToOther: paidToSomeoneElse({
      status: r.status,
      authorisationId: r.authorisationId,
      receivedBy: r.receivedBy,
      beneficiaryName: fullName,
    }),
  };
}

function schedule(r: Row, date: Date, startTime: string, endTime: string) {
  const point =
    r.schedulePointId && r.schedulePointName !== null && r.schedulePointAddress !== null
      ? { id: r.schedulePointId, name: r.schedulePointName, address: r.schedulePointAddress }
      : null;
  return { id: "", periodId: r.periodId, communeId: "", pointId: r.schedulePointId, date, startTime, endTime, point };
}

/** The months each beneficiary did not collect, over the last few months. */
async function missedMonths(prisma: PrismaClient, rows: Row[]): Promise<Map<string, Set<CalendarDate>>> {
  const earliest = rows.map((r) => fromDbDate(r.month)).sort()[0];
  if (!earliest) return new Map();
  // A streak longer than the suspension rule's 3 months says nothing more.
  const since = calendarDate(addMonths(earliest, -6));
  const found = await prisma.payout.findMany({
    where: {
      beneficiaryId: { in: [...new Set(rows.map((r) => r.beneficiaryId))] },
      status: { in: ["UNCOLLECTED", "CARRIED_OVER"] },
      period: { month: { gte: since } },
    },
    select: { beneficiaryId: true, period: { select: { month: true } } },
  });
  const out = new Map<string, Set<CalendarDate>>();
  for (const r of found) {
    const set = out.get(r.beneficiaryId) ?? new Set<CalendarDate>();
    set.add(fromDbDate(r.period.month));
    out.set(r.beneficiaryId, set);
  }
  return out;
}

/** Consecutive calendar months missed, counting back from `month` itself. */
function inARow(missed: Set<CalendarDate> | undefined, month: CalendarDate): number {
  let count = 0;
  while (missed?.has(addMonths(month, -count))) count++;
  return count;
}
