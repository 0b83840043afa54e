// The rows this instance has taken and not finished with. A row marked SENDING for this instance
// that is not in hand here was taken by a claim whose answer was lost with the connection (the
// database committed, the answer never came back): it was never sent, so it is put back in the
// queue (requeueLostClaims in claim.ts). Rows in hand are being sent or their results written:
// they are never put back behind this instance's back.

// A claim answered this long ago has either come back to this instance or was lost on the way.
export const LOST_CLAIM_MS = 30_000;
// Own lost claims are looked for often: each waits LOST_CLAIM_MS plus at most this interval.
const CHECK_EVERY_MS = LOST_CLAIM_MS / 4;

export interface LostClaimQuery {
  /** Rows not to touch. */
  inHand: string[];
  /** Only claims older than this can have been lost (younger ones may still be answering). */
  claimedBefore: Date;
}

export interface InHand {
  take(ids: readonly string[]): void;
  /** Done with: written, or handed back to the queue. */
  release(ids: readonly string[]): void;
  has(id: string): boolean;
  /** What to look for lost claims with, when it is time to look again (else null). */
  lostClaimCheck(nowMs: number): LostClaimQuery | null;
}

export function createInHand(): InHand {
  const ids = new Set<string>();
  let checkedAt = 0;
  return {
    take(taken) {
      for (const id of taken) ids.add(id);
    },
    release(done) {
      for (const id of done) ids.delete(id);
    },
    has: (id) => ids.has(id),
    lostClaimCheck(nowMs) {
      if (nowMs - checkedAt <= CHECK_EVERY_MS) return null;
      checkedAt = nowMs;
      return { inHand: [...ids], claimedBefore: new Date(nowMs - LOST_CLAIM_MS) };
    },
  };
}
