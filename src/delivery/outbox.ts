// Every outbound message is a row first (written in the same transaction as the decision that
// produced it), then sent. A crash after the decision loses nothing: the row is still queued.
import type { I18n } from "../core/i18n.ts";
import { reply as replySchema } from "../core/reply.ts";
import { renderReply } from "../core/renderReply.ts";
import type { ChannelName } from "../core/events.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ChannelAdapter, SendResult } from "../channels/channel.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";

export interface OutboxDeps {
  prisma: PrismaClient;
  log: Logger;
  i18n: I18n;
  clock: Clock;
  adapters: Partial<Record<ChannelName, ChannelAdapter>>;
  /** How often queued rows are looked for when nobody kicks the outbox. */
  pollMs?: number;
}

export interface Outbox {
  /** Send what is queued now (called after a conversation step commits). */
  kick(): void;
  /** Sends everything due, until nothing is left; resolves when done. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const BATCH = 100;
// Chats sent to at the same time; each channel's own limits apply inside its adapter.
const CONCURRENCY = 16;
const MAX_ATTEMPTS = 8;
// A row left in SENDING by an instance that died is retried after this long.
const STALE_SENDING_MS = 2 * 60_000;

interface Claimed {
  id: string;
  channel: ChannelName;
  identityId: string | null;
  reply: unknown;
  attempts: number;
  priority: number;
  createdAt: Date;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claim();
      if (rows.length === 0) return sent;
      // Different chats go out in parallel; one chat's replies go strictly one after another.
      const byChat = new Map<string, Claimed[]>();
      for (const row of rows) {
        const key = row.identityId ?? row.id;
        byChat.set(key, [...(byChat.get(key) ?? []), row]);
      }
      const queues = [...byChat.values()];
      const workers = Array.from({ length: Math.min(CONCURRENCY, queues.length) }, async () => {
        for (let queue = queues.shift(); queue; queue = queues.shift()) {
          for (let i = 0; i < queue.length; i++) {
            const row = queue[i]!;
            const retryAt = await deliver(row);
            sent++;
            if (retryAt) {
              // Keep the chat's order: what follows waits for the message that must be retried.
              await requeue(queue.slice(i + 1), retryAt);
              break;
            }
          }
        }
      });
      await Promise.all(workers);
    }
  }

  async function claim(): Promise<Claimed[]> {
    const now = deps.clock.now();
    const stale = new Date(now.getTime() - STALE_SENDING_MS);
    // SKIP LOCKED: several instances share the queue without sending a row twice. A row whose
    // chat still has an earlier message waiting for a retry is not taken, so replies keep order.
    const rows = await deps.prisma.$queryRaw<Claimed[]>`
      UPDATE "OutboundMessage" o SET status = 'SENDING', attempts = o.attempts + 1, "notBefore" = ${now}
      WHERE o.id IN (
        SELECT m.id FROM "OutboundMessage" m
        WHERE ((m.status = 'QUEUED' AND m."notBefore" <= ${now})
           OR (m.status = 'SENDING' AND m."notBefore" <= ${stale}))
          AND NOT EXISTS (
            SELECT 1 FROM "OutboundMessage" e
            WHERE e."identityId" = m."identityId"
              AND ((e.status = 'QUEUED' AND e."notBefore" > ${now}) OR (e.status = 'SENDING' AND e."notBefore" > ${stale}))
              AND (e."createdAt", e.id) < (m."createdAt", m.id))
        ORDER BY m.priority DESC, m."createdAt", m.id
        LIMIT ${BATCH}
        FOR UPDATE OF m SKIP LOCKED)
      RETURNING o.id, o.channel::text AS channel, o."identityId", o.reply, o.attempts, o.priority, o."createdAt"`;
    // RETURNING does not keep the subquery's order: restore it, or a chat's replies arrive shuffled.
    return rows.sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  async function requeue(rows: Claimed[], notBefore: Date): Promise<void> {
    if (rows.length === 0) return;
    await deps.prisma.outboundMessage.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, status: "SENDING" },
      data: { status: "QUEUED", notBefore, attempts: { decrement: 1 } },
    });
  }

  /** Sends one row; returns when it should be retried, or null when it reached a final state. */
  async function deliver(row: Claimed): Promise<Date | null> {
    const adapter = deps.adapters[row.channel];
    const identity = row.identityId
      ? await deps.prisma.chatIdentity.findUnique({ where: { id: row.identityId } })
      : null;
    const parsed = replySchema.safeParse(row.reply);
    if (!adapter || !identity || !parsed.success) {
      const reason = !adapter ? "channel_not_configured" : !identity ? "no_recipient" : "invalid_reply";
      await finish(row.id, "FAILED", { failureReason: reason });
      deps.log.warn({ outboundId: row.id, reason }, "outbound message not sendable");
      return null;
    }
    if (!identity.reachable) {
      await finish(row.id, "SKIPPED", { failureReason: identity.unreachableReason ?? "unreachable" });
      return null;
    }
    const rendered = renderReply(deps.i18n.t(identity.locale), identity.locale, parsed.data);
    const result = await adapter
      .send({ channel: row.channel, platformUserId: identity.platformUserId }, rendered)
      .catch((err: unknown): SendResult => ({ ok: false, permanent: false, reason: err instanceof Error ? err.message : String(err) }));
    if (result.ok) {
      await finish(row.id, "SENT", { sentAt: deps.clock.now(), platformMessageId: result.platformMessageId ?? null });
      return null;
    }
    if (result.permanent) {
      await deps.prisma.$transaction([
        deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { status: "FAILED", failureReason: result.reason } }),
        deps.prisma.chatIdentity.update({ where: { id: identity.id }, data: { reachable: false, unreachableReason: result.reason } }),
      ]);
      deps.log.info({ outboundId: row.id, channel: row.channel, reason: result.reason }, "recipient unreachable");
      return null;
    }
    if (row.attempts >= MAX_ATTEMPTS) {
      await finish(row.id, "FAILED", { failureReason: result.reason });
      deps.log.warn({ outboundId: row.id, reason: result.reason }, "outbound message failed after retries");
      return null;
    }
    const backoff = result.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
    const retryAt = new Date(deps.clock.now().getTime() + backoff);
    await deps.prisma.outboundMessage.update({
      where: { id: row.id },
      data: { status: "QUEUED", failureReason: result.reason, notBefore: retryAt },
    });
    return retryAt;
  }

  async function finish(id: string, status: "SENT" | "FAILED" | "SKIPPED", data: Record<string, unknown>): Promise<void> {
    await deps.prisma.outboundMessage.update({ where: { id }, data: { status, ...data } });
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce().catch((err: unknown) => {
          deps.log.error({ err }, "outbox run failed");
          return 0;
        });
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    kick: () => void drain(),
    drain,
    start() {
      stopped = false;
      const tick = () => {
        if (stopped) return;
        void drain().finally(() => {
          if (!stopped) timer = setTimeout(tick, deps.pollMs ?? 1000);
        });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
