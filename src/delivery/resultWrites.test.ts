import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/logger.ts";
import { createInHand } from "./inHand.ts";
import { createResultWrites, MAX_WRITE_FAILURES } from "./resultWrites.ts";

function world() {
  const logged: string[] = [];
  const log = createLogger({ level: "error", destination: { write: (line: string) => void logged.push(line) } });
  const inHand = createInHand();
  const writes = createResultWrites({ log, inHand });
  return { logged, inHand, writes };
}

/** A write that fails `times` times with `error`, then succeeds; counts its runs. */
function flaky(times: number, error: () => Error) {
  const w = { runs: 0, write: async () => {} };
  w.write = async () => {
    w.runs++;
    if (w.runs <= times) throw error();
  };
  return w;
}

const lost = () => new Error("Connection terminated unexpectedly");
const deadlock = () => new Error("deadlock detected");

describe("result writes about rows in hand", () => {
  it("lets the rows go once written", async () => {
    const { inHand, writes } = world();
    inHand.take(["a", "b"]);
    await writes.settle(async () => 2, ["a"]);
    expect(inHand.has("a")).toBe(false);
    expect(inHand.has("b")).toBe(true);
    expect(writes.pending()).toBe(false);
  });

  it("waits out a database that is away however long it takes, keeping the rows in hand", async () => {
    const { inHand, writes } = world();
    inHand.take(["a"]);
    const w = flaky(20, lost);
    await expect(writes.settle(w.write, ["a"])).rejects.toThrow(/Connection terminated/);
    for (let i = 0; i < 19; i++) {
      expect(writes.pending()).toBe(true);
      await expect(writes.retry()).rejects.toThrow();
    }
    expect(inHand.has("a")).toBe(true);
    await writes.retry();
    expect(w.runs).toBe(21);
    expect(writes.pending()).toBe(false);
    expect(inHand.has("a")).toBe(false);
  });

  it("gives up another failure after five tries, says so, and leaves the rows to the lost-claim clean-up", async () => {
    const { inHand, writes, logged } = world();
    inHand.take(["a"]);
    const w = flaky(100, deadlock);
    await expect(writes.settle(w.write, ["a"])).rejects.toThrow(/deadlock/);
    while (writes.pending()) await writes.retry().catch(() => undefined);
    expect(w.runs).toBe(MAX_WRITE_FAILURES);
    expect(inHand.has("a")).toBe(false);
    expect(logged.join("")).toContain("outbox results could not be written");
  });

  it("retries kept writes in order and stops at the first that fails again", async () => {
    const { inHand, writes } = world();
    inHand.take(["a", "b"]);
    const first = flaky(2, lost);
    const second = flaky(1, lost);
    await writes.settle(first.write, ["a"]).catch(() => undefined);
    await writes.settle(second.write, ["b"]).catch(() => undefined);
    await expect(writes.retry()).rejects.toThrow();
    expect([first.runs, second.runs]).toEqual([2, 1]);
    await writes.retry();
    expect([first.runs, second.runs]).toEqual([3, 2]);
    expect(writes.pending()).toBe(false);
    expect([inHand.has("a"), inHand.has("b")]).toEqual([false, false]);
  });
});
