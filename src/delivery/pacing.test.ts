import { describe, expect, it } from "vitest";
import { batchSize, createLanePace, lateAllowanceMs } from "./pacing.ts";

const T0 = Date.UTC(2026, 11, 6, 3, 0, 0);

describe("a lane's pace", () => {
  it("takes about a tenth of a second of sending per claim, within 1 and 200 rows", () => {
    expect(batchSize(30)).toBe(3);
    expect(batchSize(1)).toBe(1);
    expect(batchSize(10_000)).toBe(200);
    expect(batchSize(null)).toBe(50);
  });

  it("lets a send start up to half a slot late, never less than 20 ms nor more than 50 ms", () => {
    expect(lateAllowanceMs(30)).toBe(20);
    expect(lateAllowanceMs(15)).toBeCloseTo(33.3, 1);
    expect(lateAllowanceMs(5)).toBe(50);
    expect(lateAllowanceMs(null)).toBe(0);
  });

  it("puts back a send the machine reached too late for its slot, and lets one on time go", () => {
    const pace = createLanePace({ ratePerSecond: 30 });
    expect(pace.hold("chat-1", T0, T0 + 15)).toBeNull();
    expect(pace.hold("chat-2", T0 + 40, T0 + 61)).toEqual({ reason: "late_for_slot", atMs: T0 + 61 });
  });

  it("never lets more than the rate (less one) leave in any second, even when slots come due together", () => {
    const pace = createLanePace({ ratePerSecond: 10 });
    const held = Array.from({ length: 12 }, (_, i) => pace.hold(`chat-${i}`, 0, T0 + i));
    expect(held.filter((h) => h === null)).toHaveLength(9);
    expect(held.slice(9)).toEqual([
      { reason: "sender_window", atMs: T0 + 9 },
      { reason: "sender_window", atMs: T0 + 10 },
      { reason: "sender_window", atMs: T0 + 11 },
    ]);
    // A second after the first ones left, there is room again.
    expect(pace.hold("chat-late", 0, T0 + 1000)).toBeNull();
  });

  it("counts a send that was answered late until a second after its answer, as the platform may have", () => {
    const pace = createLanePace({ ratePerSecond: 10 });
    // Nine leave in the first 9 ms; the machine stalls after the first one left, and its answer
    // comes back 300 ms later (the platform may have received it that late).
    for (let i = 0; i < 9; i++) expect(pace.hold(`chat-${i}`, 0, T0 + i)).toBeNull();
    pace.landed(T0, T0 + 300);
    for (let i = 1; i < 9; i++) pace.landed(T0 + i, T0 + i + 2);
    // A second after they left, room for the eight answered at once, not for the late one.
    const next = Array.from({ length: 9 }, (_, i) => pace.hold(`chat-next-${i}`, 0, T0 + 1011 + i));
    expect(next.filter((h) => h === null)).toHaveLength(8);
    expect(next[8]).toEqual({ reason: "sender_window", atMs: T0 + 1019 });
    // Once a second has passed since its answer too, it no longer counts.
    expect(pace.hold("chat-after", 0, T0 + 1300)).toBeNull();
  });

  it("lets a reply of three messages go to one chat at once and holds a fourth about a second", () => {
    const pace = createLanePace({ ratePerSecond: 30, perChatPerSecond: 1 });
    expect([1, 2, 3].map(() => pace.hold("chat-1", 0, T0))).toEqual([null, null, null]);
    expect(pace.hold("chat-1", 0, T0)).toEqual({ reason: "chat_rate", atMs: T0 + 1000 });
    // Another chat is not held up by the first one's burst.
    expect(pace.hold("chat-2", 0, T0)).toBeNull();
    expect(pace.hold("chat-1", 0, T0 + 1000)).toBeNull();
  });

  it("sends nothing after a 429 until its retry-after has passed, and a shorter pause never shortens it", () => {
    const pace = createLanePace({ ratePerSecond: 30 });
    pace.pause(T0 + 5000);
    pace.pause(T0 + 1000);
    expect(pace.hold("chat-1", 0, T0 + 10)).toEqual({ reason: "sender_paused", atMs: T0 + 5000 });
    expect(pace.hold("chat-1", 0, T0 + 4999)).toEqual({ reason: "sender_paused", atMs: T0 + 5000 });
    expect(pace.hold("chat-1", 0, T0 + 5000)).toBeNull();
  });
});
