// Chat history is kept no longer than its purpose needs (Law 91/2025 on personal data: data is kept
// for the time its purpose requires, then deleted). Every night, in short batches:
// - what people wrote (inbound messages) is deleted CHAT_HISTORY_DAYS after it was answered;
// - the bot's and the hotline's replies are deleted CHAT_HISTORY_DAYS after they were written;
// - payout notices and officers' broadcasts keep their delivery record (channel, status, reason:
//   the dashboard and the broadcast reports count them) but lose their words after
//   CHAT_HISTORY_DAYS, as an erasure on request does (chatData.ts);
// - those records themselves are deleted DELIVERY_RECORD_DAYS after they were written (by default
//   the dashboard's twelve months and one more).
// Messages still waiting to be answered or sent are never touched.
import type { Config } from "../../config.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";

const DAY_MS = 86_400_000;
// Rows per statement: each batch is its own short transaction, so the job never holds many locks
// or leaves one huge burst of dead rows for autovacuum.
const BATCH = 5000;
const FINAL = Prisma.sql`('SENT', 'FAILED', 'SKIPPED')`;
const ERASED_REPLY = Prisma.sql`'{"erased": true}'::jsonb`;

export type RetentionSettings = Pick<Config, "CHAT_HISTORY_DAYS" | "DELIVERY_RECORD_DAYS">;

export interface PruneSummary {
  inbound: number;
  replies: number;
  erased: number;
  records: number;
}

export async function pruneHistory(
  prisma: PrismaClient,
  settings: RetentionSettings,
  now: Date,
): Promise<PruneSummary> {
  const chatCutoff = new Date(now.getTime() - settings.CHAT_HISTORY_DAYS * DAY_MS);
  const recordCutoff = new Date(now.getTime() - settings.DELIVERY_RECORD_DAYS * DAY_MS);
  return {
    inbound: await inBatches(
      (limit) => prisma.$executeRaw`
        DELETE FROM "InboundMessage" WHERE id IN (
          SELECT id FROM "InboundMessage" WHERE "processedAt" < ${chatCutoff} LIMIT ${limit})`,
    ),
    replies: await inBatches(
      (limit) => prisma.$executeRaw`
        DELETE FROM "OutboundMessage" WHERE id IN (
          SELECT id FROM "OutboundMessage"
          WHERE "createdAt" < ${chatCutoff} AND kind IN ('REPLY', 'HOTLINE') AND status IN ${FINAL} LIMIT ${limit})`,
    ),
    erased: await inBatches(
      (limit) => prisma.$executeRaw`
        UPDATE "OutboundMessage" SET reply = ${ERASED_REPLY} WHERE id IN (
          SELECT id FROM "OutboundMessage"
          WHERE "createdAt" < ${chatCutoff} AND "createdAt" >= ${recordCutoff} AND kind IN ('NOTIFICATION', 'BROADCAST')
            AND status IN ${FINAL} AND reply <> ${ERASED_REPLY} LIMIT ${limit})`,
    ),
    records: await inBatches(
      (limit) => prisma.$executeRaw`
        DELETE FROM "OutboundMessage" WHERE id IN (
          SELECT id FROM "OutboundMessage" WHERE "createdAt" < ${recordCutoff} AND status IN ${FINAL} LIMIT ${limit})`,
    ),
  };
}

/** Once a night, after the quiet hours have begun and before the morning's notices. */
export function retentionJob(deps: { prisma: PrismaClient; config: RetentionSettings }): Job {
  return {
    name: "chat-history-retention",
    schedule: "45 3 * * *",
    run: (now) => pruneHistory(deps.prisma, deps.config, now),
  };
}

async function inBatches(statement: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await statement(BATCH);
    total += n;
    if (n < BATCH) return total;
  }
}
