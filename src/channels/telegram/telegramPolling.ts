// Long polling with getUpdates, for development machines without a public address. Unlike
// telegraf's `launch()`, an update is confirmed to Telegram (by asking for the next offset) only
// after it was stored, so a database hiccup delays updates instead of losing them; and `stop()`
// aborts the waiting request at once instead of leaving it open for the poll timeout.
// The Bot API holds a getUpdates request at most its `timeout` seconds; a request that has not
// been answered well after that hung somewhere on the way (a proxy, a half-open connection), so
// each request has a deadline of its own and is made again. Errors and answers that come back
// empty long before the timeout (a server that does not hold polls) are backed off, so the loop
// never spins against a server that answers at once.
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "telegraf/types";
import { z } from "zod";
import type { Logger } from "../../lib/logger.ts";
import { telegramUpdate } from "./updateToEvent.ts";

export interface TelegramPollingDeps {
  apiRoot: string;
  token: string;
  log: Logger;
  allowedUpdates: readonly string[];
  /** Stores the update; rejects when it could not be (already logged). */
  receive(update: Update): Promise<void>;
  /** Seconds Telegram holds a getUpdates request open when there is nothing new. */
  timeoutSeconds?: number;
  /** How much longer than the timeout an answer may take before the request is given up. */
  deadlineGraceMs?: number;
}

export interface TelegramPolling {
  start(): void;
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_DEADLINE_GRACE_MS = 10_000;
// An empty answer sooner than this share of the timeout means the poll was not held.
const HELD_SHARE = 0.5;
const EMPTY_BACKOFF_START_MS = 1000;

const getUpdatesAnswer = z.union([
  z.object({ ok: z.literal(true), result: z.array(z.object({ update_id: z.number().int() }).loose()) }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string().optional(),
    parameters: z.object({ retry_after: z.number().optional() }).optional(),
  }),
]);

class PollError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function telegramPolling(deps: TelegramPollingDeps): TelegramPolling {
  let abort = new AbortController();
  let loop: Promise<void> | null = null;
  let offset = 0;
  let failures = 0;
  let emptyInARow = 0;
  const url = `${deps.apiRoot.replace(/\/+$/, "")}/bot${deps.token}/getUpdates`;
  const timeoutSeconds = deps.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const deadlineMs = timeoutSeconds * 1000 + (deps.deadlineGraceMs ?? DEFAULT_DEADLINE_GRACE_MS);

  async function pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);
  }

  function backoff(err: unknown): number {
    failures++;
    if (err instanceof PollError && err.retryAfterMs !== undefined) return err.retryAfterMs;
    return Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1));
  }

  async function getUpdates(): Promise<{ update_id: number }[]> {
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = AbortSignal.any([abort.signal, deadline]);
    let res: Response;
    let json: unknown;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ offset, timeout: timeoutSeconds, allowed_updates: deps.allowedUpdates }),
        signal,
      });
      json = await res.json().catch(() => null);
    } catch (err) {
      if (deadline.aborted && !abort.signal.aborted)
        throw new PollError(`getUpdates got no answer within ${deadlineMs} ms; asking again`, 0);
      throw err;
    }
    const body = getUpdatesAnswer.safeParse(json);
    if (!body.success) throw new PollError(`getUpdates answered HTTP ${res.status} without a Bot API body`);
    if (!body.data.ok) {
      const seconds = body.data.parameters?.retry_after;
      // 409: a webhook is set, or another instance polls with the same token.
      throw new PollError(
        `${body.data.error_code}: ${body.data.description ?? ""}`,
        seconds === undefined ? undefined : seconds * 1000,
      );
    }
    return body.data.result;
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      let updates: { update_id: number }[];
      const startedAt = Date.now();
      try {
        updates = await getUpdates();
        if (
          updates.length === 0 &&
          (timeoutSeconds === 0 || Date.now() - startedAt < timeoutSeconds * 1000 * HELD_SHARE)
        ) {
          // Answered empty at once: the server is not holding polls; do not hammer it.
          emptyInARow++;
          await pause(Math.min(MAX_BACKOFF_MS, EMPTY_BACKOFF_START_MS * 2 ** (emptyInARow - 1)));
          continue;
        }
        emptyInARow = 0;
      } catch (err) {
        if (abort.signal.aborted) return;
        const wait = backoff(err);
        deps.log.warn({ err, retryInMs: wait }, "telegram getUpdates failed");
        await pause(wait);
        continue;
      }
      let stored = true;
      for (const raw of updates) {
        const parsed = telegramUpdate.safeParse(raw);
        if (parsed.success) {
          try {
            await deps.receive(parsed.data);
          } catch (err) {
            // Not confirmed: the same update comes back with the next getUpdates.
            stored = false;
            await pause(backoff(err));
            break;
          }
        } else {
          deps.log.warn({ updateId: raw.update_id }, "telegram sent an update that is not well-formed; skipped");
        }
        offset = raw.update_id + 1;
      }
      if (stored) failures = 0;
    }
  }

  return {
    start() {
      if (loop) return;
      abort = new AbortController();
      loop = run().finally(() => {
        loop = null;
      });
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
