// POST /webhook: Zalo's event callback. The signature is checked on the raw bytes before anything
// is stored; a good event is stored (once, by its message id) and answered at once, well within the
// 2 s Zalo waits; the answer to the person follows asynchronously. Refusals are logged without
// personal data (no user ids, no message text).
import express, { type Request, type Response, Router } from "express";
import type { InboundEvent } from "../../core/events.ts";
import type { ConversationEngine } from "../../conversation/engine.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import { mapZaloEvent, zaloEnvelope } from "./mapZaloEvent.ts";
import { numberedChoice } from "./numberedChoice.ts";
import { verifyZaloSignature } from "./signature.ts";
import type { ZaloWindow } from "./zaloWindow.ts";
import { wellFormedReviver } from "../../lib/wellFormed.ts";

export interface ZaloWebhookDeps {
  engine: ConversationEngine;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  appId: string;
  oaSecretKey: string;
  /**
   * ZALO_WEBHOOK_MAX_AGE_SECONDS. Zalo re-sends an event it got no 200 for, for up to 12 h, with its
   * first timestamp: a signed event is accepted whatever its age and answered once, so nothing the
   * person wrote while the service was down is lost. Up to this age the engine's re-send window
   * recognises copies; an older event is first looked up among all stored messages. A timestamp
   * this far in the future is refused.
   */
  maxAgeSeconds: number;
  /** Largest accepted body; Zalo's events are a few hundred bytes. */
  bodyLimit: string;
  /** The person's reply window, opened by each message they send. */
  window: ZaloWindow;
}

// Zalo waits about 2 s for the 200; anything older than a minute was re-sent.
const LATE_EVENT_MS = 60_000;

export function createZaloWebhookRouter(deps: ZaloWebhookDeps): Router {
  const router = Router();
  router.post("/webhook", express.raw({ type: "*/*", limit: deps.bodyLimit }), (req: Request, res: Response) => {
    void handle(deps, req, res).catch((err: unknown) => {
      deps.log.error({ err }, "Zalo webhook failed");
      // A 5xx makes Zalo deliver the event again; the message id keeps it from running twice.
      if (!res.headersSent) res.status(500).json({ error: "internal" });
    });
  });
  return router;
}

async function handle(deps: ZaloWebhookDeps, req: Request, res: Response): Promise<void> {
  const refuse = (status: 400 | 401, reason: string, extra: Record<string, unknown> = {}) => {
    deps.log.warn({ reason, ...extra }, "Zalo webhook refused");
    res.status(status).json({ error: status === 401 ? "unauthorized" : "bad_request" });
  };
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return refuse(400, "empty body");

  let payload: unknown;
  try {
    // A lone surrogate ("\ud800") is refused here: no database could store the event.
    payload = JSON.parse(raw.toString("utf8"), wellFormedReviver);
  } catch {
    return refuse(400, "malformed JSON");
  }
  const envelope = zaloEnvelope.safeParse(payload);
  if (!envelope.success) return refuse(400, "not a Zalo event");
  const { app_id: appId, event_name: eventName, timestamp } = envelope.data;

  const signed = verifyZaloSignature(req.get("x-zevent-signature"), {
    appId: deps.appId,
    rawBody: raw,
    timestamp: String(timestamp),
    oaSecretKey: deps.oaSecretKey,
  });
  if (!signed) return refuse(401, req.get("x-zevent-signature") ? "bad signature" : "missing signature", { eventName });
  if (appId !== deps.appId) return refuse(401, "another app's event", { eventName });
  const ageMs = deps.clock.now().getTime() - Number(timestamp);
  if (-ageMs > deps.maxAgeSeconds * 1000)
    return refuse(401, "timestamp in the future beyond ZALO_WEBHOOK_MAX_AGE_SECONDS", { eventName, ageMs });

  const mapped = mapZaloEvent(envelope.data, payload);
  if (mapped.kind === "invalid") return refuse(400, mapped.problem, { eventName });
  if (mapped.kind === "ignored") {
    res.status(200).json({ ok: true });
    return;
  }
  // A re-send after an outage carries its first timestamp. A signed event is accepted whatever its
  // age unless it was stored already: the engine recognises copies from the last two days; an
  // older one is looked up among every message ever stored (a replay of it changes nothing).
  if (ageMs > LATE_EVENT_MS)
    deps.log.info({ eventName, ageMs, retry: req.get("num_retry") }, "Zalo event arrived late (a re-send)");
  if (ageMs > deps.maxAgeSeconds * 1000 && (await storedBefore(deps, mapped.event.messageId))) {
    deps.log.info({ eventName, ageMs }, "old Zalo event already answered; ignored");
    res.status(200).json({ ok: true });
    return;
  }
  // The person wrote: their free reply window starts again from Zalo's timestamp of the message
  // (first, so the answer is already sent inside it). A re-send carries the same timestamp and
  // changes nothing.
  if (mapped.personMessageId)
    await deps.window.noteMessage(mapped.event.chat.platformUserId, mapped.personMessageId, mapped.event.at);
  const event = await numberedChoice(deps.prisma, mapped.event);
  for (const e of await withReachability(deps, event)) await deps.engine.receive(e);
  res.status(200).json({ ok: true });
}

async function storedBefore(deps: ZaloWebhookDeps, messageId: string): Promise<boolean> {
  const row = await deps.prisma.inboundMessage.findFirst({
    where: { channel: "ZALO", platformMessageId: messageId },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Zalo has no "unblocked" event: a chat marked unreachable (unfollowed, or refused as a non-follower)
 * becomes reachable again when the person follows or writes to the OA. The `reachable` event goes
 * first (a millisecond earlier), so the answer to this message is not skipped.
 */
async function withReachability(deps: ZaloWebhookDeps, event: InboundEvent): Promise<InboundEvent[]> {
  if (event.kind === "unreachable") return [event];
  const identity = await deps.prisma.chatIdentity.findUnique({
    where: { channel_platformUserId: { channel: "ZALO", platformUserId: event.chat.platformUserId } },
    select: { reachable: true },
  });
  if (!identity || identity.reachable) return [event];
  const reachable: InboundEvent = {
    kind: "reachable",
    chat: event.chat,
    messageId: `${event.messageId}:reachable`,
    at: new Date(event.at.getTime() - 1),
  };
  return [reachable, event];
}
