// The two jobs of a channel adapter: turn platform updates into InboundEvents (handed to the
// engine), and deliver rendered replies. Everything platform-specific stays behind this.
import type { Router } from "express";
import type { Config } from "../config.ts";
import type { ChannelName, ChatRef } from "../core/events.ts";
import type { I18n } from "../core/i18n.ts";
import type { ConversationEngine } from "../conversation/engine.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { RenderedReply } from "../core/renderReply.ts";
import type { Reply } from "../core/reply.ts";

export type SendResult =
  /**
   * answerUnreadable: the platform answered 2xx with a body that could not be read. The message
   * was accepted; it is recorded as sent (and logged), never sent again.
   */
  | { ok: true; platformMessageId?: string; answerUnreadable?: boolean }
  /**
   * permanent: do not retry this way. scope "chat" (the default): the person blocked the bot or is
   * no longer reachable here, so the chat is marked unreachable. scope "message": only this message
   * cannot go this way (a platform's reply window or quota), the chat stays open; a notice is
   * handed to the person's phone at once.
   */
  | { ok: false; permanent: true; reason: string; scope?: "chat" | "message" }
  /**
   * transient: rate limit, server error, network; retry after the given time (or a backoff).
   * pauseSender: the platform refused because the whole bot or OA sent too fast (429): nobody
   * sends through it until retryAfterMs has passed.
   */
  | { ok: false; permanent: false; reason: string; retryAfterMs?: number; pauseSender?: boolean };

/** What a message is, for channels whose platform treats answers and notices differently (Zalo). */
export interface SendContext {
  /** An answer to the person, a hotline agent's answer, a payout notice, an officer's broadcast. */
  kind: "REPLY" | "HOTLINE" | "NOTIFICATION" | "BROADCAST";
  /** The reply as data: its first text key names the notice (for platform templates). */
  reply: Reply;
  locale: string;
}

export interface ChannelAdapter {
  name: ChannelName;
  send(chat: ChatRef, reply: RenderedReply, context?: SendContext): Promise<SendResult>;
  /** Webhook or transport routes and where the app mounts them (e.g. "/channels/zalo", "/chat"). */
  http?: { path: string; router: Router };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What every channel factory is given. */
export interface ChannelDeps {
  config: Config;
  engine: ConversationEngine;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
}
