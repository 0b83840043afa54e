// A stand-in for the Telegram Bot API over real HTTP, for tests that point telegraf at it with
// `apiRoot`. It speaks the Bot API's JSON wire format (`{"ok":true,"result":…}` or
// `{"ok":false,"error_code":…,"description":…,"parameters":…}`) for the methods the bot uses:
// getMe, sendMessage, editMessageReplyMarkup, answerCallbackQuery, setWebhook, deleteWebhook,
// getWebhookInfo and getUpdates (a real long poll on a queue the test fills).
//
// What real Telegram does that tests need to provoke:
//   fake.fail({ status: 429, retryAfter: 2 })            next sendMessage refused, retry after 2 s
//   fake.fail({ status: 403 }, { times: 3, chatId: 42 }) chat 42 refused three times (blocked)
//   fake.fail({ status: 502 }, { method: "getUpdates" }) a gateway error on the next poll
//   fake.block(42)                                        chat 42 blocked the bot until unblock(42)
//   fake.rateLimit({ perSecond: 30 })                     429 above 30 messages/s (the bot limit)
//   fake.outage("502") … fake.outage(null)                Telegram down: every call 502 (or "drop":
//                                                          connections cut unanswered) until cleared
//   fake.hangPolls(1)                                     the next getUpdates is never answered
//   fake.answerPollsAtOnce(true)                          getUpdates answers [] at once, ignoring timeout
//   fake.updates.restartUpdateIds()                       update_id starts again from a random number
//                                                          (Bot API, Update: after a week without updates)
// With `cloud: true` setWebhook refuses what Telegram's cloud refuses (HTTPS only, ports 443, 80,
// 88, 8443); by default it accepts any address, as a local Bot API server does.
// Every call is recorded ({ method, body, status }) and `waitFor` resolves once calls arrive.
import { createServer, type ServerResponse } from "node:http";
import { createUpdateQueue } from "./telegramUpdateQueue.ts";
import { createTelegramUpdates, type TelegramUpdateJson, type TelegramUpdates } from "./telegramUpdates.ts";
import {
  addressOf,
  error,
  ok,
  readParams,
  refusal,
  sendMessageBody,
  setWebhookBody,
  type Answer,
  type FakeTelegramFailure,
} from "./telegramWire.ts";

export type { TelegramUpdateJson } from "./telegramUpdates.ts";
export type { FakeTelegramFailure } from "./telegramWire.ts";

export interface FailOptions {
  /** How many matching calls are refused (default 1). */
  times?: number;
  /** Which method is refused (default "sendMessage"; "*" for any). */
  method?: string;
  /** Only calls for this chat (compared as text). */
  chatId?: number | string;
}

export interface FakeTelegramCall {
  method: string;
  body: Record<string, unknown>;
  /** The HTTP status the fake answered with. */
  status: number;
  at: number;
}

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  /** Inline keyboard as the person sees it: label and callback data. */
  buttons: { text: string; data: string | undefined }[][];
  parseMode: string | undefined;
}

export interface FakeWebhook {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: string[] | undefined;
  dropPendingUpdates: boolean | undefined;
}

export interface FakeTelegramApi {
  /** Give this to telegraf as `apiRoot` (TELEGRAM_API_ROOT). */
  apiRoot: string;
  token: string;
  botUser: { id: number; is_bot: true; first_name: string; username: string };
  /** Every call in arrival order, failed ones included. */
  calls: FakeTelegramCall[];
  callsTo(method: string): FakeTelegramCall[];
  /** Messages that were accepted (HTTP 200), optionally for one chat. */
  sentMessages(chatId?: number | string): SentMessage[];
  /** Resolves with the calls once `count` calls of `method` (for `chatId`) have been answered. */
  waitFor(
    method: string,
    options?: { count?: number; chatId?: number | string; status?: number; timeoutMs?: number },
  ): Promise<FakeTelegramCall[]>;
  /** Resolves once `count` messages were accepted for the chat; returns them. */
  waitForMessages(chatId: number | string, count?: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** Resolves with the first accepted message for the chat (from index `after` on) that matches. */
  waitForMessage(
    chatId: number | string,
    match: (m: SentMessage) => boolean,
    options?: { after?: number; timeoutMs?: number },
  ): Promise<SentMessage>;
  fail(failure: FakeTelegramFailure, options?: FailOptions): void;
  block(chatId: number | string): void;
  unblock(chatId: number | string): void;
  rateLimit(limit: { perSecond: number } | null): void;
  /** Every call answered 502, or its connection cut ("drop"), until outage(null). */
  outage(mode: "502" | "drop" | null): void;
  /** The webhook last set with setWebhook, or null. */
  webhook(): FakeWebhook | null;
  /** Queues an update for getUpdates (long polling). */
  pushUpdate(update: Record<string, unknown>): void;
  /** Builders of realistic updates with increasing update_id. */
  updates: TelegramUpdates;
  /** The next `count` getUpdates requests are held open and never answered. */
  hangPolls(count: number): void;
  /** True while a getUpdates is held open, waiting for an update or its timeout. */
  pollHeld(): boolean;
  /** true: every getUpdates is answered at once with [] (a server that does not hold polls). */
  answerPollsAtOnce(on: boolean): void;
  /** Calls `listener` with every call as it is answered; returns the unsubscribe function. */
  onCall(listener: (call: FakeTelegramCall) => void): () => void;
  /** Forgets recorded calls (failure rules and queued updates stay). */
  clearCalls(): void;
  close(): Promise<void>;
}

interface FailureRule {
  failure: FakeTelegramFailure;
  remaining: number;
  method: string;
  chatId: string | undefined;
}

export async function startFakeTelegramApi(
  options: {
    token?: string;
    botUsername?: string;
    /** false: keep no record of calls and messages (long benchmarks; `onCall` still reports them). */
    keep?: boolean;
    /** true: setWebhook checks the address as api.telegram.org does (HTTPS, ports 443/80/88/8443). */
    cloud?: boolean;
  } = {},
): Promise<FakeTelegramApi> {
  const keep = options.keep ?? true;
  const token = options.token ?? "123456789:TEST-token_for-the-fake";
  const botUser = {
    id: Number(token.split(":")[0]),
    is_bot: true as const,
    first_name: "An Sinh",
    username: options.botUsername ?? "an_sinh_test_bot",
  };
  const calls: FakeTelegramCall[] = [];
  const updates = createTelegramUpdates(botUser);
  const pending = createUpdateQueue((res, body, answer) => reply(res, "getUpdates", body, answer));
  const sent: SentMessage[] = [];
  const rules: FailureRule[] = [];
  const blocked = new Set<string>();
  const listeners = new Set<() => void>();
  const callListeners = new Set<(call: FakeTelegramCall) => void>();
  const messageIds = new Map<string, number>();
  let limit: { perSecond: number } | null = null;
  let recentSends: number[] = [];
  let webhook: FakeWebhook | null = null;
  let down: "502" | "drop" | null = null;

  function notify(): void {
    for (const l of [...listeners]) l();
  }

  function record(method: string, body: Record<string, unknown>, status: number): void {
    const call = { method, body, status, at: Date.now() };
    if (keep) calls.push(call);
    for (const l of callListeners) l(call);
    notify();
  }

  function reply(res: ServerResponse, method: string, body: Record<string, unknown>, answer: Answer): void {
    record(method, body, answer.status);
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.payload));
  }

  function injected(method: string, chatId: string | undefined): FakeTelegramFailure | null {
    const rule = rules.find(
      (r) =>
        r.remaining > 0 && (r.method === "*" || r.method === method) && (r.chatId === undefined || r.chatId === chatId),
    );
    if (!rule) return null;
    rule.remaining--;
    return rule.failure;
  }

  function nextMessageId(chatId: string): number {
    const id = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, id);
    return id;
  }

  function sendMessage(body: Record<string, unknown>): Answer {
    const parsed = sendMessageBody.safeParse(body);
    if (!parsed.success) return error(400, "Bad Request: chat_id and text are required");
    const m = parsed.data;
    const chatId = String(m.chat_id);
    if (blocked.has(chatId)) return error(403, "Forbidden: bot was blocked by the user");
    if (m.text.trim() === "") return error(400, "Bad Request: message text is empty");
    if (m.text.length > 4096) return error(400, "Bad Request: message is too long");
    const keyboard = m.reply_markup?.inline_keyboard ?? [];
    if (keyboard.flat().some((b) => b.callback_data !== undefined && Buffer.byteLength(b.callback_data) > 64)) {
      return error(400, "Bad Request: BUTTON_DATA_INVALID");
    }
    if (limit) {
      const now = Date.now();
      recentSends = recentSends.filter((t) => t > now - 1000);
      const oldest = recentSends[0];
      if (recentSends.length >= limit.perSecond && oldest !== undefined) {
        const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
        return error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
      recentSends.push(now);
    }
    const messageId = nextMessageId(chatId);
    if (keep)
      sent.push({
        chatId,
        messageId,
        text: m.text,
        buttons: keyboard.map((row) => row.map((b) => ({ text: b.text, data: b.callback_data }))),
        parseMode: m.parse_mode,
      });
    return ok({
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: "private", first_name: "Test" },
      from: botUser,
      text: m.text,
      ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
    });
  }

  function handle(method: string, body: Record<string, unknown>, res: ServerResponse): void {
    const chatId = body.chat_id === undefined ? undefined : String(body.chat_id);
    const refused = injected(method, chatId);
    if (refused?.status === 200) {
      // Carried out, then the answer is cut short: the client cannot read it.
      const done = method === "sendMessage" ? sendMessage(body) : ok(true);
      record(method, body, done.status);
      res.writeHead(done.status, { "content-type": "application/json" });
      return void res.end(JSON.stringify(done.payload).slice(0, 20));
    }
    if (refused) return reply(res, method, body, refusal(refused));
    switch (method) {
      case "getMe":
        return reply(res, method, body, ok(botUser));
      case "sendMessage":
        return reply(res, method, body, sendMessage(body));
      case "answerCallbackQuery":
        return reply(
          res,
          method,
          body,
          typeof body.callback_query_id === "string"
            ? ok(true)
            : error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"),
        );
      case "editMessageReplyMarkup":
        if (chatId === undefined || typeof body.message_id !== "number")
          return reply(res, method, body, error(400, "Bad Request: message to edit not found"));
        return reply(
          res,
          method,
          body,
          ok({
            message_id: body.message_id,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(chatId), type: "private" },
            ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}),
          }),
        );
      case "setWebhook": {
        const parsed = setWebhookBody.safeParse(body);
        if (!parsed.success) return reply(res, method, body, error(400, "Bad Request: bad webhook parameters"));
        const refusedUrl = options.cloud ? cloudWebhookRefusal(parsed.data.url) : null;
        if (refusedUrl) return reply(res, method, body, refusedUrl);
        webhook = {
          url: parsed.data.url,
          secretToken: parsed.data.secret_token,
          allowedUpdates: parsed.data.allowed_updates,
          dropPendingUpdates: parsed.data.drop_pending_updates,
        };
        if (parsed.data.drop_pending_updates) pending.drop();
        return reply(res, method, body, ok(true));
      }
      case "deleteWebhook":
        webhook = null;
        if (body.drop_pending_updates === true) pending.drop();
        return reply(res, method, body, ok(true));
      case "getWebhookInfo":
        return reply(
          res,
          method,
          body,
          ok({ url: webhook?.url ?? "", has_custom_certificate: false, pending_update_count: pending.size() }),
        );
      case "getUpdates":
        if (webhook) {
          return reply(
            res,
            method,
            body,
            error(
              409,
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            ),
          );
        }
        return pending.poll(res, body);
      default:
        return reply(res, method, body, error(404, "Not Found"));
    }
  }

  const server = createServer((req, res) => {
    if (down === "drop") return void req.socket.destroy();
    if (down === "502") {
      res.writeHead(502, { "content-type": "text/html" });
      return void res.end("<html><body>502 Bad Gateway</body></html>");
    }
    void readParams(req)
      .then((body) => {
        const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
        if (!match) return reply(res, "?", body, error(404, "Not Found"));
        if (match[1] !== token) return reply(res, match[2] ?? "?", body, error(401, "Unauthorized"));
        handle(match[2] ?? "", body, res);
      })
      .catch(() => reply(res, "?", {}, error(400, "Bad Request: can't parse request body")));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = addressOf(server.address());

  function matching(method: string, chatId?: number | string, status?: number): FakeTelegramCall[] {
    return calls.filter(
      (c) =>
        c.method === method &&
        (chatId === undefined || String(c.body.chat_id) === String(chatId)) &&
        (status === undefined || c.status === status),
    );
  }

  function waitUntil<T>(check: () => T | null, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const first = check();
      if (first !== null) return resolve(first);
      const listener = () => {
        const value = check();
        if (value === null) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Telegram: timed out waiting for ${what()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
    });
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botUser,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    sentMessages: (chatId) => sent.filter((m) => chatId === undefined || m.chatId === String(chatId)),
    waitFor(method, o = {}) {
      const count = o.count ?? 1;
      return waitUntil(
        () => {
          const found = matching(method, o.chatId, o.status);
          return found.length >= count ? found : null;
        },
        o.timeoutMs ?? 10_000,
        () =>
          `${count} ${method} call(s)${o.chatId === undefined ? "" : ` for chat ${o.chatId}`}; got ${matching(method, o.chatId, o.status).length}`,
      );
    },
    waitForMessages(chatId, count = 1, timeoutMs = 10_000) {
      const mine = () => sent.filter((m) => m.chatId === String(chatId));
      return waitUntil(
        () => (mine().length >= count ? mine() : null),
        timeoutMs,
        () => `${count} message(s) to chat ${chatId}; got ${JSON.stringify(mine().map((m) => m.text))}`,
      );
    },
    waitForMessage(chatId, match, o = {}) {
      const mine = () => sent.filter((m) => m.chatId === String(chatId)).slice(o.after ?? 0);
      return waitUntil(
        () => mine().find(match) ?? null,
        o.timeoutMs ?? 10_000,
        () => `a matching message to chat ${chatId}; got ${JSON.stringify(mine().map((m) => m.text))}`,
      );
    },
    fail(failure, o = {}) {
      rules.push({
        failure,
        remaining: o.times ?? 1,
        method: o.method ?? "sendMessage",
        chatId: o.chatId === undefined ? undefined : String(o.chatId),
      });
    },
    block: (chatId) => void blocked.add(String(chatId)),
    unblock: (chatId) => void blocked.delete(String(chatId)),
    rateLimit(l) {
      limit = l;
      recentSends = [];
    },
    outage(mode) {
      down = mode;
    },
    webhook: () => webhook,
    pushUpdate(update) {
      const u: TelegramUpdateJson = {
        ...update,
        update_id: typeof update.update_id === "number" ? update.update_id : updates.nextUpdateId(),
      };
      pending.push(u);
    },
    updates,
    hangPolls: (count) => pending.hang(count),
    pollHeld: () => pending.holding(),
    answerPollsAtOnce: (on) => pending.answerAtOnce(on),
    onCall(listener) {
      callListeners.add(listener);
      return () => void callListeners.delete(listener);
    },
    clearCalls() {
      calls.length = 0;
      sent.length = 0;
    },
    async close() {
      pending.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * What api.telegram.org answers to a webhook address it will not call (Bot API, setWebhook:
 * "Ports currently supported for webhooks: 443, 80, 88, 8443"; an HTTPS URL is required).
 */
function cloudWebhookRefusal(address: string): Answer | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return error(400, "Bad Request: bad webhook: Failed to resolve host: Name or service not known");
  }
  if (url.protocol !== "https:") return error(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook");
  if (!["", "443", "80", "88", "8443"].includes(url.port))
    return error(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  return null;
}
