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
import { hotRows } from "../db/hotRows.ts";
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

const batchRow = z.object({ dedupeKey: z.string(), identityId: z.string(), stored: z.boolean() });

export interface InboundStore {
  /** Stores the message (see `storeOnce`); several arriving together share one statement. */
  store(now: Date, sender: InboundSender, row: InboundRow): Promise<{ identityId: string; stored: boolean }>;
}

/** Statements storing messages at once; more arriving meanwhile wait and go together. */
const IN_FLIGHT = 2;
/** Messages written by one statement at most. */
const MOST = 32;

/**
 * Webhooks arriving together (many people writing at the same moment) are stored by one statement
 * instead of one each: while a store is under way, the messages that come wait for it and then go
 * in the next one. Each webhook is still answered only once its own message is stored. When a
 * shared statement fails, each of its messages is stored alone, so only a message that cannot be
 * stored fails its own webhook.
 */
export function createInboundStore(prisma: PrismaClient, windowMs: number): InboundStore {
  interface Waiting {
    now: Date;
    sender: InboundSender;
    row: InboundRow;
    resolve: (stored: { identityId: string; stored: boolean }) => void;
    reject: (err: unknown) => void;
  }
  const queue: Waiting[] = [];
  let running = 0;

  function pump(): void {
    while (running < IN_FLIGHT && queue.length > 0) {
      const batch = queue.splice(0, MOST);
      running += 1;
      void write(batch).finally(() => {
        running -= 1;
        pump();
      });
    }
  }

  async function alone(item: Waiting): Promise<void> {
    await storeOnce(prisma, item.now, windowMs, item.sender, item.row).then(item.resolve, item.reject);
  }

  async function write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]!);
    let results: { identityId: string; stored: boolean }[];
    try {
      results = await storeMany(prisma, windowMs, batch);
    } catch {
      for (const item of batch) await alone(item);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  return {
    store(now, sender, row) {
      return new Promise((resolve, reject) => {
        queue.push({ now, sender, row, resolve, reject });
        pump();
      });
    },
  };
}

/** Several messages in one statement, their senders' identities created or touched once each. */
async function storeMany(
  prisma: PrismaClient,
  windowMs: number,
  items: { now: Date; sender: InboundSender; row: InboundRow }[],
): Promise<{ identityId: string; stored: boolean }[]> {
  const senderKey = (s: InboundSender) => `${s.channel}\u0000${s.platformUserId}`;
  const senders = new Map<string, InboundSender & { now: Date }>();
  for (const { sender, now } of items) {
    const earlier = senders.get(senderKey(sender));
    senders.set(senderKey(sender), { ...sender, displayName: sender.displayName ?? earlier?.displayName ?? null, now });
  }
  // The same message twice in one statement (a platform re-sending at once) is written once; the
  // other copy is a duplicate, as it would be a moment later.
  const firstOfKey = new Map<string, number>();
  items.forEach(({ row }, i) => {
    const key = dedupeKeyOf(row);
    if (!firstOfKey.has(key)) firstOfKey.set(key, i);
  });
  const messages = [...firstOfKey.values()].map((i) => items[i]!);
  const rows = await hotRows(
    prisma,
    batchRow,
    Prisma.sql`
      WITH identity AS (
        INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "displayName", locale, "lastInboundAt", "createdAt")
        VALUES ${Prisma.join(
          // One order everywhere: two statements touching the same people never wait on each other in a circle.
          [...senders]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(
              ([, s]) => Prisma.sql`(${randomUUID()}, ${s.channel}::"Channel", ${s.platformUserId}, ${s.displayName},
                ${s.locale}, ${s.now}, ${new Date()})`,
            ),
        )}
        ON CONFLICT (channel, "platformUserId") DO UPDATE SET "lastInboundAt" = EXCLUDED."lastInboundAt",
          "displayName" = COALESCE(EXCLUDED."displayName", "ChatIdentity"."displayName")
        RETURNING id, channel::text AS channel, "platformUserId"),
      m (id, channel, "platformMessageId", "platformUserId", kind, text, payload, "receivedAt", "dedupeKey", "dedupeUntil")
        AS (VALUES ${Prisma.join(
          messages.map(
            ({ now, sender, row }) => Prisma.sql`(${randomUUID()}, ${row.channel}::text, ${row.platformMessageId}::text,
              ${sender.platformUserId}::text, ${row.kind}::text, ${row.text}::text, ${JSON.stringify(row.payload)}::jsonb,
              ${row.receivedAt}::timestamp(3), ${dedupeKeyOf(row)}::text, ${new Date(now.getTime() + windowMs)}::timestamp(3))`,
          ),
        )}),
      stored AS (
        INSERT INTO "InboundMessage" (id, channel, "platformMessageId", "identityId", kind, text, payload, "receivedAt", "dedupeKey", "dedupeUntil")
        SELECT m.id, m.channel::"Channel", m."platformMessageId", i.id, m.kind, m.text, m.payload, m."receivedAt",
          m."dedupeKey", m."dedupeUntil"
        FROM m JOIN identity i ON i.channel = m.channel AND i."platformUserId" = m."platformUserId"
        ON CONFLICT DO NOTHING
        RETURNING "dedupeKey")
      SELECT m."dedupeKey", i.id AS "identityId", EXISTS (SELECT 1 FROM stored s WHERE s."dedupeKey" = m."dedupeKey") AS stored
      FROM m JOIN identity i ON i.channel = m.channel AND i."platformUserId" = m."platformUserId"`,
  );
  const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
  const results: { identityId: string; stored: boolean }[] = [];
  for (const [i, { now, row }] of items.entries()) {
    const key = dedupeKeyOf(row);
    const written = byKey.get(key);
    if (!written) throw new Error("a message of the batch was not written");
    if (firstOfKey.get(key) !== i) results.push({ identityId: written.identityId, stored: false });
    else if (written.stored) results.push({ identityId: written.identityId, stored: true });
    else results.push(await retake(prisma, now, windowMs, written.identityId, row));
  }
  return results;
}

function dedupeKeyOf(row: InboundRow): string {
  return `${row.channel}:${row.platformMessageId}`;
}

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
  const [stored] = await storeMany(prisma, windowMs, [{ now, sender, row }]);
  if (!stored) throw new Error("the chat identity was not written");
  return stored;
}

/** The message's key is taken: by a copy of this message, or by an older message whose key has expired. */
async function retake(
  prisma: PrismaClient,
  now: Date,
  windowMs: number,
  identityId: string,
  row: InboundRow,
): Promise<{ identityId: string; stored: boolean }> {
  const released = await prisma.inboundMessage.updateMany({
    where: { dedupeKey: dedupeKeyOf(row), dedupeUntil: { lte: now } },
    data: { dedupeKey: null },
  });
  if (released.count === 0) return { identityId, stored: false };
  const again = await prisma.$executeRaw`
    INSERT INTO "InboundMessage" (id, channel, "platformMessageId", "identityId", kind, text, payload, "receivedAt", "dedupeKey", "dedupeUntil")
    VALUES (${randomUUID()}, ${row.channel}::"Channel", ${row.platformMessageId}, ${identityId}, ${row.kind}, ${row.text},
      ${JSON.stringify(row.payload)}::jsonb, ${row.receivedAt}, ${dedupeKeyOf(row)}, ${new Date(now.getTime() + windowMs)})
    ON CONFLICT DO NOTHING`;
  return { identityId, stored: again === 1 };
}
