// The live progress of one broadcast through Server-Sent Events, fed by a database poll: whichever
// instance sends the messages, every open page sees the figures move within a second. Each change
// sends the bar's value and the report part of the page, rendered in the viewer's language.
import type { Response } from "express";
import type { TFunction } from "i18next";
import { broadcastProgress } from "../../features/broadcasts/report.ts";
import { finishIfComplete } from "../../features/broadcasts/send.ts";
import type { AppDeps } from "../deps.ts";
import { openPolledEventStream } from "../eventStream.ts";
import { progressSection } from "./views/broadcastsDetailView.ts";

const POLL_MS = 1000;
// Once a broadcast has ended nothing moves but the odd late outcome: look less often.
const ENDED_POLL_MS = 10_000;

export function broadcastEvents(deps: AppDeps, res: Response, id: string, t: TFunction): void {
  let last = "";
  openPolledEventStream(res, {
    retryMs: POLL_MS,
    onError: (err) => deps.log.warn({ err, broadcastId: id }, "broadcast progress poll failed"),
    async poll(stream) {
      await finishIfComplete(deps.prisma, id, deps.clock.now());
      const p = await broadcastProgress(deps.prisma, id);
      if (!p) return POLL_MS;
      const fingerprint = JSON.stringify(p);
      if (fingerprint !== last) {
        last = fingerprint;
        stream.send("progress", { percent: p.percent, status: p.status, html: progressSection(t, p).value });
      }
      const ended = (p.status === "DONE" || p.status === "CANCELLED") && p.pending === 0;
      return ended ? ENDED_POLL_MS : POLL_MS;
    },
  });
}
