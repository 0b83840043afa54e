// The webhook Telegram POSTs updates to. telegraf's own `webhookCallback` is not used as is: it
// compares `req.url` with its path (which breaks behind a mounted router), answers a wrong
// secret with a bare 404, malformed JSON with 415, and a failed handler with 200 — which would
// tell Telegram an update was taken when it was not stored. Here: 401/403 for a missing/wrong
// secret, 400 for a body that is not an update, 500 when storing failed (Telegram re-sends it),
// and 200 as soon as the update is stored (processing happens afterwards).
import { createHash, timingSafeEqual } from "node:crypto";
import { raw, Router, type NextFunction, type Request, type Response } from "express";
import type { Update } from "telegraf/types";
import type { Logger } from "../../lib/logger.ts";
import { wellFormedReviver } from "../../lib/wellFormed.ts";
import { telegramUpdate } from "./updateToEvent.ts";

export interface TelegramWebhookDeps {
  secret: string;
  log: Logger;
  /** Stores the update; rejects when it could not be (already logged). */
  receive(update: Update): Promise<void>;
}

export const WEBHOOK_ROUTE = "/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function telegramWebhook(deps: TelegramWebhookDeps): Router {
  const expected = digest(deps.secret);
  const router = Router();

  // The secret is checked before the body is read: strangers do not get to upload anything.
  const checkSecret = (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get(SECRET_HEADER);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    deps.log.warn({ ip: req.ip, secret: given === undefined ? "missing" : "wrong" }, "telegram webhook refused");
    res.sendStatus(given === undefined ? 401 : 403);
  };

  router.post(
    WEBHOOK_ROUTE,
    checkSecret,
    raw({ type: () => true, limit: "1mb" }),
    async (req: Request, res: Response) => {
      const text: string = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      let json: unknown;
      try {
        // A lone surrogate ("\ud800") is refused here: no database could store the update.
        json = JSON.parse(text, wellFormedReviver);
      } catch {
        deps.log.warn({ ip: req.ip, bytes: text.length }, "telegram webhook: malformed JSON");
        res.sendStatus(400);
        return;
      }
      const parsed = telegramUpdate.safeParse(json);
      if (!parsed.success) {
        deps.log.warn({ ip: req.ip }, "telegram webhook: not an update");
        res.sendStatus(400);
        return;
      }
      try {
        await deps.receive(parsed.data);
        res.sendStatus(200);
      } catch {
        res.sendStatus(500);
      }
    },
  );
  return router;
}

// Equal-length digests make the comparison constant-time whatever length the caller sends.
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
