// Converts arbitrary values into JSON the database accepts, without trusting their type.
import type { InputJsonValue } from "../generated/prisma/internal/prismaNamespace.ts";

export type JsonValue = InputJsonValue;
type NestedJson = InputJsonValue | null;

/** Top-level null/undefined become "" (a JSON column value cannot be a bare null here); nested nulls stay null. */
export function toJsonValue(value: unknown): JsonValue {
  return toNested(value) ?? "";
}

function toNested(value: unknown): NestedJson {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toNested(v));
  if (typeof value === "object") {
    const out: Record<string, NestedJson> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toNested(v);
    return out;
  }
  return String(value);
}
