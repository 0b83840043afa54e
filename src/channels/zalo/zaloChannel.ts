// The Zalo Official Account channel: a signed webhook in, consultation messages out through the
// OA Open API v3, with the access token kept fresh in the database. Zalo's limits come from partly
// third-party sources, so every one of them can be changed without touching the code paths.
import type { Config } from "../../config.ts";
import type { ChatRef } from "../../core/events.ts";
import type { RenderedReply } from "../../core/renderReply.ts";
import type { ChannelAdapter, ChannelDeps, SendResult } from "../channel.ts";
import { createZaloOaClient, type ZaloOaClient, type ZaloSendOutcome } from "./zaloOaClient.ts";
import { DEFAULT_LAYOUT_LIMITS, zaloMessages, type ZaloLayoutLimits, type ZaloMessage } from "./zaloMessages.ts";
import { createZaloTokenStore, type ZaloTokenStore } from "./zaloTokenStore.ts";
import { createZaloWebhookRouter } from "./zaloWebhook.ts";

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

// Zalo's error codes (answer field `error`).
const TOKEN_INVALID = -216;
const TOKEN_EXPIRED = -220;
/** The person does not follow the OA (or never interacted): nothing can be sent to them. */
const NOT_FOLLOWER = -213;
const RATE_LIMITED = -32;

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
  const router = createZaloWebhookRouter({
    engine: deps.engine,
    prisma: deps.prisma,
    log,
    clock: deps.clock,
    appId: deps.zalo.appId,
    oaSecretKey: deps.zalo.oaSecretKey,
    maxAgeSeconds: deps.config.ZALO_WEBHOOK_MAX_AGE_SECONDS,
    bodyLimit: limits.webhookBodyLimit,
    maxButtons: limits.maxButtons,
  });

  // Zalo's rate limit is per app/OA, not per person: after -32 the whole sender pauses, which also
  // keeps a chat's later replies from overtaking the one that was refused.
  let pausedUntil = 0;

  return {
    name: "ZALO",
    tokens,
    http: { path: "/channels/zalo", router },
    async start() {
      await tokens.seed();
    },
    async stop() {},
    async send(chat: ChatRef, reply: RenderedReply): Promise<SendResult> {
      let platformMessageId: string | undefined;
      // A long reply goes out as several messages; if a later one fails, the retry repeats the
      // earlier ones (the outbox retries whole replies): a rare duplicate beats a lost message.
      for (const message of zaloMessages(reply, limits)) {
        const waitMs = pausedUntil - deps.clock.now().getTime();
        if (waitMs > 0) return { ok: false, permanent: false, reason: "rate_limited", retryAfterMs: waitMs };
        const result = await sendOne(client, tokens, limits, chat.platformUserId, message);
        if (!result.ok && result.reason === "rate_limited") pausedUntil = deps.clock.now().getTime() + limits.rateLimitBackoffMs;
        if (!result.ok) return result;
        platformMessageId = result.platformMessageId ?? platformMessageId;
      }
      return { ok: true, platformMessageId };
    },
  };
}

async function sendOne(
  client: ZaloOaClient,
  tokens: ZaloTokenStore,
  limits: ZaloLimits,
  userId: string,
  message: ZaloMessage,
): Promise<SendResult> {
  let token = await tokens.accessToken();
  if (!token) return { ok: false, permanent: false, reason: "no_access_token" };
  let outcome = await client.sendMessage(token, userId, message);
  // A refused token is replaced and the message tried again: once, plus once more when the
  // replacement came from another instance and is refused too. Beyond that it is a configuration
  // problem, not this message's, and the outbox retries later.
  for (let round = 0; round < 2 && isTokenError(outcome); round++) {
    const next = await tokens.refreshAfterRejection(token);
    if (!next || next === token) return { ok: false, permanent: false, reason: "access_token_refused" };
    token = next;
    outcome = await client.sendMessage(token, userId, message);
  }
  return toSendResult(outcome, limits);
}

function isTokenError(o: ZaloSendOutcome): boolean {
  return o.kind === "api_error" && (o.code === TOKEN_INVALID || o.code === TOKEN_EXPIRED);
}

function toSendResult(o: ZaloSendOutcome, limits: ZaloLimits): SendResult {
  switch (o.kind) {
    case "ok":
      return { ok: true, platformMessageId: o.messageId };
    case "network":
      return { ok: false, permanent: false, reason: "network" };
    case "http_error":
      return { ok: false, permanent: false, reason: `http_${o.status}`, retryAfterMs: o.retryAfterMs };
    case "api_error":
      if (o.code === NOT_FOLLOWER) return { ok: false, permanent: true, reason: "not_follower" };
      if (o.code === RATE_LIMITED) return { ok: false, permanent: false, reason: "rate_limited", retryAfterMs: limits.rateLimitBackoffMs, pauseSender: true };
      if (o.code === TOKEN_INVALID || o.code === TOKEN_EXPIRED) return { ok: false, permanent: false, reason: "access_token_refused" };
      return { ok: false, permanent: false, reason: `zalo_error_${o.code}` };
  }
}
