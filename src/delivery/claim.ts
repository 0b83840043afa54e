// Taking rows to send, and cleaning up after an instance that died while sending.
import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { hotRows } from "../db/hotRows.ts";
import { INTERACTIVE_PRIORITY } from "./enqueue.ts";

// Read back from raw SQL: parsed, so a renamed column or a changed type fails loudly here rather
// than as an undefined field deep in a send.
const claimedRow = z.object({
  id: z.string(),
  channel: z.string(),
  kind: z.string(),
  identityId: z.string().nullable(),
  phone: z.string().nullable(),
  beneficiaryId: z.string().nullable(),
  noticeKey: z.string().nullable(),
  reply: z.unknown(),
  attempts: z.number(),
  priority: z.number(),
  createdAt: z.date(),
  /** The chat's state, read in the same statement. */
  platformUserId: z.string().nullable(),
  locale: z.string().nullable(),
  reachable: z.boolean().nullable(),
  unreachableReason: z.string().nullable(),
  notificationsOff: z.boolean().nullable(),
  consentWithdrawn: z.boolean().nullable(),
  /** A row to a phone: its holder sent HUY from it in an SMS conversation (notices stop there too). */
  phoneOptedOut: z.boolean(),
});

export type Claimed = z.infer<typeof claimedRow>;

export interface ClaimOptions {
  channel: string;
  limit: number;
  /** Notices and broadcasts too (this instance holds the bulk lease and it is not quiet hours). */
  bulk: boolean;
  owner: string;
  now: Date;
}

/**
 * Marks up to `limit` due rows of one channel SENDING for this instance, highest priority first.
 * SKIP LOCKED lets instances share the queue without taking a row twice. Only a chat's first
 * unfinished message (of the same or a higher priority) can be taken: the next one only once it
 * is sent or has failed, so a person's replies arrive in order even across instances, and a
 * claim running beside another (whose snapshot still shows the first message as queued) cannot
 * take the second. A notice held back for the night never holds up a reply.
 */
export async function claimRows(prisma: PrismaClient, o: ClaimOptions): Promise<Claimed[]> {
  const minPriority = o.bulk ? -1_000_000 : INTERACTIVE_PRIORITY;
  const rows = await hotRows(
    prisma,
    claimedRow,
    Prisma.sql`
    WITH picked AS (
      SELECT m.id FROM "OutboundMessage" m
      WHERE m.channel = ${o.channel}::"Channel" AND m.status = 'QUEUED' AND m."notBefore" <= ${o.now}
        AND m.priority >= ${minPriority}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboundMessage" e
          WHERE e."identityId" = m."identityId" AND e.status IN ('QUEUED', 'SENDING') AND e.priority >= m.priority
            AND (e."createdAt", e.id) < (m."createdAt", m.id))
      ORDER BY m.priority DESC, m."createdAt", m.id
      LIMIT ${o.limit}
      FOR UPDATE OF m SKIP LOCKED),
    taken AS (
      UPDATE "OutboundMessage" u SET status = 'SENDING', attempts = u.attempts + 1, "claimedBy" = ${o.owner}, "notBefore" = ${o.now}
      FROM picked WHERE u.id = picked.id
      RETURNING u.id, u.channel::text AS channel, u.kind::text AS kind, u."identityId", u.phone, u."beneficiaryId",
        u."noticeKey", u.reply, u.attempts, u.priority, u."createdAt")
    SELECT t.*, i."platformUserId", i.locale, i.reachable, i."unreachableReason", i."notificationsOff",
      (i."consentWithdrawnAt" IS NOT NULL) AS "consentWithdrawn",
      COALESCE(p."notificationsOff", FALSE) AS "phoneOptedOut"
    FROM taken t LEFT JOIN "ChatIdentity" i ON i.id = t."identityId"
      LEFT JOIN "ChatIdentity" p ON t.phone IS NOT NULL AND p.channel = 'SMS' AND p."platformUserId" = t.phone`,
    // Planned at every run: a plan kept from when the queue was short (a nested loop over a table
    // scan) took over a minute per claim once it had grown.
    { planEachRun: true },
  );
  // The statement does not keep the order it picked in: restore it, or a chat's replies arrive shuffled.
  return rows.sort(
    (a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
}

/** Rows taken but not sent, handed back (attempt not counted). */
export async function requeueRows(prisma: PrismaClient, ids: string[], owner: string, notBefore: Date): Promise<void> {
  if (ids.length === 0) return;
  await prisma.outboundMessage.updateMany({
    where: { id: { in: ids }, status: "SENDING", claimedBy: owner },
    data: { status: "QUEUED", notBefore, attempts: { decrement: 1 }, claimedBy: null },
  });
}

/**
 * Rows this instance's claim took whose answer never came back (the connection was cut after the
 * commit): they are not in hand, so they were never sent and are queued again.
 */
export async function requeueLostClaims(
  prisma: PrismaClient,
  o: { owner: string; inHand: string[]; claimedBefore: Date; now: Date },
): Promise<number> {
  const held = o.inHand.length > 0 ? Prisma.sql`AND id NOT IN (${Prisma.join(o.inHand)})` : Prisma.empty;
  return prisma.$executeRaw`
    UPDATE "OutboundMessage" SET status = 'QUEUED', "notBefore" = ${o.now}, "claimedBy" = NULL, attempts = attempts - 1
    WHERE status = 'SENDING' AND "claimedBy" = ${o.owner} AND "notBefore" <= ${o.claimedBefore} ${held}`;
}

/**
 * Rows left in SENDING by an instance that is gone. Whether the platform got such a message is
 * unknown. A reply is sent again (a repeated answer beats a lost one); a notice or broadcast is
 * not (nobody may get the same notice twice): it ends FAILED "interrupted", visible in reports.
 */
export async function resolveOrphans(
  prisma: PrismaClient,
  o: { channel: string; notOwner: string; claimedBefore: Date; bulkOnly: boolean; now: Date },
): Promise<{ requeued: number; interrupted: number }> {
  const interrupted = await prisma.$executeRaw`
    UPDATE "OutboundMessage" SET status = 'FAILED', "failureReason" = 'interrupted'
    WHERE channel = ${o.channel}::"Channel" AND status = 'SENDING' AND priority < ${INTERACTIVE_PRIORITY}
      AND "claimedBy" IS DISTINCT FROM ${o.notOwner} AND "notBefore" <= ${o.claimedBefore}`;
  const requeued = o.bulkOnly
    ? 0
    : await prisma.$executeRaw`
        UPDATE "OutboundMessage" SET status = 'QUEUED', "notBefore" = ${o.now}, "claimedBy" = NULL
        WHERE channel = ${o.channel}::"Channel" AND status = 'SENDING' AND priority >= ${INTERACTIVE_PRIORITY}
          AND "claimedBy" IS DISTINCT FROM ${o.notOwner} AND "notBefore" <= ${o.claimedBefore}`;
  return { requeued, interrupted };
}
