// The Bot API's wire format for the fake server: answers, refusals, and request parameters
// (which Telegram accepts as JSON, as a form, or in the query string).
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export type FakeTelegramFailure =
  /** The call is carried out, but its 200 answer is cut short (a proxy or a dropped connection). */
  | { status: 200; unreadable: true }
  | { status: 429; retryAfter: number }
  | { status: 403; description?: string }
  | { status: 400; description: string }
  | { status: 500 | 502 | 503 | 504; description?: string };

export type Answer = { status: number; payload: Record<string, unknown> };

const button = z.object({ text: z.string().min(1), callback_data: z.string().optional(), url: z.string().optional() });
export const sendMessageBody = z.object({
  chat_id: z.union([z.number(), z.string().min(1)]),
  text: z.string(),
  parse_mode: z.string().optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(button)) }).optional(),
});
export const getUpdatesBody = z.object({
  offset: z.coerce.number().int().default(0),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  timeout: z.coerce.number().min(0).default(0),
});
export const setWebhookBody = z.object({
  url: z.string(),
  secret_token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/)
    .optional(),
  allowed_updates: z.array(z.string()).optional(),
  drop_pending_updates: z.boolean().optional(),
});

/** The answer real Telegram gives for each kind of refusal the tests inject. */
export function refusal(failure: FakeTelegramFailure): Answer {
  switch (failure.status) {
    case 200:
      return { status: 200, payload: {} };
    case 429:
      return error(429, `Too Many Requests: retry after ${failure.retryAfter}`, { retry_after: failure.retryAfter });
    case 403:
      return error(403, failure.description ?? "Forbidden: bot was blocked by the user");
    case 400:
      return error(400, failure.description);
    default:
      return error(
        failure.status,
        failure.description ?? (failure.status === 502 ? "Bad Gateway" : "Internal Server Error"),
      );
  }
}

export function ok(result: unknown): Answer {
  return { status: 200, payload: { ok: true, result } };
}

export function error(status: number, description: string, parameters?: Record<string, unknown>): Answer {
  return { status, payload: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } };
}

/** Bot API parameters arrive as JSON, as a form, or in the query string; all are accepted. */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const raw = Buffer.concat(chunks).toString("utf8");
  const params: Record<string, unknown> = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
  const type = req.headers["content-type"] ?? "";
  if (raw.trim() === "") return params;
  if (type.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(raw)) params[k] = jsonOrText(v);
    return params;
  }
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("body is not an object");
  return { ...params, ...Object.fromEntries(Object.entries(parsed)) };
}

function jsonOrText(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export function addressOf(address: string | AddressInfo | null): AddressInfo {
  if (typeof address !== "object" || address === null) throw new Error("fake Telegram server has no port");
  return address;
}
