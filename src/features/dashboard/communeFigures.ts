// The dashboard's figures for one payout period, per commune of the area, each counted in one
// set-based statement grouped by commune (definitions in figureSql.ts). The communes and the
// reach classes come from the reach report, so both pages always show the same reach.
import { z } from "zod";
import { queryRows, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { reachByCommune, type CommuneReach } from "../notifications/reachByCommune.ts";
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
} from "./figureSql.ts";

export interface FigureCounts {
  /** ACTIVE beneficiaries (the reach classes add up to this). */
  active: number;
  paid: number;
  accountPaid: number;
  linkedOwn: number;
  linkedRelative: number;
  ownChat: number;
  relativeChat: number;
  phoneOnly: number;
  none: number;
  noticesSent: number;
  noticesFailed: number;
  noticesSkipped: number;
  noticesWaiting: number;
  /** Officers' messages (broadcasts, campaign sends included) of the month, by outcome. */
  broadcastSent: number;
  broadcastFailed: number;
  broadcastUnreached: number;
  broadcastUnsent: number;
  uncollected: number;
  uncollectedAmount: number;
  requestsPending: number;
  ticketsOpen: number;
  ticketsBreached: number;
}

export interface CommuneFigures extends FigureCounts {
  communeId: string;
  communeCode: string;
  communeName: string;
}

export const FIGURE_KEYS = [
  "active",
  "paid",
  "accountPaid",
  "linkedOwn",
  "linkedRelative",
  "ownChat",
  "relativeChat",
  "phoneOnly",
  "none",
  "noticesSent",
  "noticesFailed",
  "noticesSkipped",
  "noticesWaiting",
  "uncollected",
  "uncollectedAmount",
  "requestsPending",
  "ticketsOpen",
  "ticketsBreached",
  "broadcastSent",
  "broadcastFailed",
  "broadcastUnreached",
  "broadcastUnsent",
] as const satisfies readonly (keyof FigureCounts)[];

type Db = Pick<PrismaClient, "$queryRaw">;
// Per commune, the figures one query counts: each column but the commune a whole number.
const countsRow = z.object({ communeId: z.string() }).catchall(sqlInt);
type Row = z.output<typeof countsRow>;

/** The figures that describe today, whatever the month: reach, links, requests, tickets. */
export interface StandingFigures {
  reach: CommuneReach[];
  counts: Row[];
}

export async function standingFigures(
  db: Db,
  communeIds: string[] | null,
  at: { today: CalendarDate; now: Date },
): Promise<StandingFigures> {
  if (communeIds?.length === 0) return { reach: [], counts: [] };
  const [reach, ...counts] = await Promise.all([
    reachByCommune(db, communeIds, at.today),
    queryRows(
      db,
      countsRow,
      Prisma.sql`
SELECT b."communeId",
  COUNT(*) FILTER (WHERE ${HAS_OWN_LINK})::int AS "linkedOwn",
  COUNT(*) FILTER (WHERE NOT ${HAS_OWN_LINK} AND ${HAS_RELATIVE_LINK})::int AS "linkedRelative"
FROM "Beneficiary" b
WHERE b.status = 'ACTIVE' AND ${inArea(`b."communeId"`, communeIds)}
GROUP BY b."communeId"`,
    ),
    queryRows(
      db,
      countsRow,
      Prisma.sql`
SELECT b."communeId", COUNT(*)::int AS "requestsPending"
FROM "ChangeRequest" r JOIN "Beneficiary" b ON b.id = r."beneficiaryId"
WHERE r.status = 'PENDING' AND ${inArea(`b."communeId"`, communeIds)}
GROUP BY b."communeId"`,
    ),
    queryRows(
      db,
      countsRow,
      Prisma.sql`
SELECT t."communeId", COUNT(*)::int AS "ticketsOpen", COUNT(*) FILTER (WHERE ${breachedTicket(at.now)})::int AS "ticketsBreached"
FROM "HotlineTicket" t
WHERE ${OPEN_TICKET} AND t."communeId" IS NOT NULL AND ${inArea(`t."communeId"`, communeIds)}
GROUP BY t."communeId"`,
    ),
  ]);
  return { reach, counts: counts.flat() };
}

/**
 * Every figure of the month per commune. `standing` may be passed when several months are counted
 * at the same moment, so today's figures are counted once.
 */
export async function communeFigures(
  db: Db,
  communeIds: string[] | null,
  at: { periodId: string | null; today: CalendarDate; now: Date },
  standing?: StandingFigures,
): Promise<CommuneFigures[]> {
  if (communeIds?.length === 0) return [];
  const period = at.periodId ? [at.periodId] : null;
  const [today, ...parts] = await Promise.all([
    standing ?? standingFigures(db, communeIds, at),
    period
      ? queryRows(
          db,
          countsRow,
          Prisma.sql`
SELECT b."communeId",
  COUNT(*) FILTER (WHERE b.status = 'ACTIVE')::int AS paid,
  COUNT(*) FILTER (WHERE b.status = 'ACTIVE' AND p.method IN ${ACCOUNT_METHODS})::int AS "accountPaid",
  COUNT(*) FILTER (WHERE p.status IN ${NOT_COLLECTED})::int AS uncollected,
  COALESCE(SUM(p.amount) FILTER (WHERE p.status IN ${NOT_COLLECTED}), 0)::bigint AS "uncollectedAmount"
FROM ${periodPayouts(period, communeIds)}
GROUP BY b."communeId"`,
        )
      : [],
    period
      ? countOutcomes(db, periodNoticeMessages(period, communeIds), {
          noticesSent: noticeOutcome("SENT"),
          noticesFailed: noticeOutcome("FAILED"),
          noticesSkipped: noticeOutcome("SKIPPED"),
          noticesWaiting: noticeOutcome("WAITING"),
        })
      : [],
    period
      ? countOutcomes(db, periodBroadcastLines(period, communeIds), {
          broadcastSent: broadcastOutcome("SENT"),
          broadcastFailed: broadcastOutcome("FAILED"),
          broadcastUnreached: broadcastOutcome("UNREACHED"),
          broadcastUnsent: broadcastOutcome("UNSENT"),
        })
      : [],
  ]);
  const byCommune = new Map<string, Record<string, number | string>>();
  for (const row of [...today.counts, ...parts.flat()])
    byCommune.set(row.communeId, { ...byCommune.get(row.communeId), ...row });
  return today.reach.map((r) => withCounts(r, byCommune.get(r.communeId) ?? {}));
}

/** Per commune (of `b`), how many rows of `from` match each figure's condition. */
function countOutcomes(
  db: Db,
  from: Prisma.Sql,
  figures: Partial<Record<keyof FigureCounts, Prisma.Sql>>,
): Promise<Row[]> {
  const columns = Object.entries(figures).map(
    ([k, where]) => Prisma.sql`COUNT(*) FILTER (WHERE ${where})::int AS ${Prisma.raw(`"${k}"`)}`,
  );
  return queryRows(
    db,
    countsRow,
    Prisma.sql`
SELECT b."communeId", ${Prisma.join(columns, ",\n  ")}
FROM ${from}
GROUP BY b."communeId"`,
  );
}

function withCounts(r: CommuneReach, found: Record<string, number | string>): CommuneFigures {
  const n = (k: keyof FigureCounts) => Number(found[k] ?? 0);
  return {
    communeId: r.communeId,
    communeCode: r.communeCode,
    communeName: r.communeName,
    active: r.total,
    ownChat: r.ownChat,
    relativeChat: r.relativeChat,
    phoneOnly: r.phoneOnly,
    none: r.none,
    paid: n("paid"),
    accountPaid: n("accountPaid"),
    linkedOwn: n("linkedOwn"),
    linkedRelative: n("linkedRelative"),
    noticesSent: n("noticesSent"),
    noticesFailed: n("noticesFailed"),
    noticesSkipped: n("noticesSkipped"),
    noticesWaiting: n("noticesWaiting"),
    broadcastSent: n("broadcastSent"),
    broadcastFailed: n("broadcastFailed"),
    broadcastUnreached: n("broadcastUnreached"),
    broadcastUnsent: n("broadcastUnsent"),
    uncollected: n("uncollected"),
    uncollectedAmount: n("uncollectedAmount"),
    requestsPending: n("requestsPending"),
    ticketsOpen: n("ticketsOpen"),
    ticketsBreached: n("ticketsBreached"),
  };
}

/** The area's totals: the communes' counts added up. */
export function figureTotals(rows: FigureCounts[]): FigureCounts {
  const totals = {} as FigureCounts;
  for (const k of FIGURE_KEYS) totals[k] = rows.reduce((n, r) => n + r[k], 0);
  return totals;
}

/** Account share in percent with one decimal, or null when nobody had a payout. */
export function accountShare(f: Pick<FigureCounts, "paid" | "accountPaid">): number | null {
  return f.paid === 0 ? null : Math.round((f.accountPaid / f.paid) * 1000) / 10;
}
