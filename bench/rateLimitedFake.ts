// The fake Bot API in a process of its own (fakeTelegramProcess.ts), refusing with 429 above
// `perSecond` as Telegram does, and the wait for a number of messages to reach it: what the
// notices benchmarks share.
import { fork } from "node:child_process";
import { z } from "zod";

const ready = z.object({ apiRoot: z.string(), token: z.string() });
const fakeStats = z.object({
  accepted: z.number(),
  refused: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
  first429Index: z.number(),
  /** Messages accepted in each wall-clock second of the run. */
  perSecond: z.array(z.number()),
});
export type FakeStats = z.infer<typeof fakeStats>;

export interface RateLimitedFake {
  apiRoot: string;
  token: string;
  stats(): Promise<FakeStats>;
  /** Waits until `target` messages were accepted, printing progress each second; throws when far too slow. */
  waitForSends(target: number): Promise<FakeStats>;
  close(): void;
}

export async function startRateLimitedFake(perSecond: number): Promise<RateLimitedFake> {
  const child = fork("bench/fakeTelegramProcess.ts", [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FAKE_RATE_PER_SECOND: String(perSecond) },
  });
  const next = <T>(schema: z.ZodType<T>) =>
    new Promise<T>((resolve) => child.once("message", (m) => resolve(schema.parse(m))));
  const { apiRoot, token } = await next(ready);
  const stats = () => {
    const answer = next(fakeStats);
    child.send("stats");
    return answer;
  };
  return {
    apiRoot,
    token,
    stats,
    async waitForSends(target) {
      const started = Date.now();
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const s = await stats();
        process.stdout.write(
          `\r  sent ${s.accepted.toLocaleString("en")} / ${target.toLocaleString("en")}   429s ${s.refused}   `,
        );
        if (s.accepted >= target) return s;
        if (Date.now() - started > (target / perSecond) * 3000 + 60_000)
          throw new Error("the messages did not go out in time");
      }
    },
    close: () => void child.send("close"),
  };
}
