// Pacing shared by every instance: a sender (one bot, one OA, the ZNS account, the SMS gateway)
// has one row holding the time of its next free send slot. Taking n slots moves it n intervals
// on, in one statement, so two instances can never take the same slot and together never send
// faster than the rate. A 429 moves the next slot past the platform's retry_after for everyone.
import type { PrismaClient } from "../generated/prisma/client.ts";

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
  reserve(sender: string, count: number, ratePerSecond: number, nowMs: number, maxWaitMs: number): Promise<Slots | null>;
  /** Nobody sends for `sender` before `untilMs` (a 429 with retry_after). */
  pause(sender: string, untilMs: number): Promise<void>;
  /** Gives back the slots from `fromMs` on when they were the last ones taken (nothing to send). */
  release(sender: string, slots: Slots, used: number): Promise<void>;
}

export function createPacer(prisma: PrismaClient): Pacer {
  return {
    async reserve(sender, count, ratePerSecond, nowMs, maxWaitMs) {
      const intervalMs = 1000 / ratePerSecond;
      const span = intervalMs * count;
      const rows = await prisma.$queryRaw<{ first: number }[]>`
        INSERT INTO "SenderState" (sender, "nextSlotMs", "updatedAt") VALUES (${sender}, ${nowMs + span}, now())
        ON CONFLICT (sender) DO UPDATE
          SET "nextSlotMs" = GREATEST("SenderState"."nextSlotMs", ${nowMs}::float8) + ${span}::float8, "updatedAt" = now()
          WHERE "SenderState"."nextSlotMs" <= ${nowMs + maxWaitMs}::float8
        RETURNING "nextSlotMs" - ${span}::float8 AS first`;
      return rows[0] ? { firstMs: Number(rows[0].first), intervalMs, count } : null;
    },
    async pause(sender, untilMs) {
      await prisma.$executeRaw`
        INSERT INTO "SenderState" (sender, "nextSlotMs", "pausedUntil", "updatedAt") VALUES (${sender}, ${untilMs}, ${new Date(untilMs)}, now())
        ON CONFLICT (sender) DO UPDATE
          SET "nextSlotMs" = GREATEST("SenderState"."nextSlotMs", ${untilMs}::float8),
              "pausedUntil" = GREATEST("SenderState"."pausedUntil", ${new Date(untilMs)}), "updatedAt" = now()`;
    },
    async release(sender, slots, used) {
      if (used >= slots.count) return;
      const end = slots.firstMs + slots.intervalMs * slots.count;
      const back = slots.firstMs + slots.intervalMs * used;
      // Only when nobody took slots after ours: otherwise the gap simply stays unused.
      await prisma.$executeRaw`
        UPDATE "SenderState" SET "nextSlotMs" = GREATEST(${back}::float8, 0), "updatedAt" = now()
        WHERE sender = ${sender} AND abs("nextSlotMs" - ${end}::float8) < 0.001`;
    },
  };
}
