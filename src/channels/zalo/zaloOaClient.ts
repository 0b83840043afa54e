// A thin typed client for the two Zalo endpoints the bot needs: sending a consultation message
// (OA Open API v3) and refreshing the OA access token (OAuth v4). Every answer is parsed with zod;
// outcomes are values, so the caller decides what is retried. Tokens never reach a log line.
import { z } from "zod";
import type { ZaloMessage } from "./zaloMessages.ts";

export interface ZaloOaClientOptions {
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  /** The app's secret key (ZALO_APP_SECRET); without it tokens cannot be refreshed. */
  appSecret?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export type ZaloSendOutcome =
  | { kind: "ok"; messageId?: string }
  /** Zalo answered with `error` ≠ 0 (e.g. -216 bad token, -220 expired, -213 not a follower, -32 rate limit). */
  | { kind: "api_error"; code: number; message: string }
  | { kind: "http_error"; status: number; retryAfterMs?: number }
  | { kind: "network"; message: string };

export type ZaloRefreshOutcome =
  | { kind: "ok"; accessToken: string; refreshToken: string; expiresInSeconds: number }
  /** retryable: the server or network failed; otherwise the refresh token itself was refused. */
  | { kind: "failed"; reason: string; retryable: boolean };

export interface ZaloOaClient {
  sendMessage(accessToken: string, userId: string, message: ZaloMessage): Promise<ZaloSendOutcome>;
  refreshAccessToken(refreshToken: string): Promise<ZaloRefreshOutcome>;
}

const sendAnswer = z.object({
  error: z.coerce.number().int(),
  message: z.string().optional(),
  data: z.object({ message_id: z.union([z.string(), z.number()]).transform(String).optional() }).partial().optional(),
});

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // Zalo sends seconds as a string ("90000").
  expires_in: z.coerce.number().int().positive(),
});
const tokenError = z.object({
  error: z.coerce.number().int().optional(),
  error_name: z.string().optional(),
  error_reason: z.string().optional(),
  message: z.string().optional(),
});

export function createZaloOaClient(options: ZaloOaClientOptions): ZaloOaClient {
  const doFetch = options.fetch ?? fetch;
  const apiRoot = options.apiRoot.replace(/\/+$/, "");
  const oauthRoot = options.oauthRoot.replace(/\/+$/, "");

  async function call(url: string, init: RequestInit): Promise<{ status: number; headers: Headers; body: unknown } | { error: string }> {
    try {
      const res = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: res.status, headers: res.headers, body };
    } catch (err) {
      return { error: err instanceof Error ? `${err.name}: ${err.message}` : "request failed" };
    }
  }

  return {
    async sendMessage(accessToken, userId, message) {
      const res = await call(`${apiRoot}/v3.0/oa/message/cs`, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: accessToken },
        body: JSON.stringify({ recipient: { user_id: userId }, message }),
      });
      if ("error" in res) return { kind: "network", message: res.error };
      if (res.status >= 400) return { kind: "http_error", status: res.status, retryAfterMs: retryAfter(res.headers) };
      const parsed = sendAnswer.safeParse(res.body);
      if (!parsed.success) return { kind: "http_error", status: res.status };
      if (parsed.data.error !== 0) return { kind: "api_error", code: parsed.data.error, message: parsed.data.message ?? "" };
      return { kind: "ok", messageId: parsed.data.data?.message_id };
    },

    async refreshAccessToken(refreshToken) {
      if (!options.appSecret) return { kind: "failed", reason: "ZALO_APP_SECRET is not set", retryable: false };
      const res = await call(`${oauthRoot}/v4/oa/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: options.appSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: options.appId, grant_type: "refresh_token" }).toString(),
      });
      if ("error" in res) return { kind: "failed", reason: res.error, retryable: true };
      if (res.status >= 500 || res.status === 429) return { kind: "failed", reason: `HTTP ${res.status}`, retryable: true };
      const ok = tokenAnswer.safeParse(res.body);
      if (ok.success) {
        return { kind: "ok", accessToken: ok.data.access_token, refreshToken: ok.data.refresh_token, expiresInSeconds: ok.data.expires_in };
      }
      const err = tokenError.safeParse(res.body);
      const detail = err.success ? [err.data.error, err.data.error_name, err.data.error_reason ?? err.data.message].filter((x) => x !== undefined).join(" ") : "";
      return { kind: "failed", reason: `refresh refused (HTTP ${res.status}${detail ? `: ${detail}` : ""})`, retryable: false };
    },
  };
}

function retryAfter(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (!v) return undefined;
  const seconds = Number(v);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
