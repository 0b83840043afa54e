// Live updates for the hotline console through Server-Sent Events, fed by a database poll like the
// web chat's stream: whichever instance wrote a change (a person's message, a delivery outcome, a
// colleague's claim), every open page notices it within a poll and fetches the fresh part.
import type { RequestHandler } from "express";
import { queueFingerprint, ticketFingerprint } from "../../features/hotline/changes.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { openPolledEventStream } from "../eventStream.ts";

const POLL_MS = 1000;

/** A ticket number as a path or query gives it; null for anything else. */
export function ticketNumber(raw: unknown): number | null {
  return typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export function hotlineEvents(deps: AppDeps): RequestHandler {
  return (req, res) => {
    const staff = getStaff(res);
    const number = ticketNumber(req.query.ticket);
    // The fingerprint the page was rendered with: a change made before this stream opened still counts.
    let last: string | null = typeof req.query.fp === "string" ? req.query.fp.slice(0, 200) : null;
    openPolledEventStream(res, {
      retryMs: POLL_MS,
      onError: (err) => deps.log.warn({ err }, "hotline live poll failed"),
      async poll(stream) {
        const now =
          number === null
            ? await queueFingerprint(deps.prisma, staff)
            : await ticketFingerprint(deps.prisma, staff, number);
        if (last !== null && now !== last) stream.send("change", now);
        last = now ?? "gone";
        return POLL_MS;
      },
    });
  };
}
