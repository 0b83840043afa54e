// The payout notices job: every minute, finds the payouts that need a notice (see noticeRules.ts)
// and have none of that kind yet (noticeCandidates.ts), reads them a page of a thousand at a time
// (noticePage.ts) and writes, per page in one statement, the PayoutNotice record and the messages
// (one per chat or phone, see noticeRecipients.ts). Messages are not sent during quiet hours:
// they wait for the morning.
// Running it twice, or on two instances at once, writes nothing twice: the notice record and every
// message have unique keys, and both writes skip what already exists.
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Reply } from "../../core/reply.ts";
import type { OutboundDraft } from "../../delivery/enqueue.ts";
import { nextSendableTime, parseQuietHours } from "../../delivery/quietHours.ts";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { loadNoticePage, type KeyRange, type NoticeCursor, type NoticeLane, type NoticeSubject } from "./noticePage.ts";
import { noticeCandidates, type Candidates } from "./noticeCandidates.ts";
import { noticeRecipients, type PhoneChannel } from "./noticeRecipients.ts";
import { noticeReply } from "./noticeReply.ts";
import { dueNow, NOTICE_ORDER, type ReminderSettings } from "./noticeRules.ts";
import { OPTED_OUT } from "./setNotifications.ts";
import { writeNotices } from "./writeNotices.ts";

export type NoticeConfig = Pick<
  Config,
  "NOTICES_ENABLED" | "NOTICE_REMINDER_DAYS_BEFORE" | "NOTICE_REMINDER_TIME" | "QUIET_HOURS" | "zns" | "sms"
>;

export interface NoticeDeps {
  prisma: PrismaClient;
  config: NoticeConfig;
  /** Payouts per page (default 1,000). */
  chunkSize?: number;
}

export interface NoticeSummary {
  enabled: boolean;
  /** Notices recorded, by kind. */
  notices: Partial<Record<NoticeKind, number>>;
  /** Messages written (to send, and already skipped for people who turned notices off). */
  messages: number;
}

export const DEFAULT_CHUNK = 1000;

// Lanes walked at the same time: the database does most of the work, and it has more than one core.
const PARALLEL = 3;

export async function planPayoutNotices(deps: NoticeDeps, now: Date): Promise<NoticeSummary> {
  const summary: NoticeSummary = { enabled: deps.config.NOTICES_ENABLED, notices: {}, messages: 0 };
  if (!deps.config.NOTICES_ENABLED) return summary;
  const chunk = deps.chunkSize ?? DEFAULT_CHUNK;
  const reminder: ReminderSettings = {
    daysBefore: deps.config.NOTICE_REMINDER_DAYS_BEFORE,
    time: deps.config.NOTICE_REMINDER_TIME,
  };
  const notBefore = nextSendableTime(now, parseQuietHours(deps.config.QUIET_HOURS));

  const planPage = async (kind: NoticeKind, subjects: NoticeSubject[]) => {
    const plans = subjects.flatMap((s) => {
      const due = dueNow(kind, s.payout, s.planned, now, reminder);
      if (due === "wait") return [];
      return [{ subject: s, drafts: due === "send" ? drafts(kind, s, { now, notBefore, config: deps.config }) : [] }];
    });
    if (plans.length === 0) return;
    await writeNotices(
      deps.prisma,
      kind,
      now,
      plans.map((p) => ({ payoutId: p.subject.payoutId, recipients: p.drafts.filter((d) => !d.skipped).length })),
      plans.flatMap((p) => p.drafts),
    );
    summary.notices[kind] = (summary.notices[kind] ?? 0) + plans.length;
    summary.messages += plans.reduce((n, p) => n + p.drafts.length, 0);
  };

  const ranges = await keyRanges(deps.prisma);
  // The order matters: a SCHEDULED notice planned in this run covers a reminder due in this run.
  for (const kind of NOTICE_ORDER) {
    const candidates = noticeCandidates(kind, now, reminder);
    const waiting = await lanes(deps.prisma, candidates, ranges);
    let stopped = false;
    // Each worker walks a lane to its end, a page after the other (keyset pagination: payouts whose
    // notice is not due yet stay candidates and must not stop the walk), then takes the next lane.
    const walk = async () => {
      for (let lane = waiting.shift(); lane && !stopped; lane = waiting.shift()) {
        let cursor: NoticeCursor | null = { lane, after: "", afterPaidAt: null };
        while (cursor && !stopped) {
          const page = await loadNoticePage(deps.prisma, kind, candidates, cursor, chunk);
          await planPage(kind, page.subjects);
          cursor = page.next;
        }
      }
    };
    // A page that fails stops the others from taking more; the run ends once all have stopped.
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, async () => {
        try {
          await walk();
        } catch (err) {
          stopped = true;
          throw err;
        }
      }),
    );
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }
  return summary;
}

// Ids are UUIDs: their first hex digit splits a lane of a whole month into 16 ranges of about the
// same size, walked side by side. Any id belongs to exactly one range whatever it looks like, as
// long as the ranges follow each other in the database's own order of text: it sorts the bounds.
const FIRST_DIGITS = [..."123456789abcdef"];

async function keyRanges(prisma: PrismaClient): Promise<KeyRange[]> {
  const bounds = await queryRows(
    prisma,
    z.object({ bound: z.string() }),
    Prisma.sql`SELECT b AS bound FROM unnest(${FIRST_DIGITS}::text[]) b ORDER BY b`,
  );
  const from = ["", ...bounds.map((b) => b.bound)];
  return from.map((f, i) => ({ from: f, below: from[i + 1] ?? null }));
}

/**
 * The lanes a kind's walk takes: each status in each period chosen, the one payment-time lane, or
 * for reminders the lanes of the payouts whose day can be in the window (see noticeCandidates.ts).
 * The lanes of a status or of payouts with their own day are walked by beneficiary range.
 */
async function lanes(prisma: PrismaClient, candidates: Candidates, ranges: KeyRange[]): Promise<NoticeLane[]> {
  const { walk } = candidates;
  if ("paidSince" in walk) return [walk];
  const periods = await queryRows(
    prisma,
    z.object({ id: z.string() }),
    Prisma.sql`SELECT per.id FROM "PayoutPeriod" per WHERE ${walk.periods} ORDER BY per.month`,
  );
  if ("statuses" in walk)
    return periods.flatMap((p) =>
      walk.statuses.flatMap((status) => ranges.map((keys) => ({ status, periodId: p.id, keys }))),
    );
  const { from, until } = walk.reminderDays;
  // A commune with any schedule in the window: a superset of those whose payouts take their day
  // from a schedule in the window (the page's statement picks the very schedule).
  const communes = await queryRows(
    prisma,
    z.object({ periodId: z.string(), communeId: z.string() }),
    Prisma.sql`SELECT DISTINCT s."periodId", s."communeId" FROM "PayoutSchedule" s
JOIN "PayoutPeriod" per ON per.id = s."periodId"
WHERE ${walk.periods} AND s.date BETWEEN ${from}::date AND ${until}::date
ORDER BY s."periodId", s."communeId"`,
  );
  return [
    ...periods.flatMap((p) => ranges.map((keys) => ({ periodId: p.id, ownDay: { from, until }, keys }))),
    ...communes.map((c) => ({ periodId: c.periodId, communeId: c.communeId })),
  ];
}

/** The job the scheduler runs every minute; each fire catches up on whatever is due. */
export function payoutNoticesJob(deps: NoticeDeps): Job {
  return { name: "payout-notices", schedule: "* * * * *", run: (now) => planPayoutNotices(deps, now) };
}

function drafts(
  kind: NoticeKind,
  s: NoticeSubject,
  o: { now: Date; notBefore: Date; config: NoticeConfig },
): OutboundDraft[] {
  const noticeKey = `notice:${kind}:${s.payoutId}`;
  const paidToOther = kind === "PAID" && s.paidToOther;
  const facts = {
    name: s.name,
    payout: s.payout,
    missedInARow: s.missedInARow,
    ...(paidToOther ? { paidToOther: { payoutId: s.payoutId } } : {}),
  };
  const recipients = noticeRecipients(
    {
      chats: s.chats,
      authorisations: s.authorisations,
      beneficiaryPhone: s.phone,
      day: s.payout.date ?? todayInVietnam(o.now),
      phoneChannel: (audience) => phoneChannelFor(o.config, noticeReply(kind, facts, audience)),
      ownerMustKnow: paidToOther,
    },
    OPTED_OUT,
  );
  return recipients.map((r) => {
    const base = {
      kind: "NOTIFICATION" as const,
      reply: noticeReply(kind, facts, r.audience),
      noticeKey,
      beneficiaryId: s.beneficiaryId,
      notBefore: o.notBefore,
    };
    if ("phone" in r.to) return { ...base, to: r.to, dedupeKey: `${noticeKey}:${r.to.phone}` };
    return {
      ...base,
      to: r.to,
      dedupeKey: `${noticeKey}:${r.to.identityId}`,
      ...("skipped" in r && r.skipped ? { skipped: r.skipped } : {}),
    };
  });
}

/**
 * ZNS when Zalo is configured with an approved template for this notice's text (a ZNS message
 * without its template is refused), else SMS when a gateway is configured; else no phone path.
 */
function phoneChannelFor(config: NoticeConfig, reply: Reply): PhoneChannel | null {
  const key = reply.text[0]?.key;
  if (config.zns && key && config.zns.templates[key]) return "ZNS";
  return config.sms ? "SMS" : null;
}
