// PostgreSQL restarts in the middle of a run of payout notices: every notice ends, nobody gets
// one twice; one whose fate is unknown ends FAILED "interrupted" and is counted.
import { describe, expect, it } from "vitest";
import { figuresTable } from "./figures.ts";
import { databaseRestartDuringNotices } from "./noticeScenarios.ts";

describe("the database restarting during a run of notices", () => {
  it("ends every notice and messages nobody twice", async () => {
    const f = await databaseRestartDuringNotices({
      recipients: 200,
      ratePerSecond: 30,
      faultAtMessages: 40,
      outageMs: 5000,
      drainTimeoutMs: 60_000,
    });
    process.stdout.write(`${figuresTable([f])}\n`);
    expect(f).toMatchObject({ messages: 200, lost: 0, duplicates: 0, notFinal: 0 });
    expect(f.drainMs).not.toBeNull();
  }, 130_000);
});
