// Everything under /chat: the page, its two files, and the small JSON + event-stream API.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import express from "express";
import type { Config } from "../../config.ts";
import type { ConversationEngine } from "../../conversation/engine.ts";
import { DEFAULT_LOCALE, isLocale, type I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { appRoot } from "../../lib/appRoot.ts";
import { addressBucket } from "../../lib/clientAddress.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { wellFormedReviver } from "../../lib/wellFormed.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import type { ChatHub } from "./chatHub.ts";
import { issueChatId, readChatId, verifyChatCookie } from "./chatCookie.ts";
import { chatPage } from "./chatPage.ts";
import { eventStream } from "./eventStream.ts";
import { findIdentity, loadHistory } from "./history.ts";
import { messagesApi } from "./messagesApi.ts";
import { createRateLimiter, limitPerAddress } from "./rateLimiter.ts";
import { requestGuard } from "./requestGuard.ts";

// Resolved from the application folder so the compiled build serves the same files.
const STATIC_DIR = path.join(appRoot, "src", "channels", "web", "static");

export interface ChatRouterDeps {
  config: Config;
  engine: ConversationEngine;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
  hub: ChatHub;
  pollMs: number;
}

export function createChatRouter(deps: ChatRouterDeps): express.Router {
  const router = express.Router();
  const assets = { css: fileVersion("chat.css"), js: fileVersion("chat.js") };
  router.use("/static", express.static(STATIC_DIR, { index: false, maxAge: "7d" }));

  router.use(verifyChatCookie(deps.prisma));
  // New chats per client address: each is a fresh chat id, so one address cannot make thousands.
  const newChats = createRateLimiter({
    limit: deps.config.WEB_CHAT_NEW_PER_HOUR,
    windowMs: 3_600_000,
    clock: deps.clock,
  });

  router.get("/", async (req, res) => {
    let chatId = readChatId(req);
    if (!chatId) {
      if (!newChats.hit(addressBucket(req.ip))) {
        const locale = isLocale(req.query.lang) ? req.query.lang : DEFAULT_LOCALE;
        res.set("Cache-Control", "no-store").set("Retry-After", "600");
        res
          .status(429)
          .type("html")
          .send(busyPage(locale, deps.i18n.t(locale)).value);
        return;
      }
      chatId = issueChatId(deps.prisma, req, res, deps.config.cookieSecure);
    }
    const asked = req.query.lang;
    const locale = isLocale(asked) ? asked : ((await findIdentity(deps.prisma, chatId))?.locale ?? DEFAULT_LOCALE);
    // The page is the same for everyone, but it may set this browser's cookie: never cache it.
    res.set("Cache-Control", "no-store");
    res.type("html").send(chatPage({ t: deps.i18n.t(locale), locale, assets }).value);
  });

  // At most 20 messages per 10 seconds per chat: more than any person types or taps.
  const limiter = createRateLimiter({ limit: 20, windowMs: 10_000, clock: deps.clock });
  const api = express.Router();
  api.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  const perAddress = createRateLimiter({
    limit: deps.config.WEB_CHAT_MESSAGES_PER_MINUTE,
    windowMs: 60_000,
    clock: deps.clock,
  });
  // 48 kB holds a 4,096-character message in any script (a longer one is answered 413 "too_long").
  api.post(
    "/messages",
    requestGuard(deps.config.PUBLIC_URL),
    limitPerAddress(perAddress),
    express.json({ limit: "48kb", reviver: wellFormedReviver }),
    messagesApi({ ...deps, limiter }),
  );
  api.get("/history", async (req, res) => {
    const chatId = readChatId(req);
    if (!chatId) {
      res.status(401).json({ error: "no_chat" });
      return;
    }
    const history = await loadHistory(deps.prisma, deps.i18n, chatId);
    res.json({ ...history, now: deps.clock.now().toISOString() });
  });
  api.get("/events", eventStream(deps));
  router.use("/api", api);
  return router;
}

/** Said instead of the chat when one address has opened too many new chats. */
function busyPage(locale: string, t: (key: string) => string): SafeHtml {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>An Sinh Bot</title>
      </head>
      <body>
        <main>
          <h1>An Sinh Bot</h1>
          <p>${t("webchat:busy")}</p>
        </main>
      </body>
    </html>`;
}

function fileVersion(name: string): string {
  return createHash("sha256")
    .update(readFileSync(path.join(STATIC_DIR, name)))
    .digest("hex")
    .slice(0, 10);
}
