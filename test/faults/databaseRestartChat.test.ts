// PostgreSQL restarts while people are chatting with the real service through the Telegram
// webhook: updates refused meanwhile are re-sent by Telegram; afterwards everyone has been
// answered once and every row has ended. Always on the local PostgreSQL server (a restart needs one).
import { describe, expect, it } from "vitest";
import { databaseRestartDuringChat } from "./chatScenarios.ts";
import { figuresTable } from "./figures.ts";

describe("the database restarting during chat traffic", () => {
  it("answers every message once, those sent during the outage included", async () => {
    const f = await databaseRestartDuringChat({
      perSecond: 8,
      seconds: 12,
      faultAtMs: 3000,
      outageMs: 5000,
      drainTimeoutMs: 30_000,
    });
    process.stdout.write(`${figuresTable([f])}\n`);
    expect(f.messages).toBe(96);
    expect(f).toMatchObject({ lost: 0, duplicates: 0, apologies: 0, notFinal: 0 });
    expect(f.drainMs).not.toBeNull();
  }, 90_000);
});
