// The delivery engine. Every outbound message is a row first (replies in the same transaction as
// the decision that produced them, notices and broadcasts when they are planned), then sent here:
// - paced per sender (bot, OA, ZNS account, SMS gateway) with slots shared by all instances;
// - replies to people chatting first; notices and broadcasts only by the instance holding that
//   sender's bulk lease, and never in quiet hours;
// - 429 pauses the whole sender; 5xx and network errors retry with backoff; a refusal for good
//   (blocked, unfollowed) marks the chat unreachable and hands a notice on to the phone;
// - a message for a channel without a sender here fails at once (unconfigured.ts);
// - every row ends SENT, FAILED (with reason) or SKIPPED (with reason).
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { SendResult } from "../channels/channel.ts";
import { reply as replySchema } from "../core/reply.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import { connectionLoss } from "../lib/connectionLoss.ts";
import type { Logger } from "../lib/logger.ts";
import { createChatPacer } from "./chatPacer.ts";
import { claimRows, requeueLostClaims, requeueRows, resolveOrphans, type Claimed } from "./claim.ts";
import { createLease } from "./lease.ts";
import { recordOutcomes, type Outcome } from "./outcomes.ts";
import { createPacer, createSendWindow, type Slots } from "./pacer.ts";
import { nextSendableTime, type QuietHours } from "./quietHours.ts";
import type { Sender } from "./sender.ts";
import { failUnconfigured, unconfiguredChannels } from "./unconfigured.ts";

export interface OutboxDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  senders: Sender[];
  quietHours: QuietHours | null;
  /** How long the bulk sender's election lasts without renewal. */
  bulkLeaseMs?: number;
  /** How often queued rows are looked for when nobody kicks the outbox. */
  pollMs?: number;
  /** This instance's name in the rows it takes (default: host, process and a random part). */
  owner?: string;
}

export interface Outbox {
  readonly owner: string;
  /** Send what is queued now (called after a conversation step commits). */
  kick(): void;
  /** Sends everything due, until nothing is left; resolves when done. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 8;
// A platform outage lasts minutes, sometimes hours: a message is not given up on while younger
// than this, whatever its attempts (a late answer beats a lost one; backoff keeps it at one try a minute).
const RETRY_FOR_MS = 6 * 60 * 60_000;
// A row in SENDING this long is its instance's no more (it died): cleaned up by any instance.
const STALE_SENDING_MS = 2 * 60_000;
// A claim answered this long ago has either come back to this instance or was lost on the way.
const LOST_CLAIM_MS = 30_000;
// One batch is this much sending time: small, so a crash leaves few rows of unknown fate.
const BATCH_MS = 100;
// Concurrent batches per sender: the next one is taken while the last one is on the wire.
const PIPELINES = 2;
// A send that would start more than this (or half a slot) after its slot is put back instead
// (the machine stalled): sending late slots in a bunch would break the platform's limit.
const MAX_LATE_MS = 50;
// Timers fire a millisecond or two late as a matter of course; that is no stall.
const MIN_LATE_MS = 20;
// A write about rows in hand failing this often for a reason other than a lost connection is given up.
const MAX_WRITE_FAILURES = 5;
// Slots further ahead than this are not taken: the sender is paused or fully booked.
const MAX_SLOT_WAIT_MS = 2000;

export function createOutbox(deps: OutboxDeps): Outbox {
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pacer = createPacer(deps.prisma);
  const phoneRoutes = deps.senders.filter((s) => s.kind === "phone").map((s) => s.channel);
  const leaseMs = deps.bulkLeaseMs ?? 15_000;
  const lanes = deps.senders.map((sender) => ({
    sender,
    lease: createLease(deps.prisma, `bulk:${sender.channel}`, owner, leaseMs),
    leaseHeld: false,
    leaseCheckedAt: 0,
    leaseCheck: null as Promise<void> | null,
    chats: createChatPacer(sender.perChatPerSecond),
    window: sender.ratePerSecond ? createSendWindow(sender.ratePerSecond) : null,
    /** How late a send may start: half a slot (it would crowd the next one), within 20-50 ms. */
    lateMs: sender.ratePerSecond ? Math.min(MAX_LATE_MS, Math.max(MIN_LATE_MS, 500 / sender.ratePerSecond)) : 0,
    running: null as Promise<number> | null,
    /** Batches sent whose results are still being written. */
    inFlight: new Set<Promise<unknown>>(),
    again: false,
    /** After a 429 this instance sends nothing through the sender until then (others learn it from the pacer). */
    pausedUntil: 0,
  }));
  type Lane = (typeof lanes)[number];
  const unconfigured = unconfiguredChannels(deps.senders.map((s) => s.channel));
  // Failing those messages is bulk work too: one elected instance does it.
  const sweep = {
    lease: unconfigured.length > 0 ? createLease(deps.prisma, "bulk:unconfigured", owner, leaseMs) : null,
    held: false,
    checkedAt: 0,
  };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let lastReapAt = 0;
  let lastClaimCheckAt = 0;
  // Writes about rows in hand that failed: kept and retried before anything new is taken, or
  // those rows would stay SENDING under this live instance. The database being away (a restart, a
  // network cut) is waited out however long it takes; any other failure (a deadlock under load,
  // say) is tried a few more times, then the rows are left to the lost-claim clean-up. Each write
  // is guarded by status and owner, so a retry is harmless.
  const unsettled: { write: () => Promise<unknown>; ids: string[]; failures: number }[] = [];
  // Rows this instance took and has not finished with. One it took but does not hold here was
  // taken by a claim whose answer was lost with the connection: never sent, so put back.
  const inHand = new Set<string>();
  const settle = (write: () => Promise<unknown>, ids: string[] = [], failures = 0): Promise<unknown> =>
    write().then(
      (v) => {
        for (const id of ids) inHand.delete(id);
        return v;
      },
      (err: unknown) => {
        if (connectionLoss(err)) unsettled.push({ write, ids, failures });
        else if (failures + 1 < MAX_WRITE_FAILURES) unsettled.push({ write, ids, failures: failures + 1 });
        else {
          deps.log.error(
            { err, rows: ids.length },
            "outbox results could not be written; the rows go back to the queue",
          );
          for (const id of ids) inHand.delete(id);
        }
        throw err;
      },
    );

  async function bulkAllowed(lane: Lane, now: Date): Promise<boolean> {
    const nowMs = now.getTime();
    if (!lane.leaseCheck || nowMs - lane.leaseCheckedAt >= leaseMs / 3) {
      lane.leaseCheckedAt = nowMs;
      // One election check at a time; the lane's other pipelines wait for its answer.
      lane.leaseCheck = (async () => {
        const { held, fresh } = await lane.lease.acquire(nowMs);
        lane.leaseHeld = held;
        if (fresh) {
          // Taking over: what the previous bulk sender had in hand is settled before going on.
          const done = await resolveOrphans(deps.prisma, {
            channel: lane.sender.channel,
            notOwner: owner,
            claimedBefore: now,
            bulkOnly: true,
            now,
          });
          deps.log.info({ channel: lane.sender.channel, owner, interrupted: done.interrupted }, "elected bulk sender");
        }
      })().catch((err: unknown) => {
        lane.leaseHeld = false;
        deps.log.error({ err, channel: lane.sender.channel }, "bulk sender election failed");
      });
    }
    await lane.leaseCheck;
    return lane.leaseHeld && nextSendableTime(now, deps.quietHours).getTime() === nowMs;
  }

  /** Takes one batch of this lane and sends it; returns how many rows were taken. */
  async function batch(lane: Lane): Promise<number> {
    const { sender } = lane;
    const now = deps.clock.now();
    const bulk = await bulkAllowed(lane, now);
    const size = sender.ratePerSecond
      ? Math.max(1, Math.min(200, Math.round((sender.ratePerSecond * BATCH_MS) / 1000)))
      : 50;
    // Nothing new while earlier results are unwritten: a write retried late must not find a row
    // it had already put back taken again by this instance, and put it back a second time.
    if (unsettled.length > 0) return 0;
    const rows = await claimRows(deps.prisma, { channel: sender.channel, limit: size, bulk, owner, now });
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    for (const id of ids) inHand.add(id);
    let slots: Slots | null = null;
    if (sender.ratePerSecond) {
      slots = await pacer
        .reserve(sender.channel, rows.length, sender.ratePerSecond, deps.clock.now().getTime(), MAX_SLOT_WAIT_MS)
        .catch(async (err: unknown) => {
          await settle(() => requeueRows(deps.prisma, ids, owner, deps.clock.now()), ids).catch(() => undefined);
          throw err;
        });
      if (!slots) {
        // Paused (429) or fully booked by other instances: hand the rows back for the next poll.
        await settle(() => requeueRows(deps.prisma, ids, owner, deps.clock.now()), ids);
        return 0;
      }
    }
    const done = sendBatch(lane, rows, slots).then(async (outcomes) => {
      const handedOn = await settle(
        () => recordOutcomes({ prisma: deps.prisma, log: deps.log, owner, phoneRoutes }, outcomes, deps.clock.now()),
        ids,
      );
      // A notice handed to the phone goes out now, not when this sender's queue is done.
      if (handedOn instanceof Set) for (const channel of handedOn) kickLane(channel);
    });
    if (!slots) {
      await done;
      return rows.length;
    }
    // The next batch is taken as soon as this one's last slot has come: answers from the platform
    // are written when they arrive, so a slow answer never leaves the sender idle.
    const written = done.catch((err: unknown) =>
      deps.log.error({ err, channel: sender.channel }, "outbox results not written"),
    );
    lane.inFlight.add(written);
    void written.finally(() => lane.inFlight.delete(written));
    await sleepUntil(slots.firstMs + (slots.count - 1) * slots.intervalMs);
    return rows.length;
  }

  /** Sends each row at its slot; one chat's rows strictly one after another. */
  async function sendBatch(lane: Lane, rows: Claimed[], slots: Slots | null): Promise<Outcome[]> {
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
          const outcome = await sendOne(lane, row, slot);
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

  async function sendOne(lane: Lane, row: Claimed, slot: number): Promise<Outcome> {
    const now = deps.clock.now();
    const bulkKind = row.kind === "NOTIFICATION" || row.kind === "BROADCAST";
    const parsed = replySchema.safeParse(row.reply);
    if (!parsed.success) return { row, status: "FAILED", reason: "invalid_reply", fallback: false };
    // A chat's row, whichever sender carries it (an SMS conversation goes through the SMS gateway's
    // phone sender): the person's choices about it hold.
    const toChat = lane.sender.kind === "chat" || row.identityId !== null;
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
    // Not sent, and the attempt does not count: shutting down, a stalled machine, the chat's own pace.
    if (stopped) return { row, status: "RETRY", reason: "stopping", at: now, uncounted: true };
    if (now.getTime() < lane.pausedUntil)
      return { row, status: "RETRY", reason: "sender_paused", at: new Date(lane.pausedUntil), uncounted: true };
    if (slot > 0 && now.getTime() - slot > lane.lateMs)
      return { row, status: "RETRY", reason: "late_for_slot", at: now, uncounted: true };
    if (lane.window && !lane.window.take(now.getTime()))
      return { row, status: "RETRY", reason: "sender_window", at: now, uncounted: true };
    const chatWait = lane.chats.take(row.identityId, now.getTime());
    if (chatWait > 0)
      return { row, status: "RETRY", reason: "chat_rate", at: new Date(now.getTime() + chatWait), uncounted: true };

    const result = await lane.sender.send(row, parsed.data).catch((err: unknown): SendResult => ({
      ok: false,
      permanent: false,
      reason: err instanceof Error ? err.message : String(err),
    }));
    if (result.ok) {
      if (result.answerUnreadable)
        deps.log.warn(
          { outboundId: row.id, channel: lane.sender.channel },
          "sent, answer unreadable: recorded as sent, not sent again",
        );
      return { row, status: "SENT", platformMessageId: result.platformMessageId };
    }
    if (result.permanent) {
      const unreachable = toChat && result.scope !== "message";
      return { row, status: "FAILED", reason: result.reason, unreachable, fallback: bulkKind };
    }
    if (result.pauseSender) {
      const until = deps.clock.now().getTime() + (result.retryAfterMs ?? 1000);
      lane.pausedUntil = Math.max(lane.pausedUntil, until);
      await pacer.pause(lane.sender.channel, until);
      deps.log.warn(
        { channel: lane.sender.channel, retryAfterMs: result.retryAfterMs },
        "platform rate limit: sender paused",
      );
    }
    if (row.attempts >= MAX_ATTEMPTS && deps.clock.now().getTime() - row.createdAt.getTime() >= RETRY_FOR_MS) {
      deps.log.warn({ outboundId: row.id, reason: result.reason }, "outbound message failed after retries");
      return { row, status: "FAILED", reason: result.reason, fallback: bulkKind };
    }
    const backoff = result.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
    return { row, status: "RETRY", reason: result.reason, at: new Date(deps.clock.now().getTime() + backoff) };
  }

  /** Keeps one lane busy until nothing is due. */
  async function pump(lane: Lane): Promise<number> {
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const n = await batch(lane);
      total += n;
      if (n === 0) return total;
    }
  }

  /**
   * Runs a lane's pumps until its queue is empty. Lanes run independently: a web-chat reply never
   * waits for a long Telegram broadcast to finish, and an SMS that replaces a refused ZNS never
   * waits for the rest of the ZNS queue.
   */
  function runLane(lane: Lane): Promise<number> {
    if (lane.running) {
      lane.again = true;
      return lane.running;
    }
    const run = (async () => {
      let total = 0;
      do {
        lane.again = false;
        const pipelines = lane.sender.ratePerSecond ? PIPELINES : 1;
        const counts = await Promise.all(
          Array.from({ length: pipelines }, () =>
            pump(lane).catch((err: unknown) => {
              deps.log.error({ err, channel: lane.sender.channel }, "outbox run failed");
              return 0;
            }),
          ),
        );
        total += counts.reduce((a, b) => a + b, 0);
        // A chat's next message waits until the one before it is written as sent: look again then.
        if (lane.inFlight.size > 0) {
          await Promise.allSettled([...lane.inFlight]);
          lane.again = true;
        }
      } while (lane.again && !stopped);
      return total;
    })().finally(() => {
      lane.running = null;
    });
    lane.running = run;
    return run;
  }

  /** Starts a lane that is idle, or tells a running one to look again once it is done. */
  function kickLane(channel: string): void {
    const lane = lanes.find((l) => l.sender.channel === channel);
    if (lane && !stopped) void runLane(lane);
  }

  /** Sends everything due through every lane and resolves when all of them are idle. */
  async function drain(): Promise<number> {
    const failed = await housekeeping();
    const counts = await Promise.all(lanes.map(runLane));
    return counts.reduce((a, b) => a + b, failed);
  }

  /** Results left unwritten, lost claims, a dead instance's rows, unconfigured channels. */
  async function housekeeping(): Promise<number> {
    const writes = unsettled.splice(0);
    for (let i = 0; i < writes.length; i++) {
      await settle(writes[i]!.write, writes[i]!.ids, writes[i]!.failures).catch((err: unknown) => {
        // The one that failed is back in the list (unless given up); so are the rest.
        unsettled.push(...writes.slice(i + 1));
        throw err;
      });
    }
    const now = deps.clock.now();
    // Own lost claims are looked for often: each waits LOST_CLAIM_MS plus at most this interval.
    if (now.getTime() - lastClaimCheckAt > LOST_CLAIM_MS / 4) {
      lastClaimCheckAt = now.getTime();
      await requeueLostClaims(deps.prisma, {
        owner,
        inHand: [...inHand],
        claimedBefore: new Date(now.getTime() - LOST_CLAIM_MS),
        now,
      }).catch((err: unknown) => deps.log.error({ err }, "outbox clean-up failed"));
    }
    if (now.getTime() - lastReapAt > STALE_SENDING_MS / 4) {
      lastReapAt = now.getTime();
      const before = new Date(now.getTime() - STALE_SENDING_MS);
      for (const { sender } of lanes) {
        await resolveOrphans(deps.prisma, {
          channel: sender.channel,
          notOwner: owner,
          claimedBefore: before,
          bulkOnly: false,
          now,
        }).catch((err: unknown) => deps.log.error({ err }, "outbox clean-up failed"));
      }
    }
    return sweepUnconfigured(now).catch((err: unknown) => {
      deps.log.error({ err }, "messages for unconfigured channels not ended");
      return 0;
    });
  }

  /** Ends what waits for a channel nobody sends through, when this instance holds that election. */
  async function sweepUnconfigured(now: Date): Promise<number> {
    if (!sweep.lease) return 0;
    if (now.getTime() - sweep.checkedAt >= leaseMs / 3) {
      sweep.checkedAt = now.getTime();
      sweep.held = (await sweep.lease.acquire(now.getTime())).held;
    }
    if (!sweep.held) return 0;
    const record = (outcomes: Outcome[]) =>
      settle(() => recordOutcomes({ prisma: deps.prisma, log: deps.log, owner, phoneRoutes }, outcomes, now));
    return failUnconfigured({ prisma: deps.prisma, log: deps.log, owner, record }, unconfigured, now, () => stopped);
  }

  /** Waits for a moment on the service's clock, looking again every little while (tests move it). */
  async function sleepUntil(ms: number): Promise<void> {
    for (let wait = ms - deps.clock.now().getTime(); wait > 0 && !stopped; wait = ms - deps.clock.now().getTime()) {
      await new Promise((r) => setTimeout(r, Math.min(wait, 200)));
    }
  }

  return {
    owner,
    kick: () => void drain().catch((err: unknown) => deps.log.error({ err }, "outbox run failed")),
    drain,
    start() {
      stopped = false;
      // Each poll starts every idle lane, without waiting for the busy ones: a lane busy for
      // minutes (a province's ZNS notices) never keeps the others from their turn. The clean-up
      // is done while no lane sends, as its queries would hold up the writes of those sending.
      const tick = () => {
        if (stopped) return;
        void (lanes.some((l) => l.running !== null) ? Promise.resolve(0) : housekeeping())
          .then(() => {
            for (const lane of lanes) void runLane(lane);
          })
          .catch((err: unknown) => deps.log.error({ err }, "outbox run failed"))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, deps.pollMs ?? 1000);
          });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(lanes.flatMap((l) => (l.running ? [l.running] : [])));
      await Promise.allSettled(lanes.flatMap((l) => [...l.inFlight]));
      // The next bulk sender need not wait for the lease to run out.
      await Promise.all(
        [...lanes.map((l) => l.lease), ...(sweep.lease ? [sweep.lease] : [])].map((l) =>
          l.release().catch(() => undefined),
        ),
      );
    },
  };
}
