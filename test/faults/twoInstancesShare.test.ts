// Two instances behind one webhook address while notices go out: both answer people, one of them
// alone sends the notices, and every message is answered once.
import { describe, expect, it } from "vitest";
import { figuresTable } from "./figures.ts";
import { twoInstancesShareTheWork } from "./sharingScenario.ts";

describe("two instances of the service", () => {
  it("both answer people, one alone sends the notices, and no update is answered twice or lost", async () => {
    const f = await twoInstancesShareTheWork({ perSecond: 10, seconds: 10, notices: 150, drainTimeoutMs: 60_000 });
    process.stdout.write(`${figuresTable([f])}\nreplies sent by each instance: ${f.repliesBy.join(" / ")}\n`);
    expect(f.messages).toBe(100);
    expect(f).toMatchObject({ lost: 0, duplicates: 0, apologies: 0, notFinal: 0, interrupted: 0 });
    expect(f.repliesBy.every((n) => n > 0)).toBe(true);
    expect(f.repliesBy.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100);
    expect(f.bulkSenders).toBe(1);
    expect(f.noticesQueued).toBe(150);
    expect(f.noticesReceived).toBe(150);
  }, 180_000);
});
