// Opens a server-sent events response: the headers every live page needs, and how soon the
// browser reconnects after a drop.
import type { ServerResponse } from "node:http";

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
