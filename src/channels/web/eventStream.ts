// Replies reach an open page through Server-Sent Events. Two paths feed each stream:
// - the web channel's send() pushes a reply to the streams of this process at once;
// - every `pollMs` the stream also asks the database for messages of this chat sent since its
//   cursor, because with several instances the outbox that sent a reply may run in another
//   process, whose pushes never reach this one. It is one indexed query (identityId, sentAt).
// Both paths and reconnects may deliver a message twice; every message has a stable id, the
// stream drops what it already sent and the page drops what it already shows. The cursor looks
// back SLACK_MS because sentAt is stamped just before its row commits (and clocks of instances
// differ a little), so a row can become visible with a time slightly before the cursor.
import type { Request, RequestHandler, Response } from "express";
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import type { ChatHub } from "./chatHub.ts";
import type { ChatItem } from "./chatItem.ts";
import { readChatId } from "./chatCookie.ts";
import { sentSince } from "./history.ts";
import { openEventStream } from "../../http/eventStream.ts";

export interface EventStreamDeps {
  prisma: PrismaClient;
  i18n: I18n;
  clock: Clock;
  log: Logger;
  hub: ChatHub;
  pollMs: number;
}

const SLACK_MS = 10_000;
// Proxies and phone networks drop idle connections; a comment line every 25 s keeps them open.
const KEEP_ALIVE_MS = 25_000;
// A person may have the chat open in a few tabs; more than this is a script.
const MAX_STREAMS_PER_CHAT = 5;

export function eventStream(deps: EventStreamDeps): RequestHandler {
  return (req, res) => {
    const chatId = readChatId(req);
    if (!chatId) {
      res.status(401).json({ error: "no_chat" });
      return;
    }
    if (deps.hub.count(chatId) >= MAX_STREAMS_PER_CHAT) {
      res.status(429).json({ error: "rate_limited" });
      return;
    }
    openEventStream(res);

    let cursor = startCursor(req) ?? deps.clock.now().getTime();
    const sent = new Map<string, number>();
    let closed = false;

    const write = (item: ChatItem): void => {
      if (closed || sent.has(item.id)) return;
      const at = Date.parse(item.at);
      sent.set(item.id, at);
      cursor = Math.max(cursor, at);
      res.write(`id: ${cursor}\ndata: ${JSON.stringify(item)}\n\n`);
    };

    let pollTimer: NodeJS.Timeout | null = null;
    const poll = async (): Promise<void> => {
      try {
        const items = await sentSince(deps.prisma, deps.i18n, chatId, new Date(cursor - SLACK_MS));
        for (const item of items) write(item);
        for (const [id, at] of sent) if (at < cursor - 3 * SLACK_MS) sent.delete(id);
      } catch (err: unknown) {
        deps.log.warn({ err }, "web chat poll failed");
      }
      if (!closed) pollTimer = setTimeout(() => void poll(), deps.pollMs);
    };

    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
    const unsubscribe = deps.hub.subscribe(chatId, { push: write, close: () => end(res) });
    const cleanup = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      if (pollTimer) clearTimeout(pollTimer);
      unsubscribe();
    };
    res.on("close", cleanup);
    // Catch up at once on what was sent while the page was away.
    void poll();
  };
}

/** Where a reconnecting page left off: the browser's Last-Event-ID, or ?after= from the page. */
function startCursor(req: Request): number | null {
  const raw = req.get("last-event-id") ?? (typeof req.query.after === "string" ? req.query.after : undefined);
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

function end(res: Response): void {
  if (!res.writableEnded) res.end();
}
