// A chat linked today hears the notice its person's current payout already had: the schedule of a
// payout still to come, money paid this week, a failed transfer, money not collected this month or
// the last. Without it, a newly linked chat would wait for next month's notice to learn anything.
// Written in the transaction of the link, with the same key the notice job uses for that chat, so
// it is never sent twice.
import type { ChannelName } from "../../core/events.ts";
import { enqueueOutbound } from "../../delivery/enqueue.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { addMonths, firstOfMonth, todayInVietnam } from "../../lib/calendarDate.ts";
import { noticeReply, type Audience } from "../notifications/noticeReply.ts";
import { isValidOn } from "../notifications/noticeRecipients.ts";
import { PAID_NOTICE_DAYS } from "../notifications/noticeRules.ts";
import { missedInARow } from "./historyText.ts";
import { loadPayoutOverview, PAYOUT_VIEW_INCLUDE, payoutView, SCHEDULE_VIEW_INCLUDE } from "./repository.ts";
import type { PayoutView } from "./types.ts";

type Tx = Prisma.TransactionClient;

export interface NewLink {
  identityId: string;
  channel: ChannelName;
  beneficiaryId: string;
  role: "SELF" | "REPRESENTATIVE";
  now: Date;
}

const DAY_MS = 86_400_000;

export async function sendCurrentNotice(tx: Tx, link: NewLink): Promise<boolean> {
  const identity = await tx.chatIdentity.findUnique({
    where: { id: link.identityId },
    select: { notificationsOff: true, relativeId: true },
  });
  // The person chose no notices here; that choice stands.
  if (!identity || identity.notificationsOff) return false;
  const notice = await tx.payoutNotice.findFirst({
    where: { payout: { beneficiaryId: link.beneficiaryId, beneficiary: { status: "ACTIVE" } } },
    orderBy: { plannedAt: "desc" },
    include: {
      payout: { include: { ...PAYOUT_VIEW_INCLUDE, beneficiary: { select: { fullName: true, communeId: true } } } },
    },
  });
  if (!notice) return false;
  const p = notice.payout;
  const schedules = await tx.payoutSchedule.findMany({
    where: { periodId: p.periodId, communeId: p.beneficiary.communeId },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    include: SCHEDULE_VIEW_INCLUDE,
  });
  const view = payoutView(p, schedules);
  const today = todayInVietnam(link.now);
  if (!stillNews(notice.kind, view, p.paidAt, link.now)) return false;
  const overview = notice.kind === "UNCOLLECTED" ? await loadPayoutOverview(tx, link.beneficiaryId, today) : null;
  const audience = await audienceOf(tx, link, identity.relativeId, view.date ?? today);
  const noticeKey = `notice:${notice.kind}:${p.id}`;
  const written = await enqueueOutbound(tx, [
    {
      kind: "NOTIFICATION",
      to: { identityId: link.identityId, channel: link.channel },
      reply: noticeReply(
        notice.kind,
        { name: p.beneficiary.fullName, payout: view, missedInARow: overview ? missedInARow(overview.history) : 1 },
        audience,
      ),
      dedupeKey: `${noticeKey}:${link.identityId}`,
      noticeKey,
      beneficiaryId: link.beneficiaryId,
    },
  ]);
  return written > 0;
}

/** The notice still says something true and current. */
function stillNews(kind: string, v: PayoutView, paidAt: Date | null, now: Date): boolean {
  const today = todayInVietnam(now);
  switch (kind) {
    case "SCHEDULED":
    case "REMINDER":
      return v.status === "SCHEDULED" && (v.date ?? v.month) >= (v.date ? today : firstOfMonth(today));
    case "PAID":
      return v.status === "PAID" && paidAt !== null && now.getTime() - paidAt.getTime() <= PAID_NOTICE_DAYS * DAY_MS;
    case "FAILED":
      return v.status === "FAILED" && v.month >= addMonths(firstOfMonth(today), -1);
    case "UNCOLLECTED":
      return (
        (v.status === "UNCOLLECTED" || v.status === "CARRIED_OVER") && v.month >= addMonths(firstOfMonth(today), -1)
      );
    default:
      return false;
  }
}

/** A relative collects on the day only with an authorisation in force then. */
async function audienceOf(tx: Tx, link: NewLink, relativeId: string | null, day: string): Promise<Audience> {
  if (link.role === "SELF") return { kind: "self" };
  const authorisations = relativeId
    ? await tx.authorisation.findMany({
        where: { beneficiaryId: link.beneficiaryId, relativeId, status: "APPROVED" },
        select: { status: true, validFrom: true, validUntil: true },
      })
    : [];
  const authorised = authorisations.some((a) =>
    isValidOn(
      {
        status: a.status,
        validFrom: a.validFrom.toISOString().slice(0, 10),
        validUntil: a.validUntil.toISOString().slice(0, 10),
      },
      day,
    ),
  );
  return { kind: "relative", authorised };
}
