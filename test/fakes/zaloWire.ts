// The wire details of the fake Zalo platform (zaloApi.ts): reading requests and the pieces of
// Zalo's message formats it checks.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface FakeZaloButton {
  title: string;
  type: string;
  payload: unknown;
}

export function token(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const v: unknown = Reflect.get(value, key);
  return v;
}

export function toButton(b: unknown): FakeZaloButton {
  const title = field(b, "title");
  const type = field(b, "type");
  return {
    title: typeof title === "string" ? title : "",
    type: typeof type === "string" ? type : "",
    payload: field(b, "payload"),
  };
}

/** Every transaction template type in the official PHP SDK (Common/TransactionTemplateType) is "transaction_…". */
export function isTransactionType(type: string): boolean {
  return /^transaction_[a-z]+$/.test(type);
}

export function elementText(element: unknown): string {
  const content = field(element, "content");
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((row) => `${String(field(row, "key"))}: ${String(field(row, "value"))}`).join("\n");
  return "";
}
