import { describe, expect, it } from "vitest";
import { afterTemporaryFailure, RETRY_FOR_MS } from "./retry.ts";

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const HOUR = 3_600_000;
const row = (attempts: number, ageMs: number) => ({ attempts, createdAt: new Date(NOW - ageMs) });

describe("a message the platform did not take this time", () => {
  it("is tried again after 1, 2, 4 … seconds, never more than a minute apart", () => {
    const waits = [1, 2, 3, 4, 7, 8, 20].map((attempts) => {
      const next = afterTemporaryFailure(row(attempts, 1000), undefined, NOW);
      return next.giveUp ? "given up" : next.atMs - NOW;
    });
    expect(waits).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it("waits as long as the platform asked, not the backoff", () => {
    expect(afterTemporaryFailure(row(1, 1000), 5000, NOW)).toEqual({ giveUp: false, atMs: NOW + 5000 });
  });

  it("is not given up during a long outage while younger than six hours, however often it was tried", () => {
    expect(afterTemporaryFailure(row(300, RETRY_FOR_MS - 1), undefined, NOW)).toEqual({
      giveUp: false,
      atMs: NOW + 60_000,
    });
  });

  it("is not given up when old but tried only a few times (it waited in the queue)", () => {
    expect(afterTemporaryFailure(row(3, 7 * HOUR), undefined, NOW).giveUp).toBe(false);
  });

  it("is given up after eight tries over six hours", () => {
    expect(afterTemporaryFailure(row(8, 6 * HOUR), undefined, NOW)).toEqual({ giveUp: true });
  });
});
