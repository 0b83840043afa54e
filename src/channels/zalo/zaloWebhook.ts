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
import { wellFormedReviver } from "../../lib/wellFormed.ts";

export interface ZaloWebhookDeps {
  engine: ConversationEngine;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  appId: string;
  oaSecretKey: string;
  /** Events older (or further in the future) than this are replays: ZALO_WEBHOOK_MAX_AGE_SECONDS. */
  maxAgeSeconds: number;
  /** Largest accepted body; Zalo's events are a few hundred bytes. */
  bodyLimit: string;
  /** Buttons shown under one message; choices beyond are numbered in the text. */
  maxButtons: number;
}

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
  if (Math.abs(ageMs) > deps.maxAgeSeconds * 1000) return refuse(401, "stale timestamp (replay?)", { eventName, ageMs });

  const mapped = mapZaloEvent(envelope.data, payload);
  if (mapped.kind === "invalid") return refuse(400, mapped.problem, { eventName });
  if (mapped.kind === "ignored") {
    res.status(200).json({ ok: true });
    return;
  }
  const event = await numberedChoice(deps.prisma, mapped.event, deps.maxButtons);
  for (const e of await withReachability(deps, event)) await deps.engine.receive(e);
  res.status(200).json({ ok: true });
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
