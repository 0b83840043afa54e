// A fake Zalo platform for tests, over real HTTP: the OA Open API v3 message endpoints
// (POST /v3.0/oa/message/cs and /v3.0/oa/message/transaction, as the official PHP SDK's
// ZaloEndPoint names them), the OAuth v4 token refresh, and the webhook side (it signs and
// delivers events the way Zalo does, re-sends included). It keeps Zalo's rules that matter:
// - tokens expire; a refresh token works exactly once; expires_in is a string ("90000");
// - a person who does not follow the OA cannot be messaged (-213);
// - the v3 consultation text is `text` (≤ 2000 characters) + `quote_message_id`; buttons on it are
//   not supported (PHP SDK: withButton "does not support for Official Account API V3"): they are
//   dropped, and counted in `ignoredButtons`, so a test sees a menu that would have none;
// - the reply window and quota (zaloReplyRules.ts): 8 free replies within 48 h of the person's
//   message when the reply quotes it, otherwise a proactive message, refused outside 7 days of any
//   interaction (-230) or when the quota is used (-211);
// - answers carry numbers as strings, like {"quota":{"quota_type":"reply","remain":"7"}} (as
//   Zalo partners document the cs answer's quota object);
// - a transaction message: template_type from the SDK's list, elements, at most 4 buttons.
// Errors can be injected, and a 2xx answer can be cut short.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { signZaloEvent, zaloEvents, type ZaloEvents } from "./zaloEvents.ts";
import { createReplyRules } from "./zaloReplyRules.ts";
import {
  elementText,
  field,
  header,
  parseJson,
  readBody,
  isTransactionType,
  token,
  toButton,
  type FakeZaloButton,
} from "./zaloWire.ts";

export { signZaloEvent, type ZaloEvents };
export type { FakeZaloButton };

export interface FakeZaloOptions {
  appId?: string;
  appSecret?: string;
  oaSecretKey?: string;
  /** expires_in of issued access tokens (Zalo: about 25 h). */
  accessTokenTtlSeconds?: number;
  /** Delay before answering a refresh, to make concurrent refreshes overlap. */
  refreshDelayMs?: number;
  /** Largest text Zalo accepts in one message. */
  textMaxChars?: number;

  /** Zalo's clock, for event timestamps (tests that move the bot's clock pass the same one). */
  now?: () => Date;
}

export interface SentZaloMessage {
  messageId: string;
  userId: string;
  /** The text the person reads (a transaction message: its elements' texts, one per line). */
  text: string;
  /** Buttons the person sees: only a transaction message has any. */
  buttons: FakeZaloButton[];
  kind: "cs" | "transaction";
  /** The person's message this one quotes (cs), if any. */
  quoteMessageId?: string;
  /** How Zalo counts it: a free reply, a proactive message, or a transaction message. */
  billing: "free" | "proactive" | "transaction";
  /** Buttons sent on a cs text, which v3 does not show. */
  ignoredButtons: number;
}

export interface FakeZaloCall {
  endpoint: "send" | "transaction" | "refresh";
  /** Zalo's `error` field in the answer (0 = success), or the HTTP status for injected failures. */
  error: number;
  httpStatus: number;
}

export type InjectedFailure = { error: number; message?: string } | { httpStatus: number } | { network: true };

export interface ZaloWebhookOptions {
  /** Defaults to now, in ms, as a string (as Zalo sends it). */
  timestamp?: string;
  /** Overrides the signature header; null sends none. */
  signature?: string | null;
  /** Sign with another secret (to simulate a forged event). */
  oaSecretKey?: string;
  /** Extra headers, e.g. {num_retry: "3"} on a re-send. */
  headers?: Record<string, string>;
  /** Send these bytes instead of JSON.stringify(event) (the signature still covers them). */
  rawBody?: string;
}

export interface FakeZaloApi {
  url: string;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  /** Every message delivered, in order. */
  messages: SentZaloMessage[];
  calls: FakeZaloCall[];
  /** A fresh valid token pair, as an operator gets when authorising the OA. */
  grantTokens(): { accessToken: string; refreshToken: string };
  /** Environment variables that point the bot at this fake, with a freshly granted token pair. */
  env(): Record<string, string>;
  /** Answers refreshes after this delay from now on (to make concurrent refreshes overlap). */
  slowRefreshes(ms: number): void;
  /** Every access token issued so far answers -220 (expired) from now on. */
  expireAccessTokens(): void;
  /** Every access token issued so far answers -216 (invalid) from now on. */
  revokeAccessTokens(): void;
  /** The person stops following the OA: sends to them answer -213. */
  unfollow(userId: string): void;
  follow(userId: string): void;
  /** The next sends fail like this, one failure per send, in order. */
  failNextSends(...failures: InjectedFailure[]): void;
  /** The next `times` sends are carried out and answered 200 with a body cut short. */
  garbleNextSends(times?: number): void;
  /** Proactive messages left this month (Zalo gives a verified OA 1000). */
  setProactiveQuota(n: number): void;
  /** Transaction messages left. */
  setTransactionQuota(n: number): void;
  failNextRefreshes(...failures: InjectedFailure[]): void;
  messagesTo(userId: string): SentZaloMessage[];
  /** Resolves when at least `count` messages were delivered to the person (or all, without a user). */
  waitForMessages(count: number, userId?: string, timeoutMs?: number): Promise<SentZaloMessage[]>;
  /** Events as Zalo builds them. */
  events: ZaloEvents;
  /** Signs an event and POSTs it to the bot's webhook URL, as Zalo does. */
  deliver(webhookUrl: string, event: Record<string, unknown>, options?: ZaloWebhookOptions): Promise<Response>;
  close(): Promise<void>;
}

export async function startFakeZaloApi(options: FakeZaloOptions = {}): Promise<FakeZaloApi> {
  const appId = options.appId ?? "4318400000000000001";
  const appSecret = options.appSecret ?? `app-secret-${token(8)}`;
  const oaSecretKey = options.oaSecretKey ?? `oa-secret-${token(8)}`;
  const textMax = options.textMaxChars ?? 2000;
  const rules = createReplyRules();
  let garbled = 0;
  let transactionQuota = Number.POSITIVE_INFINITY;
  const accessTokens = new Map<string, "valid" | "expired" | "revoked">();
  const refreshTokens = new Map<string, "unused" | "used">();
  const unfollowed = new Set<string>();
  const sendFailures: InjectedFailure[] = [];
  const refreshFailures: InjectedFailure[] = [];
  const messages: SentZaloMessage[] = [];
  const calls: FakeZaloCall[] = [];
  let sequence = 0;
  let refreshDelayMs = options.refreshDelayMs ?? 0;
  const now = () => (options.now ? options.now().getTime() : Date.now());

  function grantTokens() {
    const pair = { accessToken: `at-${token(12)}`, refreshToken: `rt-${token(12)}` };
    accessTokens.set(pair.accessToken, "valid");
    refreshTokens.set(pair.refreshToken, "unused");
    return pair;
  }

  function answer(
    res: ServerResponse,
    endpoint: FakeZaloCall["endpoint"],
    body: Record<string, unknown>,
    httpStatus = 200,
  ): void {
    const error = typeof body.error === "number" ? body.error : 0;
    calls.push({ endpoint, error, httpStatus });
    res.writeHead(httpStatus, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  function injected(
    res: ServerResponse,
    endpoint: FakeZaloCall["endpoint"],
    failure: InjectedFailure | undefined,
  ): boolean {
    if (!failure) return false;
    if ("network" in failure) {
      calls.push({ endpoint, error: 0, httpStatus: 0 });
      res.socket?.destroy();
    } else if ("httpStatus" in failure) {
      answer(res, endpoint, { error: -1, message: "Internal error" }, failure.httpStatus);
    } else {
      answer(res, endpoint, { error: failure.error, message: failure.message ?? "Injected error" });
    }
    return true;
  }

  /** The token check every message endpoint makes; an answer was written when it returns false. */
  function authorised(req: IncomingMessage, res: ServerResponse, endpoint: FakeZaloCall["endpoint"]): boolean {
    const accessToken = header(req, "access_token");
    const state = accessToken ? accessTokens.get(accessToken) : undefined;
    if (state === "valid") return true;
    if (state === "expired") answer(res, endpoint, { error: -220, message: "Access token has expired" });
    else answer(res, endpoint, { error: -216, message: "Access token is invalid" });
    return false;
  }

  function delivered(
    res: ServerResponse,
    endpoint: FakeZaloCall["endpoint"],
    message: Omit<SentZaloMessage, "messageId">,
    data: Record<string, unknown>,
  ): void {
    const messageId = `msg${++sequence}${token(4)}`;
    messages.push({ messageId, ...message });
    if (garbled > 0) {
      garbled--;
      calls.push({ endpoint, error: 0, httpStatus: 200 });
      res.writeHead(200, { "content-type": "application/json" }).end('{"error":0,"message":"Succ');
      return;
    }
    answer(res, endpoint, {
      error: 0,
      message: "Success",
      data: { message_id: messageId, user_id: message.userId, ...data },
    });
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (injected(res, "send", sendFailures.shift())) return;
    if (!authorised(req, res, "send")) return;
    const body = parseJson(raw);
    const recipient = field(body, "recipient");
    const userId = field(recipient, "user_id");
    const message = field(body, "message");
    const text = field(message, "text");
    const quote = field(message, "quote_message_id") ?? field(recipient, "message_id");
    const buttons = field(field(field(message, "attachment"), "payload"), "buttons") ?? [];
    if (
      typeof userId !== "string" ||
      typeof text !== "string" ||
      !Array.isArray(buttons) ||
      (quote !== undefined && typeof quote !== "string")
    ) {
      return answer(res, "send", { error: -201, message: "Parameters are invalid" });
    }
    if ([...text].length > textMax || text.length === 0)
      return answer(res, "send", { error: -201, message: "Parameters are invalid" });
    if (unfollowed.has(userId)) return answer(res, "send", { error: -213, message: "User has not followed OA" });
    const bill = rules.bill(userId, quote, now());
    if ("error" in bill) return answer(res, "send", bill);
    const quotaType = bill.billing === "free" ? "reply" : "sub_quota";
    delivered(
      res,
      "send",
      {
        userId,
        text,
        buttons: [],
        kind: "cs",
        ...(quote ? { quoteMessageId: quote } : {}),
        billing: bill.billing,
        ignoredButtons: buttons.length,
      },
      { quota: { quota_type: quotaType, remain: String(bill.remain), total: bill.billing === "free" ? "8" : "1000" } },
    );
  }

  async function handleTransaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (injected(res, "transaction", sendFailures.shift())) return;
    if (!authorised(req, res, "transaction")) return;
    const body = parseJson(raw);
    const userId = field(field(body, "recipient"), "user_id");
    const payload = field(field(field(body, "message"), "attachment"), "payload");
    const type = field(payload, "template_type");
    const elements = field(payload, "elements");
    const buttons = field(payload, "buttons") ?? [];
    if (
      typeof userId !== "string" ||
      typeof type !== "string" ||
      !isTransactionType(type) ||
      !Array.isArray(elements) ||
      elements.length === 0 ||
      !Array.isArray(buttons) ||
      buttons.length > 4
    ) {
      return answer(res, "transaction", { error: -201, message: "Parameters are invalid" });
    }
    if (unfollowed.has(userId)) return answer(res, "transaction", { error: -213, message: "User has not followed OA" });
    if (transactionQuota <= 0) return answer(res, "transaction", { error: -211, message: "Out of quota" });
    transactionQuota--;
    const text = elements
      .map((e) => elementText(e))
      .filter(Boolean)
      .join("\n");
    delivered(
      res,
      "transaction",
      { userId, text, buttons: buttons.map(toButton), kind: "transaction", billing: "transaction", ignoredButtons: 0 },
      {},
    );
  }

  async function handleRefresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (refreshDelayMs > 0) await new Promise((r) => setTimeout(r, refreshDelayMs));
    if (injected(res, "refresh", refreshFailures.shift())) return;
    if (header(req, "secret_key") !== appSecret || form.get("app_id") !== appId) {
      return answer(res, "refresh", {
        error: -14002,
        error_name: "Invalid app",
        error_reason: "app_id or secret_key is wrong",
      });
    }
    const refreshToken = form.get("refresh_token") ?? "";
    if (form.get("grant_type") !== "refresh_token" || refreshTokens.get(refreshToken) !== "unused") {
      return answer(res, "refresh", {
        error: -14014,
        error_name: "Invalid refresh token",
        error_reason: "Refresh token is invalid or used",
      });
    }
    // Single use, like the real one.
    refreshTokens.set(refreshToken, "used");
    const pair = grantTokens();
    answer(res, "refresh", {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(options.accessTokenTtlSeconds ?? 90_000),
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
      "/v3.0/oa/message/cs": handleSend,
      "/v3.0/oa/message/transaction": handleTransaction,
      "/v4/oa/access_token": handleRefresh,
    };
    const route = req.method === "POST" && path ? routes[path] : undefined;
    if (!route) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: -404, message: "Not found" }));
      return;
    }
    route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("fake Zalo server has no port");

  const events = zaloEvents(appId, now);

  /** Zalo knows what the person did whatever the bot's webhook answers. */
  function learn(event: Record<string, unknown>, atMs: number): void {
    const name = event.event_name;
    const sender = field(field(event, "sender"), "id");
    const msgId = field(field(event, "message"), "msg_id");
    if (
      typeof name === "string" &&
      name.startsWith("user_send_") &&
      typeof sender === "string" &&
      typeof msgId === "string"
    )
      rules.personWrote(sender, msgId, atMs);
    const follower = field(field(event, "follower"), "id");
    if (name === "follow" && typeof follower === "string") rules.personFollowed(follower, atMs);
  }

  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    appId,
    appSecret,
    oaSecretKey,
    messages,
    calls,
    grantTokens,
    env() {
      const pair = grantTokens();
      return {
        ZALO_APP_ID: appId,
        ZALO_OA_SECRET_KEY: oaSecretKey,
        ZALO_APP_SECRET: appSecret,
        ZALO_API_ROOT: url,
        ZALO_OAUTH_ROOT: url,
        ZALO_ACCESS_TOKEN: pair.accessToken,
        ZALO_REFRESH_TOKEN: pair.refreshToken,
      };
    },
    slowRefreshes: (ms) => {
      refreshDelayMs = ms;
    },
    expireAccessTokens: () => {
      for (const t of accessTokens.keys()) accessTokens.set(t, "expired");
    },
    revokeAccessTokens: () => {
      for (const t of accessTokens.keys()) accessTokens.set(t, "revoked");
    },
    unfollow: (userId) => void unfollowed.add(userId),
    follow: (userId) => {
      unfollowed.delete(userId);
      rules.personFollowed(userId, now());
    },
    failNextSends: (...f) => void sendFailures.push(...f),
    garbleNextSends: (times = 1) => {
      garbled += times;
    },
    setProactiveQuota: (n) => rules.setProactiveQuota(n),
    setTransactionQuota: (n) => {
      transactionQuota = n;
    },
    failNextRefreshes: (...f) => void refreshFailures.push(...f),
    messagesTo: (userId) => messages.filter((m) => m.userId === userId),
    async waitForMessages(count, userId, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = userId ? messages.filter((m) => m.userId === userId) : messages;
        if (got.length >= count) return got;
        if (Date.now() > deadline) throw new Error(`fake Zalo: ${got.length} of ${count} messages arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    events,
    async deliver(webhookUrl, event, opts = {}) {
      const timestamp = opts.timestamp ?? (typeof event.timestamp === "string" ? event.timestamp : String(now()));
      const body = opts.rawBody ?? JSON.stringify({ ...event, timestamp });
      learn(event, Number(timestamp));
      const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
      // Zalo signs with the event's own app id.
      const signer = typeof event.app_id === "string" ? event.app_id : appId;
      const signature =
        opts.signature === undefined
          ? signZaloEvent(signer, body, timestamp, opts.oaSecretKey ?? oaSecretKey)
          : opts.signature;
      if (signature !== null) headers["x-zevent-signature"] = signature;
      return fetch(webhookUrl, { method: "POST", headers, body });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
