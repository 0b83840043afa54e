// Two instances of the real service behind a round-robin proxy on one webhook address. Telegram
// sends some updates twice (it did not see the first 200), and the second copy lands on the other
// instance: every update is processed and answered exactly once.
import { describe, expect, it } from "vitest";
import { twoInstancesOneWebhook } from "./chatScenarios.ts";
import { figuresTable } from "./figures.ts";

describe("two instances behind one webhook", () => {
  it("process every update once, also when Telegram re-sends it to the other instance", async () => {
    const f = await twoInstancesOneWebhook({ perSecond: 10, seconds: 10, lostAcks: 0.3, drainTimeoutMs: 30_000 });
    process.stdout.write(`${figuresTable([f])}\n`);
    expect(f.messages).toBe(100);
    expect(f).toMatchObject({ lost: 0, duplicates: 0, apologies: 0, notFinal: 0 });
  }, 120_000);
});
