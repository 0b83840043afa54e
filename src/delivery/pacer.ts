// Pacing shared by every instance: a sender (one bot, one OA, the ZNS account, the SMS gateway)
// has one row holding the time of its next free send slot. Taking n slots moves it n intervals
// on, in one statement, so two instances can never take the same slot and together never send
// faster than the rate. A 429 moves the next slot past the platform's retry_after for everyone.
import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { hotRows } from "../db/hotRows.ts";

const reservedRow = z.object({ first: z.coerce.number() });

export interface Slots {
  /** Epoch ms of the first slot; slot i is at first + i × interval. */
  firstMs: number;
  intervalMs: number;
  count: number;
}

export interface Pacer {
  /**
   * Takes `count` consecutive slots, or none (null) when the first free one is more than
   * `maxWaitMs` away: the sender is paused, or other instances have it busy.
   */
  reserve(
    sender: string,
    count: number,
    ratePerSecond: number,
    nowMs: number,
    maxWaitMs: number,
  ): Promise<Slots | null>;
  /** Nobody sends for `sender` before `untilMs` (a 429 with retry_after). */
  pause(sender: string, untilMs: number): Promise<void>;
}

// Slots are spaced a little under the platform's rate, and the send window below stops a little
// under it too: the platform counts arrivals, and a message reaches it a few milliseconds sooner or
// later than it left (the network, a busy server). 1.5% under the rate absorbs 15 ms of such
// jitter per second; the window (1% under) keeps a burst after a stall from reaching the limit.
export const SLOT_SHARE = 0.985;
const WINDOW_SHARE = 0.99;

export function createPacer(prisma: PrismaClient): Pacer {
  return {
    async reserve(sender, count, ratePerSecond, nowMs, maxWaitMs) {
      const intervalMs = 1000 / (ratePerSecond * SLOT_SHARE);
      const span = intervalMs * count;
      const rows = await hotRows(
        prisma,
        reservedRow,
        Prisma.sql`
        INSERT INTO "SenderState" (sender, "nextSlotMs", "updatedAt") VALUES (${sender}, ${nowMs + span}, now())
        ON CONFLICT (sender) DO UPDATE
          SET "nextSlotMs" = GREATEST("SenderState"."nextSlotMs", ${nowMs}::float8) + ${span}::float8, "updatedAt" = now()
          WHERE "SenderState"."nextSlotMs" <= ${nowMs + maxWaitMs}::float8
        RETURNING "nextSlotMs" - ${span}::float8 AS first`,
      );
      return rows[0] ? { firstMs: rows[0].first, intervalMs, count } : null;
    },
    async pause(sender, untilMs) {
      await prisma.$executeRaw`
        INSERT INTO "SenderState" (sender, "nextSlotMs", "pausedUntil", "updatedAt") VALUES (${sender}, ${untilMs}, ${new Date(untilMs)}, now())
        ON CONFLICT (sender) DO UPDATE
          SET "nextSlotMs" = GREATEST("SenderState"."nextSlotMs", ${untilMs}::float8),
              "pausedUntil" = GREATEST("SenderState"."pausedUntil", ${new Date(untilMs)}), "updatedAt" = now()`;
    },
  };
}

/**
 * A last check before each send: no more than the limit in any second, counted here. Slots keep
 * sends evenly spaced; when this machine stalls and several slots come due at once, this keeps
 * them from leaving in a burst the platform would refuse.
 *
 * The platform counts a message when it arrives, which is later than when it was let go here if
 * this process stalled in between (a garbage collection of 10–15 ms, measured in the notice
 * benchmark): the late ones then sit in the platform's second a little longer than in this
 * window, and exactly a second after such a stall a 429 came back. A send is therefore counted
 * until a second after its answer came back (`landed`), the latest it can have arrived.
 */
export function createSendWindow(ratePerSecond: number): {
  take(nowMs: number): boolean;
  landed(takenAtMs: number, answeredAtMs: number): void;
} {
  // A little under the limit (at least one message under it), see SLOT_SHARE.
  const max = Math.max(1, Math.min(Math.ceil(ratePerSecond) - 1, Math.floor(ratePerSecond * WINDOW_SHARE)));
  // When each send counts from, in ascending order (a send answered late moves back to where its
  // answer falls), so the expired ones are always at the front.
  const sent: number[] = [];
  let head = 0;
  return {
    take(nowMs) {
      while (head < sent.length && sent[head]! <= nowMs - 1000) head++;
      if (head > 1024) {
        sent.splice(0, head);
        head = 0;
      }
      if (sent.length - head >= max) return false;
      sent.push(nowMs);
      return true;
    },
    landed(takenAtMs, answeredAtMs) {
      if (answeredAtMs <= takenAtMs) return;
      // Sends let go at the same moment are alike: the latest one still counted from then moves.
      let i = sent.length - 1;
      while (i >= head && sent[i] !== takenAtMs) i--;
      if (i < head) return;
      sent.splice(i, 1);
      let at = sent.length;
      while (at > head && sent[at - 1]! > answeredAtMs) at--;
      sent.splice(at, 0, answeredAtMs);
    },
  };
}
