// The live progress of one broadcast through Server-Sent Events, fed by a database poll: whichever
// instance sends the messages, every open page sees the figures move within a second. Each change
// sends the bar's value and the report part of the page, rendered in the viewer's language.
import type { Response } from "express";
import type { TFunction } from "i18next";
import { broadcastProgress } from "../../features/broadcasts/report.ts";
import { finishIfComplete } from "../../features/broadcasts/send.ts";
import type { AppDeps } from "../deps.ts";
import { openEventStream } from "../eventStream.ts";
import { progressSection } from "./broadcastsDetailView.ts";

const POLL_MS = 1000;
// Once a broadcast has ended nothing moves but the odd late outcome: look less often.
const ENDED_POLL_MS = 10_000;
const KEEP_ALIVE_MS = 25_000;

export function broadcastEvents(deps: AppDeps, res: Response, id: string, t: TFunction): void {
  openEventStream(res);
  let last = "";
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const poll = async (): Promise<void> => {
    let ended = false;
    try {
      await finishIfComplete(deps.prisma, id, deps.clock.now());
      const p = await broadcastProgress(deps.prisma, id);
      if (p) {
        ended = (p.status === "DONE" || p.status === "CANCELLED") && p.pending === 0;
        const fingerprint = JSON.stringify(p);
        if (fingerprint !== last && !closed) {
          last = fingerprint;
          const data = { percent: p.percent, status: p.status, html: progressSection(t, p).value };
          res.write(`event: progress\ndata: ${JSON.stringify(data)}\n\n`);
        }
      }
    } catch (err: unknown) {
      deps.log.warn({ err, broadcastId: id }, "broadcast progress poll failed");
    }
    if (!closed) timer = setTimeout(() => void poll(), ended ? ENDED_POLL_MS : POLL_MS);
  };
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  res.on("close", () => {
    closed = true;
    clearInterval(keepAlive);
    if (timer) clearTimeout(timer);
  });
  void poll();
}
