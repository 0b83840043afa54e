// What the outbox tidies between runs: result writes left unwritten, its own lost claims, rows a
// dead instance left in SENDING, and messages for channels nobody sends through.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import { requeueLostClaims, resolveOrphans } from "./claim.ts";
import type { InHand } from "./inHand.ts";
import { createLease, type Lease } from "./lease.ts";
import { recordOutcomes, type Outcome } from "./outcomes.ts";
import type { ResultWrites } from "./resultWrites.ts";
import { failUnconfigured, unconfiguredChannels } from "./unconfigured.ts";

// Looking for messages of unconfigured channels costs a claim per channel: after each answered
// message (a kick) it is done at most this often.
const SWEEP_ON_KICK_EVERY_MS = 1000;
// A row in SENDING this long is its instance's no more (it died): cleaned up by any instance.
const STALE_SENDING_MS = 2 * 60_000;

export interface HousekeepingDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  owner: string;
  leaseMs: number;
  /** The channels this instance sends through. */
  channels: string[];
  phoneRoutes: string[];
  inHand: InHand;
  writes: ResultWrites;
  stopped(): boolean;
}

export interface Housekeeping {
  /**
   * One round (`kicked`: after an answered message, when the sweep of unconfigured channels is
   * done only if it is due); resolves with how many messages for unconfigured channels were ended. Rejects when
   * a kept result write fails again (nothing new is to be sent before it is written).
   */
  run(kicked?: boolean): Promise<number>;
  /** Leases this instance may hold (released on stop). */
  leases(): Lease[];
}

export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const { prisma, log, owner } = deps;
  let lastReapAt = 0;
  let lastSweepAt = 0;
  const unconfigured = unconfiguredChannels(deps.channels);
  // Failing those messages is bulk work too: one elected instance does it.
  const sweep = {
    lease: unconfigured.length > 0 ? createLease(prisma, "bulk:unconfigured", owner, deps.leaseMs) : null,
    held: false,
    checkedAt: 0,
  };

  /** Ends what waits for a channel nobody sends through, when this instance holds that election. */
  async function sweepUnconfigured(now: Date): Promise<number> {
    if (!sweep.lease) return 0;
    if (now.getTime() - sweep.checkedAt >= deps.leaseMs / 3) {
      sweep.checkedAt = now.getTime();
      sweep.held = (await sweep.lease.acquire(now.getTime())).held;
    }
    if (!sweep.held) return 0;
    const record = (outcomes: Outcome[]) =>
      deps.writes.settle(() => recordOutcomes({ prisma, log, owner, phoneRoutes: deps.phoneRoutes }, outcomes, now));
    return failUnconfigured({ prisma, log, owner, record }, unconfigured, now, deps.stopped);
  }

  return {
    async run(kicked = false) {
      await deps.writes.retry();
      const now = deps.clock.now();
      const lost = deps.inHand.lostClaimCheck(now.getTime());
      if (lost) {
        await requeueLostClaims(prisma, { owner, ...lost, now }).catch((err: unknown) =>
          log.error({ err }, "outbox clean-up failed"),
        );
      }
      if (now.getTime() - lastReapAt > STALE_SENDING_MS / 4) {
        lastReapAt = now.getTime();
        const before = new Date(now.getTime() - STALE_SENDING_MS);
        for (const channel of deps.channels) {
          await resolveOrphans(prisma, {
            channel,
            notOwner: owner,
            claimedBefore: before,
            bulkOnly: false,
            now,
          }).catch((err: unknown) => log.error({ err }, "outbox clean-up failed"));
        }
      }
      if (kicked && now.getTime() - lastSweepAt < SWEEP_ON_KICK_EVERY_MS) return 0;
      lastSweepAt = now.getTime();
      return sweepUnconfigured(now).catch((err: unknown) => {
        log.error({ err }, "messages for unconfigured channels not ended");
        return 0;
      });
    },
    leases: () => (sweep.lease ? [sweep.lease] : []),
  };
}
