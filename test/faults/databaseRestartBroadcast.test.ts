// PostgreSQL restarts while an officer's broadcast goes out: every person ends with one report
// line, nobody gets the message twice, and the report's "sent" is what the platform received.
import { describe, expect, it } from "vitest";
import { databaseRestartDuringBroadcast } from "./broadcastScenario.ts";
import { figuresTable } from "./figures.ts";

describe("the database restarting during a broadcast", () => {
  it("ends every report line, sends nobody the message twice, and reports what was received", async () => {
    const f = await databaseRestartDuringBroadcast({
      recipients: 200,
      ratePerSecond: 30,
      faultAtMessages: 40,
      outageMs: 5000,
      drainTimeoutMs: 40_000,
    });
    process.stdout.write(`${figuresTable([f])}\n`);
    expect(f).toMatchObject({ messages: 200, lost: 0, duplicates: 0, notFinal: 0 });
    expect(f.drainMs).not.toBeNull();
    expect(f.reportSent).toBe(f.received);
  }, 120_000);
});
