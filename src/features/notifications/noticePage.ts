// Reads the next page of a lane (see noticeCandidates.ts) with everything the page's notices need
// (the payout as the chat shows it, the person, their chats and authorisations, the notices
// already planned), in one statement: the walk through the lane's index picks the page, and the
// same statement reads the rest for the payouts whose notice is due, so each payout row is read
// once. A country's month of payouts is planned in a few thousand round trips. The payout's
// schedule is picked in SQL exactly as payoutView picks it from the commune's schedules: its
// point's earliest, else (not for a visit at home) the commune's earliest.
import { z } from "zod";
import { hotRows } from "../../db/hotRows.ts";
import { sqlDate, sqlInt } from "../../db/queryRows.ts";
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
 * their day from a commune's schedule. A lane walked by beneficiary may hold only the beneficiaries
 * of a key range, so that a lane of a whole country's month is walked by several workers at once.
 */
export type NoticeLane =
  | { status: PayoutStatus; periodId: string; keys?: KeyRange }
  | { paidSince: Date; paidUntil: Date }
  | { periodId: string; ownDay: { from: CalendarDate; until: CalendarDate }; keys?: KeyRange }
  | { periodId: string; communeId: string };

/** Beneficiary ids from `from` (included) up to `below` (excluded; null: to the end). */
export interface KeyRange {
  from: string;
  below: string | null;
}

/** Where a lane's walk stands: after this key (a beneficiary id, or a payment time and payout id). */
export interface NoticeCursor {
  lane: NoticeLane;
  after: string;
  afterPaidAt: Date | null;
}

const text = z.string().nullable();
// The payout's columns the page reads (PAYOUT_COLUMNS), as payoutView and the notices read them;
// each name must be a column of Payout (checked below), as it goes into the SQL as it is.
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
} satisfies Partial<Record<keyof Omit<PayoutViewRow, "period" | "point" | "account" | "lines">, z.ZodType>>;
const PAYOUT_COLUMNS = Prisma.raw(
  Object.keys(payoutColumns)
    .map((c) => `p."${c}"`)
    .join(", "),
);

// Every row of the page comes back, due or not: the last one is where the walk goes on.
const pageRow = z.object({
  ...payoutColumns,
  walkKey: z.string(),
  walkPaidAt: sqlDate.nullable(),
  due: z.boolean(),
  month: sqlDate,
  fullName: z.string(),
  programme: z.string(),
  phone: text,
  pointName: text,
  pointAddress: text,
  accountProvider: text,
  accountLast4: text,
  scheduleDate: sqlDate.nullable(),
  scheduleStart: text,
  scheduleEnd: text,
  schedulePointId: text,
  schedulePointName: text,
  schedulePointAddress: text,
  // Read for due payouts only (null otherwise); json_agg columns are checked one by one in subject().
  carriedOver: sqlInt.nullable(),
  planned: z.unknown(),
  chats: z.unknown(),
  authorisations: z.unknown(),
});
type Row = z.output<typeof pageRow>;

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
 * The next page of a lane: up to `limit` payouts without a notice of the kind, taken through an
 * index, with everything their notices need for those that are due now (`candidates.where`), and
 * where the lane goes on (null at its end). (Asked without the page's limit, the database would
 * gather every candidate of the month to sort out each page.)
 */
export async function loadNoticePage(
  prisma: PrismaClient,
  kind: NoticeKind,
  candidates: Candidates,
  cursor: NoticeCursor,
  limit: number,
): Promise<{ subjects: NoticeSubject[]; next: NoticeCursor | null }> {
  const page = await hotRows(prisma, pageRow, pageSql(kind, candidates, cursor, limit));
  const last = page.at(-1);
  const due = page.filter((r) => r.due);
  const missed =
    kind === "UNCOLLECTED" && due.length > 0 ? await missedMonths(prisma, due) : new Map<string, Set<CalendarDate>>();
  return {
    subjects: due.map((r) => subject(r, missed.get(r.beneficiaryId))),
    next:
      page.length < limit || !last ? null : { lane: cursor.lane, after: last.walkKey, afterPaidAt: last.walkPaidAt },
  };
}

/** The walk's step: a lane's next `limit` payouts without a notice of the kind, in the lane's order. */
function walkSql(kind: NoticeKind, cursor: NoticeCursor, limit: number): { sql: Prisma.Sql; order: Prisma.Sql } {
  const { lane } = cursor;
  const byBeneficiary = Prisma.sql`p."walkKey"`;
  if ("status" in lane)
    return {
      order: byBeneficiary,
      sql: Prisma.sql`
SELECT ${PAYOUT_COLUMNS}, p."beneficiaryId" AS "walkKey", NULL::timestamp AS "walkPaidAt" FROM "Payout" p
WHERE p.status = ${lane.status}::"PayoutStatus" AND p."periodId" = ${lane.periodId} AND ${keys(lane.keys, cursor)} AND ${noNotice(kind)}
ORDER BY p."beneficiaryId" LIMIT ${limit}`,
    };
  if ("paidSince" in lane)
    return {
      order: Prisma.sql`p."walkPaidAt", p.id`,
      sql: Prisma.sql`
SELECT ${PAYOUT_COLUMNS}, p.id AS "walkKey", p."paidAt" AS "walkPaidAt" FROM "Payout" p
WHERE p."paidAt" > ${lane.paidSince} AND p."paidAt" <= ${lane.paidUntil} AND p.status = 'PAID'
  AND (p."paidAt", p.id) > (${cursor.afterPaidAt ?? lane.paidSince}, ${cursor.after}) AND ${noNotice(kind)}
ORDER BY p."paidAt", p.id LIMIT ${limit}`,
    };
  // Reminders are for cash payouts still to be paid; the day itself is checked with the rest.
  const toRemind = Prisma.sql`p.status = 'SCHEDULED' AND p.method IN ('CASH_POINT', 'CASH_HOME') AND ${noNotice(kind)}`;
  if ("ownDay" in lane)
    return {
      order: byBeneficiary,
      sql: Prisma.sql`
SELECT ${PAYOUT_COLUMNS}, p."beneficiaryId" AS "walkKey", NULL::timestamp AS "walkPaidAt" FROM "Payout" p
WHERE p."periodId" = ${lane.periodId} AND p."scheduledDate" BETWEEN ${lane.ownDay.from}::date AND ${lane.ownDay.until}::date
  AND ${keys(lane.keys, cursor)} AND ${toRemind}
ORDER BY p."beneficiaryId" LIMIT ${limit}`,
    };
  // A payout with a day of its own is in its period's ownDay lane, whatever its commune's schedule says.
  return {
    order: byBeneficiary,
    sql: Prisma.sql`
SELECT ${PAYOUT_COLUMNS}, b.id AS "walkKey", NULL::timestamp AS "walkPaidAt" FROM "Beneficiary" b
JOIN "Payout" p ON p."periodId" = ${lane.periodId} AND p."beneficiaryId" = b.id
WHERE b."communeId" = ${lane.communeId} AND b.status = 'ACTIVE' AND b.id > ${cursor.after}
  AND p."scheduledDate" IS NULL AND ${toRemind}
ORDER BY b.id LIMIT ${limit}`,
  };
}

// Both lower bounds go to the index (PostgreSQL keeps the tighter one); the upper bound, when there
// is one, ends the walk of the range in the index too.
function keys(range: KeyRange | undefined, cursor: NoticeCursor): Prisma.Sql {
  const after = Prisma.sql`p."beneficiaryId" > ${cursor.after}`;
  if (!range) return after;
  const below = range.below === null ? Prisma.empty : Prisma.sql` AND p."beneficiaryId" < ${range.below}`;
  return Prisma.sql`p."beneficiaryId" >= ${range.from} AND ${after}${below}`;
}

// The notices already planned for the payout: only a reminder's rule looks at them (dueNow).
const plannedNotices = Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('kind', n.kind, 'plannedAt', to_char(n."plannedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]') FROM "PayoutNotice" n WHERE n."payoutId" = p.id)`;

function pageSql(kind: NoticeKind, candidates: Candidates, cursor: NoticeCursor, limit: number): Prisma.Sql {
  const walk = walkSql(kind, cursor, limit);
  // The page is taken first, as it stands (MATERIALIZED): the rest is read for its rows only.
  return Prisma.sql`
WITH page AS MATERIALIZED (${walk.sql})
SELECT p.*, per.month, b."fullName", b.phone, b.programme::text AS programme, d.due IS NOT NULL AS due,
  pt.name AS "pointName", pt.address AS "pointAddress", acc.provider AS "accountProvider", acc."accountLast4",
  s.date AS "scheduleDate", s."startTime" AS "scheduleStart", s."endTime" AS "scheduleEnd", s."pointId" AS "schedulePointId",
  spt.name AS "schedulePointName", spt.address AS "schedulePointAddress",
  d."carriedOver", d.planned, d.chats, d.authorisations
FROM page p
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
LEFT JOIN LATERAL (
  SELECT TRUE AS due,
  COALESCE((SELECT SUM(l.amount) FROM "PayoutLine" l WHERE l."payoutId" = p.id AND l.kind = 'CARRIED_OVER'), 0)::int AS "carriedOver",
  ${kind === "REMINDER" ? plannedNotices : Prisma.sql`'[]'::json`} AS planned,
  (SELECT COALESCE(json_agg(json_build_object('identityId', i.id, 'channel', i.channel, 'locale', i.locale, 'role', l.role,
      'authorisationId', l."authorisationId", 'relativeId', i."relativeId", 'consentGiven', i."consentAt" IS NOT NULL AND i."consentWithdrawnAt" IS NULL,
      'reachable', i.reachable, 'notificationsOff', i."notificationsOff") ORDER BY l."linkedAt", l.id), '[]')
    FROM "ChatLink" l JOIN "ChatIdentity" i ON i.id = l."identityId" WHERE l."beneficiaryId" = p."beneficiaryId") AS chats,
  (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'relativeId', a."relativeId", 'status', a.status, 'validFrom', a."validFrom",
      'validUntil', a."validUntil", 'relativePhone', r.phone) ORDER BY a."validFrom", a.id), '[]')
    FROM "Authorisation" a JOIN "Relative" r ON r.id = a."relativeId" WHERE a."beneficiaryId" = p."beneficiaryId" AND a.status = 'APPROVED') AS authorisations
  WHERE ${candidates.where}) d ON TRUE
ORDER BY ${walk.order}`;
}

function subject(r: Row, missed: Set<CalendarDate> | undefined): NoticeSubject {
  const point =
    r.pointId && r.pointName !== null && r.pointAddress !== null
      ? { id: r.pointId, name: r.pointName, address: r.pointAddress }
      : null;
  const view = payoutView(
    {
      amount: r.amount,
      status: r.status,
      method: r.method,
      pointId: r.pointId,
      scheduledDate: r.scheduledDate,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      paidAt: r.paidAt,
      receivedBy: r.receivedBy,
      statusNote: r.statusNote,
      period: { id: r.periodId, month: r.month },
      point,
      account:
        r.accountProvider !== null && r.accountLast4 !== null
          ? { provider: r.accountProvider, accountLast4: r.accountLast4 }
          : null,
      lines: [{ amount: r.carriedOver ?? 0 }],
    },
    r.scheduleDate && r.scheduleStart !== null && r.scheduleEnd !== null
      ? [schedule(r, r.scheduleDate, r.scheduleStart, r.scheduleEnd)]
      : [],
  );
  return {
    payoutId: r.id,
    beneficiaryId: r.beneficiaryId,
    name: r.fullName,
    phone: r.phone,
    payout: view,
    planned: planned.parse(r.planned),
    chats: chats.parse(r.chats),
    authorisations: authorisations.parse(r.authorisations),
    // The 3-month suspension rule (Circular 02/2021 art. 2.3.a) is for social assistance only.
    missedInARow: r.programme === "BTXH" ? inARow(missed, view.month) : 0,
    paidToOther: paidToSomeoneElse({
      status: r.status,
      authorisationId: r.authorisationId,
      receivedBy: r.receivedBy,
      beneficiaryName: r.fullName,
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
