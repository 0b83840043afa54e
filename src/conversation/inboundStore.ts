// Stores an inbound message once per act of the person. The key is the channel plus what the
// platform says identifies the act (Telegram: chat and message_id, or the callback query id; Zalo:
// msg_id; web chat: the page's message id), held only while the platform may re-send it. An
// expired key is released before the new message takes it: the same ids come round again when a
// platform starts counting anew, and that message is a new one.
//
// The webhook's answer waits on this, so the chat identity (created or touched) and the message
// are written by one statement, a single round trip for a message met for the first time.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { queryRows } from "../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

/** Who wrote: the chat identity is created at its first message, and touched at every later one. */
export interface InboundSender {
  channel: string;
  platformUserId: string;
  /** The platform's name for the person, when it gives one (kept as the latest given). */
  displayName: string | null;
  /** The language a new identity starts in. */
  locale: string;
}

export interface InboundRow {
  channel: string;
  platformMessageId: string;
  kind: string;
  text: string | null;
  payload: unknown;
  receivedAt: Date;
}

const storedRow = z.object({ identityId: z.string(), stored: z.boolean() });

/**
 * Creates or touches the sender's chat identity and stores the message. `stored` is false when a
 * copy within the re-send window was already stored.
 */
export async function storeOnce(
  prisma: PrismaClient,
  now: Date,
  windowMs: number,
  sender: InboundSender,
  row: InboundRow,
): Promise<{ identityId: string; stored: boolean }> {
  const dedupeKey = `${row.channel}:${row.platformMessageId}`;
  const dedupeUntil = new Date(now.getTime() + windowMs);
  const message = (identityId: Prisma.Sql) => Prisma.sql`
    INSERT INTO "InboundMessage" (id, channel, "platformMessageId", "identityId", kind, text, payload, "receivedAt", "dedupeKey", "dedupeUntil")
    VALUES (${randomUUID()}, ${row.channel}::"Channel", ${row.platformMessageId}, ${identityId}, ${row.kind}, ${row.text},
      ${JSON.stringify(row.payload)}::jsonb, ${row.receivedAt}, ${dedupeKey}, ${dedupeUntil})`;
  const [first] = await queryRows(
    prisma,
    storedRow,
    Prisma.sql`
      WITH identity AS (
        INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "displayName", locale, "lastInboundAt", "createdAt")
        VALUES (${randomUUID()}, ${sender.channel}::"Channel", ${sender.platformUserId}, ${sender.displayName},
          ${sender.locale}, ${now}, ${new Date()})
        ON CONFLICT (channel, "platformUserId") DO UPDATE SET "lastInboundAt" = EXCLUDED."lastInboundAt",
          "displayName" = COALESCE(EXCLUDED."displayName", "ChatIdentity"."displayName")
        RETURNING id),
      stored AS (${message(Prisma.sql`(SELECT id FROM identity)`)} ON CONFLICT DO NOTHING RETURNING 1)
      SELECT (SELECT id FROM identity) AS "identityId", EXISTS (SELECT 1 FROM stored) AS stored`,
  );
  if (!first) throw new Error("the chat identity was not written");
  if (first.stored) return first;
  // Taken: by a copy of this message, or by an older message whose key has expired.
  const released = await prisma.inboundMessage.updateMany({
    where: { dedupeKey, dedupeUntil: { lte: now } },
    data: { dedupeKey: null },
  });
  if (released.count === 0) return first;
  const again = await prisma.$executeRaw`${message(Prisma.sql`${first.identityId}`)} ON CONFLICT DO NOTHING`;
  return { identityId: first.identityId, stored: again === 1 };
}
