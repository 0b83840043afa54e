// Live updates for the hotline console through Server-Sent Events, fed by a database poll like the
// web chat's stream: whichever instance wrote a change (a person's message, a delivery outcome, a
// colleague's claim), every open page notices it within a poll and fetches the fresh part.
import type { RequestHandler } from "express";
import { queueFingerprint, ticketFingerprint } from "../../features/hotline/changes.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { openEventStream } from "../eventStream.ts";

const POLL_MS = 1000;
// Proxies drop idle connections; a comment line keeps them open.
const KEEP_ALIVE_MS = 25_000;

export function hotlineEvents(deps: AppDeps): RequestHandler {
  return (req, res) => {
    const staff = getStaff(res);
    const raw = typeof req.query.ticket === "string" ? req.query.ticket : "";
    const number = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    openEventStream(res);
    // The fingerprint the page was rendered with: a change made before this stream opened still counts.
    let last: string | null = typeof req.query.fp === "string" ? req.query.fp.slice(0, 200) : null;
    let closed = false;
    let timer: NodeJS.Timeout | null = null;
    const poll = async (): Promise<void> => {
      try {
        const now = number === null ? await queueFingerprint(deps.prisma, staff) : await ticketFingerprint(deps.prisma, staff, number);
        if (last !== null && now !== last && !closed) res.write(`event: change\ndata: ${JSON.stringify(now)}\n\n`);
        last = now ?? "gone";
      } catch (err: unknown) {
        deps.log.warn({ err }, "hotline live poll failed");
      }
      if (!closed) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
    res.on("close", () => {
      closed = true;
      clearInterval(keepAlive);
      if (timer) clearTimeout(timer);
    });
    void poll();
  };
}
