// The delivery engine. Every outbound message is a row first (replies in the same transaction as
// the decision that produced them, notices and broadcasts when they are planned), then sent here:
// - paced per sender (bot, OA, ZNS account, SMS gateway) with slots shared by all instances;
// - replies to people chatting first; notices and broadcasts only by the instance holding that
//   sender's bulk lease, and never in quiet hours;
// - 429 pauses the whole sender; 5xx and network errors retry with backoff; a refusal for good
//   (blocked, unfollowed) marks the chat unreachable and hands a notice on to the phone;
// - a message for a channel without a sender here fails at once (unconfigured.ts);
// - every row ends SENT, FAILED (with reason) or SKIPPED (with reason).
//
// The parts: lane.ts (one sender's batches, sends and results), pacing.ts and retry.ts (when a
// message may go, and again), inHand.ts (rows taken and claims lost), resultWrites.ts (writes
// kept and retried), housekeeping.ts (clean-up between runs). This file starts and stops them.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import { createHousekeeping } from "./housekeeping.ts";
import { createInHand } from "./inHand.ts";
import { createLane, type Lane } from "./lane.ts";
import { createPacer } from "./pacer.ts";
import type { QuietHours } from "./quietHours.ts";
import { createResultWrites } from "./resultWrites.ts";
import type { Sender } from "./sender.ts";

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
  /**
   * Send what is queued now (called after a conversation step commits); `channel`: only what
   * waits for that channel's sender is looked for.
   */
  kick(channel?: string): void;
  /** Sends everything due, until nothing is left; resolves when done. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = deps.bulkLeaseMs ?? 15_000;
  const phoneRoutes = deps.senders.filter((s) => s.kind === "phone").map((s) => s.channel);
  const inHand = createInHand();
  const writes = createResultWrites({ log: deps.log, inHand });
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const isStopped = () => stopped;
  const lanes: Lane[] = [];
  /** Starts a lane that is idle, or tells a running one to look again once it is done. */
  const kickLane = (channel: string): void => {
    const lane = lanes.find((l) => l.sender.channel === channel);
    if (lane && !stopped) void lane.run();
  };
  const laneContext = {
    prisma: deps.prisma,
    log: deps.log,
    clock: deps.clock,
    owner,
    quietHours: deps.quietHours,
    leaseMs,
    pacer: createPacer(deps.prisma),
    phoneRoutes,
    inHand,
    writes,
    stopped: isStopped,
    kick: kickLane,
  };
  lanes.push(...deps.senders.map((sender) => createLane(laneContext, sender)));
  const housekeeping = createHousekeeping({
    prisma: deps.prisma,
    log: deps.log,
    clock: deps.clock,
    owner,
    leaseMs,
    channels: deps.senders.map((s) => s.channel),
    phoneRoutes,
    inHand,
    writes,
    stopped: isStopped,
  });

  /**
   * Sends everything due through every lane (or `channel`'s, when it has one) and resolves when
   * they are idle.
   */
  async function drain(kicked = false, channel?: string): Promise<number> {
    const failed = await housekeeping.run(kicked);
    // After a reply to a Telegram chat, looking for web-chat messages would be a statement for nothing.
    const own = lanes.filter((l) => l.sender.channel === channel);
    const counts = await Promise.all((own.length > 0 ? own : lanes).map((l) => l.run()));
    return counts.reduce((a, b) => a + b, failed);
  }

  return {
    owner,
    kick: (channel) => void drain(true, channel).catch((err: unknown) => deps.log.error({ err }, "outbox run failed")),
    drain: () => drain(),
    start() {
      stopped = false;
      // Each poll starts every idle lane, without waiting for the busy ones: a lane busy for
      // minutes (a province's ZNS notices) never keeps the others from their turn. The clean-up
      // is done while no lane sends, as its queries would hold up the writes of those sending.
      const tick = () => {
        if (stopped) return;
        void (lanes.some((l) => l.busy()) ? Promise.resolve(0) : housekeeping.run())
          .then(() => {
            for (const lane of lanes) void lane.run();
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
      await Promise.all(lanes.map((l) => l.idle()));
      // The next bulk sender need not wait for the lease to run out.
      await Promise.all(
        [...lanes.map((l) => l.lease), ...housekeeping.leases()].map((l) => l.release().catch(() => undefined)),
      );
    },
  };
}
