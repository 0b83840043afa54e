// Authorisations end: both people are reminded some days before (by default 30 and 7), and the
// day after the last day the authorisation is marked EXPIRED, both are told, and the payouts of
// later months not yet sent carry the beneficiary again. Written to catch up: a day the job did
// not run is covered by the next run, and every message has a dedupe key so none goes twice.
import { btn, say } from "../../core/reply.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { calendarDate, fromDbDate, todayInVietnam } from "../../lib/calendarDate.ts";
import { recordAudit } from "../audit/service.ts";
import { notifyRecipients, requestRecipients } from "./notify.ts";

export interface ExpiryDeps {
  prisma: PrismaClient;
  /** Days before the last day on which a reminder goes out, e.g. [30, 7]. */
  reminderDays: number[];
}

export interface ExpirySummary {
  reminded: number;
  expired: number;
}

const DAY_MS = 86_400_000;

export async function runAuthorisationExpiry(deps: ExpiryDeps, now: Date): Promise<ExpirySummary> {
  const today = todayInVietnam(now);
  const days = [...new Set(deps.reminderDays)].filter((d) => d > 0).sort((a, b) => a - b);
  const furthest = days.at(-1) ?? 0;
  let reminded = 0;
  let expired = 0;

  const ending = await deps.prisma.authorisation.findMany({
    where: {
      status: "APPROVED",
      validUntil: { gte: calendarDate(today), lte: calendarDate(addDays(today, furthest)) },
    },
    include: {
      relative: true,
      beneficiary: { select: { fullName: true } },
      request: { select: { submittedById: true } },
    },
  });
  for (const a of ending) {
    const until = fromDbDate(a.validUntil);
    const left = Math.round((calendarDate(until).getTime() - calendarDate(today).getTime()) / DAY_MS);
    // The nearest threshold reached: after a pause, one reminder rather than several at once.
    const threshold = days.find((d) => left <= d);
    if (threshold === undefined) continue;
    await deps.prisma.$transaction(async (tx) => {
      const recipients = await requestRecipients(tx, {
        beneficiaryId: a.beneficiaryId,
        relativeId: a.relativeId,
        submittedById: a.request?.submittedById ?? null,
      });
      reminded += await notifyRecipients(tx, recipients, {
        key: `authorisation:${a.id}:expires:${threshold}`,
        beneficiaryId: a.beneficiaryId,
        replyFor: () => ({
          text: [
            say("requests:notice.expiring", {
              name: a.relative.fullName,
              person: a.beneficiary.fullName,
              until: { date: until },
              days: left,
            }),
          ],
          buttons: [[btn("requests:button.authorise", "rq:auth")], [btn("chat:button.menu", "menu")]],
        }),
      });
    });
  }

  const over = await deps.prisma.authorisation.findMany({
    where: { status: "APPROVED", validUntil: { lt: calendarDate(today) } },
    include: {
      relative: true,
      beneficiary: { select: { fullName: true } },
      request: { select: { submittedById: true } },
    },
  });
  for (const a of over) {
    await deps.prisma.$transaction(async (tx) => {
      const changed = await tx.authorisation.updateMany({
        where: { id: a.id, status: "APPROVED" },
        data: { status: "EXPIRED" },
      });
      if (changed.count === 0) return;
      expired += 1;
      await tx.payout.updateMany({
        where: { authorisationId: a.id, period: { status: "DRAFT", month: { gt: a.validUntil } } },
        data: { authorisationId: null, receivedBy: null },
      });
      await recordAudit(tx, {
        actor: "system",
        action: "authorisation.expire",
        entity: "authorisation",
        entityId: a.id,
        detail: { until: fromDbDate(a.validUntil) },
      });
      const recipients = await requestRecipients(tx, {
        beneficiaryId: a.beneficiaryId,
        relativeId: a.relativeId,
        submittedById: a.request?.submittedById ?? null,
      });
      await notifyRecipients(tx, recipients, {
        key: `authorisation:${a.id}:expired`,
        beneficiaryId: a.beneficiaryId,
        replyFor: () => ({
          text: [say("requests:notice.expired", { name: a.relative.fullName, person: a.beneficiary.fullName })],
          buttons: [[btn("requests:button.authorise", "rq:auth")], [btn("chat:button.menu", "menu")]],
        }),
      });
    });
  }
  return { reminded, expired };
}

/** Daily at 08:00 Vietnam time: reminders arrive in the morning, not at night. */
export function authorisationExpiryJob(deps: ExpiryDeps): Job {
  return { name: "authorisation-expiry", schedule: "0 8 * * *", run: (now) => runAuthorisationExpiry(deps, now) };
}

function addDays(date: string, n: number): string {
  return new Date(calendarDate(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}
