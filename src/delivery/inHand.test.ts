import { describe, expect, it } from "vitest";
import { createInHand, LOST_CLAIM_MS } from "./inHand.ts";

const T0 = Date.UTC(2026, 11, 6, 3, 0, 0);

describe("rows in hand and lost claims", () => {
  it("looks for lost claims older than 30 s, sparing the rows still being sent or written", () => {
    const hand = createInHand();
    hand.take(["a", "b", "c"]);
    hand.release(["b"]);
    expect(hand.lostClaimCheck(T0)).toEqual({ inHand: ["a", "c"], claimedBefore: new Date(T0 - LOST_CLAIM_MS) });
    expect(hand.has("a")).toBe(true);
    expect(hand.has("b")).toBe(false);
  });

  it("looks again every 7.5 s, so a lost claim waits at most 37.5 s", () => {
    const hand = createInHand();
    expect(hand.lostClaimCheck(T0)).not.toBeNull();
    expect(hand.lostClaimCheck(T0 + 1000)).toBeNull();
    expect(hand.lostClaimCheck(T0 + 7500)).toBeNull();
    expect(hand.lostClaimCheck(T0 + 7501)).toEqual({ inHand: [], claimedBefore: new Date(T0 + 7501 - LOST_CLAIM_MS) });
  });

  it("a row taken again after it was released is in hand again", () => {
    const hand = createInHand();
    hand.take(["a"]);
    hand.release(["a"]);
    hand.take(["a"]);
    expect(hand.lostClaimCheck(T0)?.inHand).toEqual(["a"]);
  });
});
