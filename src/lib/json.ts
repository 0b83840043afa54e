// Converts arbitrary values into JSON the database accepts, without trusting their type.
import type { InputJsonValue } from "../generated/prisma/internal/prismaNamespace.ts";

export type JsonValue = InputJsonValue;

export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v));
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return String(value);
}
