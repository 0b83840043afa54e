// A lane's own pace, checked right before each send on this instance: the shared slots (pacer.ts)
// say when a batch may go; these checks keep a stalled machine, a 429 or one busy chat from making
// the sends leave faster than the platform allows. A send held back here was not tried: it goes
// back to the queue without using up an attempt.
import { createChatPacer } from "./chatPacer.ts";
import { createSendWindow } from "./pacer.ts";

// One batch is this much sending time: small, so a crash leaves few rows of unknown fate.
const BATCH_MS = 100;
// Rows taken per claim by a sender without a rate.
const UNPACED_BATCH = 50;
const MAX_BATCH = 200;
// A send that would start more than this (or half a slot) after its slot is put back instead
// (the machine stalled): sending late slots in a bunch would break the platform's limit.
const MAX_LATE_MS = 50;
// Timers fire a millisecond or two late as a matter of course; that is no stall.
const MIN_LATE_MS = 20;

/** How many rows one claim takes for a sender of this rate. */
export function batchSize(ratePerSecond: number | null): number {
  return ratePerSecond
    ? Math.max(1, Math.min(MAX_BATCH, Math.round((ratePerSecond * BATCH_MS) / 1000)))
    : UNPACED_BATCH;
}

/** How late a send may start: half a slot (it would crowd the next one), within 20-50 ms. */
export function lateAllowanceMs(ratePerSecond: number | null): number {
  return ratePerSecond ? Math.min(MAX_LATE_MS, Math.max(MIN_LATE_MS, 500 / ratePerSecond)) : 0;
}

export interface Hold {
  reason: "sender_paused" | "late_for_slot" | "sender_window" | "chat_rate";
  /** When to try again. */
  atMs: number;
}

export interface LanePace {
  /**
   * Null when the message may go now (it is then counted against the sender's second and the
   * chat's burst), else why not and when to try again. `slotMs` 0: the sender has no slots.
   */
  hold(chatKey: string | null, slotMs: number, nowMs: number): Hold | null;
  /** After a 429: this instance sends nothing through the sender until then. */
  pause(untilMs: number): void;
  /**
   * A send let go at `heldAtMs` (by `hold`) was answered at `answeredAtMs`: it counts against the
   * sender's second until a second after that, the latest the platform can have counted it.
   */
  landed(heldAtMs: number, answeredAtMs: number): void;
}

export function createLanePace(sender: { ratePerSecond: number | null; perChatPerSecond?: number }): LanePace {
  const chats = createChatPacer(sender.perChatPerSecond);
  const window = sender.ratePerSecond ? createSendWindow(sender.ratePerSecond) : null;
  const lateMs = lateAllowanceMs(sender.ratePerSecond);
  // Other instances learn of the 429 from the pacer's row; this one stops at once.
  let pausedUntil = 0;
  return {
    hold(chatKey, slotMs, nowMs) {
      if (nowMs < pausedUntil) return { reason: "sender_paused", atMs: pausedUntil };
      if (slotMs > 0 && nowMs - slotMs > lateMs) return { reason: "late_for_slot", atMs: nowMs };
      if (window && !window.take(nowMs)) return { reason: "sender_window", atMs: nowMs };
      const chatWait = chats.take(chatKey, nowMs);
      if (chatWait > 0) return { reason: "chat_rate", atMs: nowMs + chatWait };
      return null;
    },
    pause(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
    landed(heldAtMs, answeredAtMs) {
      window?.landed(heldAtMs, answeredAtMs);
    },
  };
}
