// Telegram down for minutes, then back: people wrote to the bot just before; their answers wait
// in the outbound queue, retried with backoff, and must all arrive once the platform is back.
// The service's clock is moved on (the real one keeps running too), so an hour's outage takes
// seconds; the whole chat runtime runs in this process on the given database.
import { startTelegramHarness } from "../channels/telegramHarness.ts";
import { startFakeTelegramApi } from "../fakes/telegramApi.ts";
import type { TestDatabase } from "../helpers/database.ts";
import type { Figures } from "./figures.ts";

export interface PlatformOutageRun {
  /** One run per length, each with its own people. */
  outageMinutes: number[];
  /** People who wrote just before each outage. */
  replies: number;
}

const STEP_MS = 5000;
// After the platform is back: long enough for any retry scheduled during the outage to come due.
const AFTER_MS = 10 * 60_000;

export async function platformOutage(o: PlatformOutageRun, db: TestDatabase): Promise<Figures[]> {
  const fake = await startFakeTelegramApi();
  const h = await startTelegramHarness({ db, fake, env: { QUIET_HOURS: "off", TELEGRAM_RATE_PER_SECOND: "100" } });
  const out: Figures[] = [];
  try {
    for (const [run, minutes] of o.outageMinutes.entries()) {
      const mode = run % 2 === 0 ? "502" : "drop";
      fake.outage(mode);
      const chats = Array.from({ length: o.replies }, (_, i) => 9_500_000 + run * 1000 + i);
      for (const chat of chats) expectOk(await h.post(fake.updates.text(chat, "xin chào")));
      await h.runtime.engine.settle();
      // The outage, in steps of the service's clock; the queue is worked after each.
      for (let t = 0; t < minutes * 60_000; t += STEP_MS) {
        h.clock.advance(STEP_MS);
        await h.runtime.outbox.drain();
      }
      fake.outage(null);
      const backAt = h.clock.now().getTime();
      let firstSend: number | null = null;
      for (let t = 0; t < AFTER_MS; t += STEP_MS) {
        await h.runtime.outbox.drain();
        if (firstSend === null && chats.some((c) => fake.sentMessages(c).length > 0))
          firstSend = h.clock.now().getTime() - backAt;
        const open = await h.prisma.outboundMessage.count({
          where: { identity: { platformUserId: { in: chats.map(String) } }, status: { in: ["QUEUED", "SENDING"] } },
        });
        if (open === 0) break;
        h.clock.advance(STEP_MS);
      }
      const rows = await h.prisma.outboundMessage.findMany({
        where: { identity: { platformUserId: { in: chats.map(String) } } },
        include: { identity: true },
      });
      const perChat = new Map<string, number>();
      for (const r of rows) perChat.set(r.identity!.platformUserId, (perChat.get(r.identity!.platformUserId) ?? 0) + 1);
      let lost = 0;
      let duplicates = 0;
      for (const chat of chats) {
        const received = fake.sentMessages(chat).length;
        const written = perChat.get(String(chat)) ?? 0;
        if (written === 0 || received < written) lost++;
        duplicates += Math.max(0, received - written);
      }
      out.push({
        scenario: `Telegram down ${minutes} min (${mode === "502" ? "502" : "connections cut"})`,
        messages: chats.length,
        lost,
        duplicates,
        interrupted: 0,
        apologies: 0,
        notFinal: rows.filter((r) => r.status === "QUEUED" || r.status === "SENDING").length,
        recoveryMs: firstSend,
        drainMs: null,
        note:
          lost > 0
            ? `given up: ${[...new Set(rows.filter((r) => r.status === "FAILED").map((r) => r.failureReason))].join(", ")}`
            : undefined,
      });
    }
  } finally {
    fake.outage(null);
    await h.close();
    await fake.close();
  }
  return out;
}

function expectOk(res: Response): void {
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}
