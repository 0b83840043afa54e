// Telegram allows about one message a second to one chat, with short bursts: a reply of three
// messages goes at once, a fourth waits. Kept per instance: a chat's messages are sent by one
// instance at a time (see claimRows).
const BURST = 3;
const FORGET_AFTER_MS = 60_000;

export interface ChatPacer {
  /** 0 when a message may go to this chat now (and counts it), else how long to wait. */
  take(chatKey: string | null, nowMs: number): number;
}

export function createChatPacer(perSecond: number | undefined): ChatPacer {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = 0;
  return {
    take(chatKey, nowMs) {
      if (!perSecond || !chatKey) return 0;
      if (nowMs - sweptAt > FORGET_AFTER_MS) {
        sweptAt = nowMs;
        for (const [k, b] of buckets) if (nowMs - b.at > FORGET_AFTER_MS) buckets.delete(k);
      }
      const b = buckets.get(chatKey) ?? { tokens: BURST, at: nowMs };
      b.tokens = Math.min(BURST, b.tokens + ((nowMs - b.at) / 1000) * perSecond);
      b.at = nowMs;
      buckets.set(chatKey, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - b.tokens) / perSecond) * 1000);
    },
  };
}
