// The Zalo Official Account channel: a signed webhook in, OA Open API v3 messages out, with the
// access token kept fresh in the database. How a message goes depends on Zalo's reply window
// (zaloWindow.ts): an answer inside the free budget is a consultation message quoting the person's
// message; an answer beyond it is still sent, and counted as paid; a notice or broadcast outside
// the window goes as a transaction message where one is configured for it, and otherwise is handed
// to the person's phone (ZNS, then SMS) at once. Zalo's limits come from partly third-party
// sources, so every one of them can be changed without touching the code paths.
import type { Config } from "../../config.ts";
import type { ChatRef } from "../../core/events.ts";
import { renderParam, type RenderedReply } from "../../core/renderReply.ts";
import type { ChannelAdapter, ChannelDeps, SendContext, SendResult } from "../channel.ts";
import { apiErrorResult, TOKEN_ERRORS } from "./zaloErrors.ts";
import { DEFAULT_LAYOUT_LIMITS, zaloTexts, type ZaloLayoutLimits } from "./zaloMessages.ts";
import { createZaloOaClient, type ZaloEndpoint } from "./zaloOaClient.ts";
import { createZaloTokenStore, type ZaloTokenStore } from "./zaloTokenStore.ts";
import { transactionMessage } from "./zaloTransaction.ts";
import { createZaloWebhookRouter } from "./zaloWebhook.ts";
import { createZaloWindow } from "./zaloWindow.ts";

export interface ZaloLimits extends ZaloLayoutLimits {
  /** Refresh the access token when less than this is left (it lives about 25 h). */
  refreshAheadMs: number;
  /** After a failed refresh, do not try again for this long. */
  refreshRetryMs: number;
  /** Timeout of one call to Zalo. */
  requestTimeoutMs: number;
  /** Pause after Zalo's rate-limit answer (-32), which says nothing about when to come back. */
  rateLimitBackoffMs: number;
  /** Largest webhook body accepted. */
  webhookBodyLimit: string;
}

export const DEFAULT_ZALO_LIMITS: ZaloLimits = {
  ...DEFAULT_LAYOUT_LIMITS,
  refreshAheadMs: 60 * 60_000,
  refreshRetryMs: 60_000,
  requestTimeoutMs: 10_000,
  rateLimitBackoffMs: 60_000,
  webhookBodyLimit: "256kb",
};

export type ZaloChannelDeps = ChannelDeps & {
  zalo: NonNullable<Config["zalo"]>;
  limits?: Partial<ZaloLimits>;
  /** Replaces global fetch (e.g. to go through a proxy). */
  fetch?: typeof fetch;
};

/** The Zalo channel also lends its OA access token to ZNS, which is sent in the OA's name. */
export type ZaloChannel = ChannelAdapter & { tokens: ZaloTokenStore };

export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const limits: ZaloLimits = { ...DEFAULT_ZALO_LIMITS, ...deps.limits };
  const log = deps.log.child({ channel: "ZALO" });
  const client = createZaloOaClient({
    apiRoot: deps.zalo.apiRoot,
    oauthRoot: deps.zalo.oauthRoot,
    appId: deps.zalo.appId,
    appSecret: deps.zalo.appSecret,
    timeoutMs: limits.requestTimeoutMs,
    fetch: deps.fetch,
  });
  const tokens = createZaloTokenStore({
    prisma: deps.prisma,
    log,
    clock: deps.clock,
    client,
    refreshAheadMs: limits.refreshAheadMs,
    refreshRetryMs: limits.refreshRetryMs,
    refreshTimeoutMs: limits.requestTimeoutMs * 3 + 5_000,
    seed: { accessToken: deps.config.ZALO_ACCESS_TOKEN, refreshToken: deps.config.ZALO_REFRESH_TOKEN },
  });
  const window = createZaloWindow(deps.prisma, { freeReplies: deps.zalo.freeReplies, hours: deps.zalo.freeReplyHours });
  const router = createZaloWebhookRouter({
    engine: deps.engine,
    prisma: deps.prisma,
    log,
    clock: deps.clock,
    appId: deps.zalo.appId,
    oaSecretKey: deps.zalo.oaSecretKey,
    maxAgeSeconds: deps.config.ZALO_WEBHOOK_MAX_AGE_SECONDS,
    bodyLimit: limits.webhookBodyLimit,
    window,
  });

  // Zalo's rate limit is per app/OA, not per person: after -32 the whole sender pauses, which also
  // keeps a chat's later replies from overtaking the one that was refused.
  let pausedUntil = 0;

  /** One POST, with the token replaced once (twice when another instance's replacement is refused too). */
  async function post(endpoint: ZaloEndpoint, body: unknown): Promise<SendResult & { unreadable?: boolean }> {
    const waitMs = pausedUntil - deps.clock.now().getTime();
    if (waitMs > 0) return { ok: false, permanent: false, reason: "rate_limited", retryAfterMs: waitMs };
    let token = await tokens.accessToken();
    if (!token) return { ok: false, permanent: false, reason: "no_access_token" };
    let outcome = await client.send(token, endpoint, body);
    for (let round = 0; round < 2 && outcome.kind === "api_error" && TOKEN_ERRORS.has(outcome.code); round++) {
      const next = await tokens.refreshAfterRejection(token);
      if (!next || next === token) return { ok: false, permanent: false, reason: "access_token_refused" };
      token = next;
      outcome = await client.send(token, endpoint, body);
    }
    switch (outcome.kind) {
      case "ok":
        return { ok: true, platformMessageId: outcome.messageId };
      case "unreadable":
        return { ok: true, answerUnreadable: true };
      case "network":
        return { ok: false, permanent: false, reason: "network" };
      case "http_error":
        return { ok: false, permanent: false, reason: `http_${outcome.status}`, retryAfterMs: outcome.retryAfterMs };
      case "api_error": {
        const result = apiErrorResult(outcome.code, limits.rateLimitBackoffMs);
        if (!result.ok && !result.permanent && result.pauseSender)
          pausedUntil = deps.clock.now().getTime() + limits.rateLimitBackoffMs;
        return result;
      }
    }
  }

  /** Consultation messages in order; one that fails stops the rest (the outbox retries the reply). */
  async function sendTexts(
    userId: string,
    texts: string[],
    quote: string | null,
  ): Promise<{ result: SendResult; sent: number }> {
    let last: SendResult = { ok: true };
    let sent = 0;
    for (const text of texts) {
      const message = quote ? { text, quote_message_id: quote } : { text };
      const result = await post("cs", { recipient: { user_id: userId }, message });
      if (!result.ok) return { result, sent };
      sent++;
      last = { ...result, ...(last.ok && last.answerUnreadable ? { answerUnreadable: true } : {}) };
    }
    return { result: last, sent };
  }

  /** An answer to the person: free while the window lasts, otherwise sent and counted as paid. */
  async function answer(userId: string, texts: string[]): Promise<SendResult> {
    const now = deps.clock.now();
    const free = await window.takeFree(userId, texts.length, now);
    const quote = free?.quote ?? (await window.lastMessageId(userId));
    const { result, sent } = await sendTexts(userId, texts, quote);
    if (free && sent < texts.length && !result.ok && result.permanent)
      await window.giveBack(userId, texts.length - sent);
    if (!free && sent > 0) {
      await window.countProactive(userId, sent);
      log.info({ messages: sent }, "Zalo answer beyond the free reply window: sent as a paid proactive message");
    }
    return result;
  }

  /** A notice or broadcast: free inside the window, else a transaction message, else the phone. */
  async function notice(
    userId: string,
    texts: string[],
    rendered: RenderedReply,
    context: SendContext,
  ): Promise<SendResult> {
    const free = await window.takeFree(userId, texts.length, deps.clock.now());
    if (free) {
      const { result, sent } = await sendTexts(userId, texts, free.quote);
      if (!result.ok && result.permanent) await window.giveBack(userId, texts.length - sent);
      if (result.ok || sent > 0 || result.reason !== "zalo_outside_window") return result;
    }
    const first = context.reply.text[0];
    const template = first ? deps.zalo.transactionTemplates[first.key] : undefined;
    if (!first || !template) return { ok: false, permanent: true, scope: "message", reason: "zalo_outside_window" };
    const t = deps.i18n.t(context.locale);
    const body = transactionMessage(userId, template, first, rendered, (v) =>
      String(renderParam(t, context.locale, v)),
    );
    return post("transaction", body);
  }

  return {
    name: "ZALO",
    tokens,
    http: { path: "/channels/zalo", router },
    async start() {
      await tokens.seed();
    },
    async stop() {},
    async send(chat: ChatRef, reply: RenderedReply, context?: SendContext): Promise<SendResult> {
      const locale = context?.locale ?? "vi";
      const texts = zaloTexts(reply, deps.i18n.t(locale)("channels:zalo.chooseByNumber"), limits);
      const bulk = context?.kind === "NOTIFICATION" || context?.kind === "BROADCAST";
      return bulk && context ? notice(chat.platformUserId, texts, reply, context) : answer(chat.platformUserId, texts);
    },
  };
}
