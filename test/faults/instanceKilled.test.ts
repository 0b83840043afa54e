// Two instances of the real service on one database behind one webhook address; one is killed
// (SIGKILL) at a random moment and started again: every message is answered, none twice.
import { describe, expect, it } from "vitest";
import { instanceKilledDuringChat } from "./chatScenarios.ts";
import { figuresTable } from "./figures.ts";

describe("an instance killed at a random moment", () => {
  it("loses no message and answers none twice", async () => {
    const f = await instanceKilledDuringChat({
      perSecond: 8,
      seconds: 14,
      faultAtMs: 3000,
      downMs: 1000,
      drainTimeoutMs: 30_000,
    });
    process.stdout.write(`${figuresTable([f])}\n`);
    expect(f.messages).toBe(112);
    expect(f).toMatchObject({ duplicates: 0, apologies: 0 });
    // Everything has ended but what the killed instance had on the wire (a few replies at most,
    // sent again after two minutes, longer than this test waits) and the messages of those same
    // chats queued behind them (a chat's messages go in order).
    expect(f.notFinalElsewhere).toBe(0);
    expect(f.lost).toBeLessThanOrEqual(f.inHand ?? 0);
  }, 120_000);
});
