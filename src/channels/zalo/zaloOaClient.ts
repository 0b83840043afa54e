// A thin typed client for the Zalo endpoints the bot needs: a consultation ("cs") message and a
// transaction message (OA Open API v3, POST /v3.0/oa/message/{cs,transaction}, official PHP SDK
// ZaloEndPoint), and the OA access token refresh (OAuth v4). Every answer is read leniently: Zalo
// writes numbers as strings ("expires_in":"90000", quota "remain":"7"), and a 2xx whose body
// cannot be read is a message Zalo took: reported as such, never as a failure to send again.
// Outcomes are values, so the caller decides what is retried. Tokens never reach a log line.
import { z } from "zod";

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
  /** quotaType: which budget Zalo says the message used ("reply" = the free window), when it says. */
  | { kind: "ok"; messageId?: string; quotaType?: string }
  /** 2xx without a readable body: Zalo took the message. */
  | { kind: "unreadable"; status: number }
  /** Zalo answered with `error` ≠ 0 (e.g. -216 bad token, -220 expired, -213 not a follower, -32 rate limit). */
  | { kind: "api_error"; code: number; message: string }
  | { kind: "http_error"; status: number; retryAfterMs?: number }
  | { kind: "network"; message: string };

export type ZaloRefreshOutcome =
  | { kind: "ok"; accessToken: string; refreshToken: string; expiresInSeconds: number }
  /** retryable: the server or network failed; otherwise the refresh token itself was refused. */
  | { kind: "failed"; reason: string; retryable: boolean };

export type ZaloEndpoint = "cs" | "transaction";

export interface ZaloOaClient {
  /** POSTs `body` ({recipient, message}) to /v3.0/oa/message/<endpoint>. */
  send(accessToken: string, endpoint: ZaloEndpoint, body: unknown): Promise<ZaloSendOutcome>;
  refreshAccessToken(refreshToken: string): Promise<ZaloRefreshOutcome>;
}

/** A number as Zalo writes it: -216 or "-216". */
const zaloNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const sendAnswer = z
  .object({
    error: zaloNumber,
    message: z.string().optional().catch(undefined),
    data: z
      .object({
        message_id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
        quota: z
          .object({ quota_type: z.string().optional().catch(undefined) })
          .loose()
          .optional()
          .catch(undefined),
      })
      .loose()
      .optional()
      .catch(undefined),
  })
  .loose();

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // Zalo sends seconds as a string ("90000").
  expires_in: zaloNumber.pipe(z.number().int().positive()),
});
const tokenError = z.object({
  error: zaloNumber.optional().catch(undefined),
  error_name: z.string().optional().catch(undefined),
  error_reason: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
});

export function createZaloOaClient(options: ZaloOaClientOptions): ZaloOaClient {
  const doFetch = options.fetch ?? fetch;
  const apiRoot = options.apiRoot.replace(/\/+$/, "");
  const oauthRoot = options.oauthRoot.replace(/\/+$/, "");

  async function call(
    url: string,
    init: RequestInit,
  ): Promise<{ status: number; headers: Headers; body: unknown } | { error: string }> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (err) {
      return { error: err instanceof Error ? `${err.name}: ${err.message}` : "request failed" };
    }
    // Once the status is in, a body that breaks off or is not JSON is only an unreadable answer.
    const text = await res.text().catch(() => "");
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, headers: res.headers, body };
  }

  return {
    async send(accessToken, endpoint, body) {
      const res = await call(`${apiRoot}/v3.0/oa/message/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: accessToken },
        body: JSON.stringify(body),
      });
      if ("error" in res) return { kind: "network", message: res.error };
      if (res.status >= 300) return { kind: "http_error", status: res.status, retryAfterMs: retryAfter(res.headers) };
      const parsed = sendAnswer.safeParse(res.body);
      if (!parsed.success) return { kind: "unreadable", status: res.status };
      if (parsed.data.error !== 0)
        return { kind: "api_error", code: parsed.data.error, message: parsed.data.message ?? "" };
      const quotaType = parsed.data.data?.quota?.quota_type;
      return { kind: "ok", messageId: parsed.data.data?.message_id, ...(quotaType ? { quotaType } : {}) };
    },

    async refreshAccessToken(refreshToken) {
      if (!options.appSecret) return { kind: "failed", reason: "ZALO_APP_SECRET is not set", retryable: false };
      const res = await call(`${oauthRoot}/v4/oa/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: options.appSecret },
        body: new URLSearchParams({
          refresh_token: refreshToken,
          app_id: options.appId,
          grant_type: "refresh_token",
        }).toString(),
      });
      if ("error" in res) return { kind: "failed", reason: res.error, retryable: true };
      if (res.status >= 500 || res.status === 429)
        return { kind: "failed", reason: `HTTP ${res.status}`, retryable: true };
      const ok = tokenAnswer.safeParse(res.body);
      if (ok.success) {
        return {
          kind: "ok",
          accessToken: ok.data.access_token,
          refreshToken: ok.data.refresh_token,
          expiresInSeconds: ok.data.expires_in,
        };
      }
      const err = tokenError.safeParse(res.body);
      const detail = err.success
        ? [err.data.error, err.data.error_name, err.data.error_reason ?? err.data.message]
            .filter((x) => x !== undefined)
            .join(" ")
        : "";
      // A 2xx that is neither tokens nor an error: the refresh token may already be spent, so it
      // is not retried with the same one (a single-use token used twice ends the authorisation).
      return {
        kind: "failed",
        reason: `refresh refused (HTTP ${res.status}${detail ? `: ${detail}` : ""})`,
        retryable: false,
      };
    },
  };
}

function retryAfter(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (!v) return undefined;
  const seconds = Number(v);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
