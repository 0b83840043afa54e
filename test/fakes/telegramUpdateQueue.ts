// getUpdates as Telegram serves it (Bot API, getUpdates): updates wait in a queue until a poll with
// a higher offset confirms them; a poll with nothing to return is held open for its `timeout`
// seconds and answered as soon as an update arrives; a second poll ends the first with 409
// Conflict ("terminated by other getUpdates request").
// Faults a network in between produces: a poll that is never answered (hang), and a server that
// answers every poll at once, empty, whatever the timeout (a misbehaving proxy or emulator).
import type { ServerResponse } from "node:http";
import type { TelegramUpdateJson } from "./telegramUpdates.ts";
import { error, getUpdatesBody, ok, type Answer } from "./telegramWire.ts";

export interface UpdateQueue {
  push(update: TelegramUpdateJson): void;
  poll(res: ServerResponse, body: Record<string, unknown>): void;
  /** Forgets every waiting update (drop_pending_updates). */
  drop(): void;
  size(): number;
  /** True while a poll is held open, waiting for an update or its timeout. */
  holding(): boolean;
  /** Answers a waiting poll at once; later polls are answered at once too. */
  close(): void;
  /** The next `count` polls are never answered (their connection stays open, like a hung proxy). */
  hang(count: number): void;
  /** true: every poll is answered at once with no updates, whatever is queued and its timeout. */
  answerAtOnce(on: boolean): void;
}

interface Poller {
  res: ServerResponse;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
}

export function createUpdateQueue(
  answer: (res: ServerResponse, body: Record<string, unknown>, answer: Answer) => void,
): UpdateQueue {
  const queue: TelegramUpdateJson[] = [];
  let poller: Poller | null = null;
  let closed = false;
  let hangs = 0;
  let atOnce = false;

  function answerPoll(p: Poller): void {
    clearTimeout(p.timer);
    if (poller === p) poller = null;
    answer(
      p.res,
      { offset: p.offset, limit: p.limit },
      ok(queue.filter((u) => u.update_id >= p.offset).slice(0, p.limit)),
    );
  }

  return {
    push(update) {
      queue.push(update);
      if (poller && update.update_id >= poller.offset) answerPoll(poller);
    },
    poll(res, body) {
      const parsed = getUpdatesBody.safeParse(body);
      if (!parsed.success) return answer(res, body, error(400, "Bad Request: invalid getUpdates parameters"));
      const { offset, limit, timeout } = parsed.data;
      if (hangs > 0) {
        hangs--;
        return;
      }
      if (atOnce) return answer(res, body, ok([]));
      // An offset confirms every update before it: Telegram forgets them.
      if (offset > 0) queue.splice(0, queue.length, ...queue.filter((u) => u.update_id >= offset));
      if (poller) {
        const old = poller;
        clearTimeout(old.timer);
        poller = null;
        answer(
          old.res,
          body,
          error(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
          ),
        );
      }
      const p: Poller = { res, offset, limit, timer: setTimeout(() => answerPoll(p), timeout * 1000) };
      if (timeout === 0 || closed || queue.some((u) => u.update_id >= offset)) return answerPoll(p);
      poller = p;
      // The client gave up (the bot stopped and aborted its request).
      res.on("close", () => {
        if (poller !== p) return;
        clearTimeout(p.timer);
        poller = null;
      });
    },
    drop: () => void queue.splice(0, queue.length),
    size: () => queue.length,
    holding: () => poller !== null,
    close() {
      closed = true;
      if (poller) answerPoll(poller);
    },
    hang(count) {
      hangs += count;
    },
    answerAtOnce(on) {
      atOnce = on;
    },
  };
}
