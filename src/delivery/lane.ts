// One sender's lane: takes batches of its rows, sends each at its slot, and writes the results
// as they come back. Lanes run independently: a web-chat reply never waits for a long Telegram
// broadcast to finish, and an SMS that replaces a refused ZNS never waits for the rest of the ZNS
// queue.
import type { SendResult } from "../channels/channel.ts";
import { reply as replySchema } from "../core/reply.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import { claimRows, requeueRows, resolveOrphans, type Claimed } from "./claim.ts";
import type { InHand } from "./inHand.ts";
import { createLease, type Lease } from "./lease.ts";
import { recordOutcomes, type Outcome } from "./outcomes.ts";
import type { Pacer, Slots } from "./pacer.ts";
import { batchSize, createLanePace } from "./pacing.ts";
import { nextSendableTime, type QuietHours } from "./quietHours.ts";
import type { ResultWrites } from "./resultWrites.ts";
import { afterTemporaryFailure } from "./retry.ts";
import type { Sender } from "./sender.ts";

// Concurrent batches per paced sender: the next one is taken while the last one is on the wire.
const PIPELINES = 2;
// Slots further ahead than this are not taken: the sender is paused or fully booked.
const MAX_SLOT_WAIT_MS = 2000;

export interface LaneContext {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  owner: string;
  quietHours: QuietHours | null;
  /** How long the bulk sender's election lasts without renewal. */
  leaseMs: number;
  pacer: Pacer;
  /** Phone channels that are configured, in the order to try them. */
  phoneRoutes: string[];
  inHand: InHand;
  writes: ResultWrites;
  stopped(): boolean;
  /** Starts (or wakes) the lane of a channel a notice was handed on to. */
  kick(channel: string): void;
}

export interface Lane {
  readonly sender: Sender;
  /** Held by the instance that sends this sender's notices and broadcasts. */
  readonly lease: Lease;
  /** Sends until nothing is due; called while running, it makes the run look again and returns it. */
  run(): Promise<number>;
  busy(): boolean;
  /** Resolves when the lane is idle and every result it sent is written (or failed to be). */
  idle(): Promise<void>;
}

export function createLane(ctx: LaneContext, sender: Sender): Lane {
  const lease = createLease(ctx.prisma, `bulk:${sender.channel}`, ctx.owner, ctx.leaseMs);
  let leaseHeld = false;
  let leaseCheckedAt = 0;
  let leaseCheck: Promise<void> | null = null;
  const pace = createLanePace(sender);
  let running: Promise<number> | null = null;
  let again = false;
  /** Batches sent whose results are still being written. */
  const inFlight = new Set<Promise<unknown>>();
  // Batches being claimed or sent that are not yet in inFlight.
  let claiming = 0;

  /** Notices and broadcasts may be taken: this instance is the elected bulk sender, and it is not quiet hours. */
  async function bulkAllowed(now: Date): Promise<boolean> {
    const nowMs = now.getTime();
    if (!leaseCheck || nowMs - leaseCheckedAt >= ctx.leaseMs / 3) {
      leaseCheckedAt = nowMs;
      // One election check at a time; the lane's other pipelines wait for its answer.
      leaseCheck = (async () => {
        const { held, fresh } = await lease.acquire(nowMs);
        leaseHeld = held;
        if (fresh) {
          // Taking over: what the previous bulk sender had in hand is settled before going on.
          const done = await resolveOrphans(ctx.prisma, {
            channel: sender.channel,
            notOwner: ctx.owner,
            claimedBefore: now,
            bulkOnly: true,
            now,
          });
          ctx.log.info(
            { channel: sender.channel, owner: ctx.owner, interrupted: done.interrupted },
            "elected bulk sender",
          );
        }
      })().catch((err: unknown) => {
        leaseHeld = false;
        ctx.log.error({ err, channel: sender.channel }, "bulk sender election failed");
      });
    }
    await leaseCheck;
    return leaseHeld && nextSendableTime(now, ctx.quietHours).getTime() === nowMs;
  }

  /** Takes one batch and sends it; returns how many rows were taken. */
  async function batch(size: number): Promise<number> {
    // Rows in hand are the rows whose fate is unknown if this process dies: however slowly results
    // are written (a busy machine), at most PIPELINES batches are in hand at once.
    while (sender.ratePerSecond && inFlight.size > 0 && inFlight.size + claiming >= PIPELINES) {
      await Promise.race([...inFlight]);
    }
    claiming += 1;
    let counted = true;
    // Once the batch's results are in inFlight it is counted there, and the next batch may be
    // taken while this one's last messages are still on the wire.
    const inFlightNow = () => {
      if (counted) claiming -= 1;
      counted = false;
    };
    try {
      return await claimAndSend(size, inFlightNow);
    } finally {
      inFlightNow();
    }
  }

  async function claimAndSend(size: number, inFlightNow: () => void): Promise<number> {
    const now = ctx.clock.now();
    const bulk = await bulkAllowed(now);
    // Nothing new while earlier results are unwritten: a write retried late must not find a row
    // it had already put back taken again by this instance, and put it back a second time.
    if (ctx.writes.pending()) return 0;
    const rows = await claimRows(ctx.prisma, {
      channel: sender.channel,
      limit: size,
      bulk,
      owner: ctx.owner,
      now,
    });
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    ctx.inHand.take(ids);
    const handBack = () => ctx.writes.settle(() => requeueRows(ctx.prisma, ids, ctx.owner, ctx.clock.now()), ids);
    let slots: Slots | null = null;
    if (sender.ratePerSecond) {
      slots = await ctx.pacer
        .reserve(sender.channel, rows.length, sender.ratePerSecond, ctx.clock.now().getTime(), MAX_SLOT_WAIT_MS)
        .catch(async (err: unknown) => {
          await handBack().catch(() => undefined);
          throw err;
        });
      if (!slots) {
        // Paused (429) or fully booked by other instances: hand the rows back for the next poll.
        await handBack();
        return 0;
      }
    }
    const done = sendBatch(rows, slots).then(async (outcomes) => {
      const handedOn = await ctx.writes.settle(
        () =>
          recordOutcomes(
            { prisma: ctx.prisma, log: ctx.log, owner: ctx.owner, phoneRoutes: ctx.phoneRoutes },
            outcomes,
            ctx.clock.now(),
          ),
        ids,
      );
      // A notice handed to the phone goes out now, not when this sender's queue is done.
      for (const channel of handedOn) ctx.kick(channel);
    });
    if (!slots) {
      await done;
      return rows.length;
    }
    // The next batch is taken as soon as this one's last slot has come: answers from the platform
    // are written when they arrive, so a slow answer never leaves the sender idle.
    const written = done.catch((err: unknown) =>
      ctx.log.error({ err, channel: sender.channel }, "outbox results not written"),
    );
    inFlight.add(written);
    inFlightNow();
    void written.finally(() => inFlight.delete(written));
    await sleepUntil(slots.firstMs + (slots.count - 1) * slots.intervalMs);
    return rows.length;
  }

  /** Sends each row at its slot; one chat's rows strictly one after another. */
  async function sendBatch(rows: Claimed[], slots: Slots | null): Promise<Outcome[]> {
    const byChat = new Map<string, { row: Claimed; slot: number }[]>();
    rows.forEach((row, i) => {
      const key = row.identityId ?? row.phone ?? row.id;
      byChat.set(key, [...(byChat.get(key) ?? []), { row, slot: slots ? slots.firstMs + i * slots.intervalMs : 0 }]);
    });
    const outcomes: Outcome[] = [];
    await Promise.all(
      [...byChat.values()].map(async (queue) => {
        for (let i = 0; i < queue.length; i++) {
          const { row, slot } = queue[i]!;
          await sleepUntil(slot);
          const outcome = await sendOne(row, slot);
          outcomes.push(outcome);
          if (outcome.status !== "SENT" && outcome.status !== "RETRY" && outcome.unreachable) {
            // Blocked: the chat's other messages in hand are not tried.
            for (const later of queue.slice(i + 1))
              outcomes.push({ row: later.row, status: "SKIPPED", reason: outcome.reason, fallback: false });
            break;
          }
          if (outcome.status === "RETRY") {
            // The chat's later messages wait for this one.
            for (const later of queue.slice(i + 1))
              outcomes.push({
                row: later.row,
                status: "RETRY",
                reason: "waiting_for_earlier",
                at: outcome.at,
                uncounted: true,
              });
            break;
          }
        }
      }),
    );
    return outcomes;
  }

  async function sendOne(row: Claimed, slot: number): Promise<Outcome> {
    const now = ctx.clock.now();
    const bulkKind = row.kind === "NOTIFICATION" || row.kind === "BROADCAST";
    const parsed = replySchema.safeParse(row.reply);
    if (!parsed.success) return { row, status: "FAILED", reason: "invalid_reply", fallback: false };
    // A chat's row, whichever sender carries it (an SMS conversation goes through the SMS gateway's
    // phone sender): the person's choices about it hold.
    const toChat = sender.kind === "chat" || row.identityId !== null;
    if (toChat) {
      if (!row.identityId || row.reachable === null)
        return { row, status: "FAILED", reason: "no_recipient", fallback: false };
      if (row.reachable === false)
        return { row, status: "SKIPPED", reason: row.unreachableReason ?? "unreachable", fallback: bulkKind };
      if (bulkKind && row.notificationsOff) return { row, status: "SKIPPED", reason: "opted_out", fallback: false };
      if (bulkKind && row.consentWithdrawn)
        return { row, status: "SKIPPED", reason: "consent_withdrawn", fallback: false };
    }
    // Whoever holds the phone said HUY from it: no notice or broadcast goes to that number.
    if (bulkKind && row.phoneOptedOut) return { row, status: "SKIPPED", reason: "opted_out", fallback: false };
    // Not sent, and the attempt does not count: shutting down, a stalled machine, the pace.
    if (ctx.stopped()) return { row, status: "RETRY", reason: "stopping", at: now, uncounted: true };
    const held = pace.hold(row.identityId, slot, now.getTime());
    if (held) return { row, status: "RETRY", reason: held.reason, at: new Date(held.atMs), uncounted: true };

    const result = await sender.send(row, parsed.data).catch((err: unknown): SendResult => ({
      ok: false,
      permanent: false,
      reason: err instanceof Error ? err.message : String(err),
    }));
    pace.landed(now.getTime(), ctx.clock.now().getTime());
    if (result.ok) {
      if (result.answerUnreadable)
        ctx.log.warn(
          { outboundId: row.id, channel: sender.channel },
          "sent, answer unreadable: recorded as sent, not sent again",
        );
      return { row, status: "SENT", platformMessageId: result.platformMessageId };
    }
    if (result.permanent) {
      const unreachable = toChat && result.scope !== "message";
      return { row, status: "FAILED", reason: result.reason, unreachable, fallback: bulkKind };
    }
    if (result.pauseSender) {
      const until = ctx.clock.now().getTime() + (result.retryAfterMs ?? 1000);
      pace.pause(until);
      await ctx.pacer.pause(sender.channel, until);
      ctx.log.warn(
        { channel: sender.channel, retryAfterMs: result.retryAfterMs },
        "platform rate limit: sender paused",
      );
    }
    const next = afterTemporaryFailure(row, result.retryAfterMs, ctx.clock.now().getTime());
    if (next.giveUp) {
      ctx.log.warn({ outboundId: row.id, reason: result.reason }, "outbound message failed after retries");
      return { row, status: "FAILED", reason: result.reason, fallback: bulkKind };
    }
    return { row, status: "RETRY", reason: result.reason, at: new Date(next.atMs) };
  }

  /**
   * Keeps taking batches while they come full. A batch short of its size took all that could be
   * taken: asking again at once would only find nothing (a round trip per message on a quiet
   * bot). The run looks again after a round that took anything (a chat's next message can be
   * taken once the one before it is written), and after a kick that came meanwhile.
   */
  async function pump(): Promise<number> {
    const size = batchSize(sender.ratePerSecond);
    let total = 0;
    for (;;) {
      if (ctx.stopped()) return total;
      const n = await batch(size);
      total += n;
      if (n < size) return total;
    }
  }

  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    const started = (async () => {
      let total = 0;
      do {
        again = false;
        const pipelines = sender.ratePerSecond ? PIPELINES : 1;
        const counts = await Promise.all(
          Array.from({ length: pipelines }, () =>
            pump().catch((err: unknown) => {
              ctx.log.error({ err, channel: sender.channel }, "outbox run failed");
              return 0;
            }),
          ),
        );
        const taken = counts.reduce((a, b) => a + b, 0);
        total += taken;
        // A chat's next message waits until the one before it is written as sent: look again then.
        if (inFlight.size > 0) {
          await Promise.allSettled([...inFlight]);
          again = true;
        }
        if (taken > 0) again = true;
      } while (again && !ctx.stopped());
      return total;
    })().finally(() => {
      running = null;
    });
    running = started;
    return started;
  }

  /** Waits for a moment on the service's clock, looking again every little while (tests move it). */
  async function sleepUntil(ms: number): Promise<void> {
    for (let wait = ms - ctx.clock.now().getTime(); wait > 0 && !ctx.stopped(); wait = ms - ctx.clock.now().getTime()) {
      await new Promise((r) => setTimeout(r, Math.min(wait, 200)));
    }
  }

  return {
    sender,
    lease,
    run,
    busy: () => running !== null,
    async idle() {
      if (running) await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
