// POST /inbound: what a person sent from their phone, as the SMS gateway forwards it. A generic
// shape that most Vietnamese gateways can be set up to post, as JSON or as a form:
//   {"from":"84912345678","to":"8079","text":"TIEN","id":"<gateway message id>","timestamp":"…"}
// (also accepted: msisdn/sender for from, message/body/content for text, messageId/message_id/
// msgId for id; timestamp as ISO 8601, or seconds or milliseconds since 1970).
// The signature is checked on the raw bytes first: HMAC-SHA256 of the body under
// SMS_INBOUND_SECRET, hex (optionally "sha256=<hex>"), in the header SMS_INBOUND_SIGNATURE_HEADER.
// A refusal stores nothing and is logged without the number or the text. A good message is stored
// once by the gateway's id (the engine's store-before-acknowledge), and only then answered 200:
// a gateway that got no 200 sends it again, and the id keeps it from being answered twice.
import express, { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { InboundEvent } from "../../core/events.ts";
import type { ConversationEngine } from "../../conversation/engine.ts";
import { smsKeyword } from "../../features/chat/smsKeywords.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import { normalisePhone } from "../../lib/phone.ts";
import { wellFormedReviver } from "../../lib/wellFormed.ts";
import { numberedChoice } from "../zalo/numberedChoice.ts";
import { verifySmsSignature } from "./signature.ts";

export interface SmsWebhookDeps {
  engine: ConversationEngine;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  secret: string;
  signatureHeader: string;
  /** Largest accepted body; an inbound SMS is a few hundred bytes. */
  bodyLimit: string;
}

// A gateway keeps re-sending what it could not deliver for a day or so; a message older than the
// engine's re-send window is looked up among every stored message before it is taken.
const LATE_MS = 24 * 3_600_000;

const text = (max: number) => z.string().max(max);
const id = z.union([z.string().min(1).max(128), z.number().int().nonnegative().transform(String)]);
const inbound = z
  .object({
    from: text(32).optional(),
    msisdn: text(32).optional(),
    sender: text(32).optional(),
    to: text(32).optional(),
    text: text(2000).optional(),
    message: text(2000).optional(),
    body: text(2000).optional(),
    content: text(2000).optional(),
    id: id.optional(),
    messageId: id.optional(),
    message_id: id.optional(),
    msgId: id.optional(),
    timestamp: z.union([z.string().max(40), z.number()]).optional(),
  })
  .loose()
  .transform((b) => ({
    from: b.from ?? b.msisdn ?? b.sender,
    text: b.text ?? b.message ?? b.body ?? b.content,
    id: b.id ?? b.messageId ?? b.message_id ?? b.msgId,
    timestamp: b.timestamp,
  }));

export function createSmsWebhookRouter(deps: SmsWebhookDeps): Router {
  const router = Router();
  router.post("/inbound", express.raw({ type: "*/*", limit: deps.bodyLimit }), (req: Request, res: Response) => {
    void handle(deps, req, res).catch((err: unknown) => {
      deps.log.error({ err }, "SMS webhook failed");
      // A 5xx makes the gateway deliver it again; the message id keeps it from running twice.
      if (!res.headersSent) res.status(500).json({ error: "internal" });
    });
  });
  return router;
}

async function handle(deps: SmsWebhookDeps, req: Request, res: Response): Promise<void> {
  const refuse = (status: 400 | 401, reason: string) => {
    deps.log.warn({ reason }, "SMS webhook refused");
    res.status(status).json({ error: status === 401 ? "unauthorized" : "bad_request" });
  };
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return refuse(400, "empty body");
  const header = req.get(deps.signatureHeader);
  if (!verifySmsSignature(header, raw, deps.secret)) return refuse(401, header ? "bad signature" : "missing signature");

  const fields = parseBody(raw, req.get("content-type") ?? "");
  if (!fields) return refuse(400, "body is neither JSON nor a form");
  const parsed = inbound.safeParse(fields);
  if (!parsed.success) return refuse(400, "fields of the wrong type");
  const { from, text: body, id: messageId, timestamp } = parsed.data;
  if (!from || body === undefined || !messageId) return refuse(400, "from, text and id are needed");
  const at = readTime(timestamp, deps.clock.now());
  if (!at) return refuse(400, "unreadable timestamp");

  const phone = normalisePhone(from);
  if (!phone) {
    // A brand name or a foreign number: nobody this service can answer by SMS. Taken (a refusal
    // would only make the gateway send it again), not stored.
    deps.log.warn({ reason: "not a Vietnamese mobile number" }, "SMS ignored");
    res.status(200).json({ ok: true });
    return;
  }
  if (deps.clock.now().getTime() - at.getTime() > LATE_MS && (await storedBefore(deps, messageId))) {
    deps.log.info({ late: true }, "old SMS already answered; ignored");
    res.status(200).json({ ok: true });
    return;
  }
  const chat = { channel: "SMS" as const, platformUserId: phone };
  const event = await asEvent(deps, { chat, messageId, at, text: body });
  await deps.engine.receive(event);
  res.status(200).json({ ok: true });
}

/**
 * A keyword is the button it stands for (smsKeywords.ts); a lone number is the choice of that number
 * in the last message sent (as on Zalo); anything else is free text, understood as in the chat.
 */
async function asEvent(
  deps: SmsWebhookDeps,
  m: { chat: InboundEvent["chat"]; messageId: string; at: Date; text: string },
): Promise<InboundEvent> {
  const base = { chat: m.chat, messageId: m.messageId, at: m.at };
  const keyword = smsKeyword(m.text);
  if (keyword) return { ...base, kind: "button", data: keyword.button };
  return numberedChoice(deps.prisma, { ...base, kind: "text", text: m.text });
}

function parseBody(raw: Buffer, contentType: string): Record<string, unknown> | null {
  const source = raw.toString("utf8");
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(source);
    return Object.fromEntries(form.entries());
  }
  try {
    // A lone surrogate ("\ud800") is refused here: no database could store it.
    const value: unknown = JSON.parse(source, wellFormedReviver);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** ISO 8601, or a count of seconds (10 digits) or milliseconds since 1970; none: now. */
function readTime(value: string | number | undefined, now: Date): Date | null {
  if (value === undefined || value === "") return now;
  const n = typeof value === "number" ? value : /^\d{9,13}$/.test(value) ? Number(value) : null;
  const d = n !== null ? new Date(n < 1e11 ? n * 1000 : n) : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  // A gateway's clock a little ahead is no reason to refuse; the order of messages uses it.
  return d.getTime() > now.getTime() ? now : d;
}

async function storedBefore(deps: SmsWebhookDeps, messageId: string): Promise<boolean> {
  const row = await deps.prisma.inboundMessage.findFirst({
    where: { channel: "SMS", platformMessageId: messageId },
    select: { id: true },
  });
  return row !== null;
}
