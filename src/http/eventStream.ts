// Opens a server-sent events response: the headers every live page needs, and how soon the
// browser reconnects after a drop.
import type { ServerResponse } from "node:http";

// Proxies and phone networks drop idle connections; a comment line every 25 s keeps them open.
const KEEP_ALIVE_MS = 25_000;

export function openEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store, no-transform",
    Connection: "keep-alive",
    // nginx would otherwise hold the events back in its buffer.
    "X-Accel-Buffering": "no",
  });
  res.write("retry: 3000\n\n");
}

export interface PolledStream {
  /** Writes one named event, unless the browser has gone. */
  send(event: string, data: unknown): void;
}

export interface PollOptions {
  /** One look at the database; resolves to how long to wait before the next one (ms). */
  poll(stream: PolledStream): Promise<number>;
  /** A failed look is reported here; the next one still comes after `retryMs`. */
  onError(err: unknown): void;
  retryMs: number;
}

/**
 * Opens the stream and feeds it from a database poll, so a page sees changes whichever instance
 * made them: the first look at once, the next one only after the last has finished, until the
 * browser leaves.
 */
export function openPolledEventStream(res: ServerResponse, o: PollOptions): void {
  openEventStream(res);
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const stream: PolledStream = {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  };
  const look = async (): Promise<void> => {
    const wait = await o.poll(stream).catch((err: unknown) => {
      o.onError(err);
      return o.retryMs;
    });
    if (!closed) timer = setTimeout(() => void look(), wait);
  };
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  res.on("close", () => {
    closed = true;
    clearInterval(keepAlive);
    if (timer) clearTimeout(timer);
  });
  void look();
}
