// Personal IDs, phone numbers and account numbers never reach a log in full (architecture rule 10,
// Law 91/2025 on personal data). Masking keeps the last digits so support can still correlate.

// 9-19 digit runs cover CMND (9), CCCD / số định danh (12), phones (10, or +84 + 9) and bank or
// wallet account numbers (8-19). Dates and amounts are shorter or contain separators. Record ids
// (UUIDs) are kept whole, and so are digit runs glued to letters (hex digests, file names): they
// are not personal numbers, and a mangled id would make audit entries useless.
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const LONG_DIGITS = "(?<![\\dA-Za-z])(?:\\+?84|0)?\\d{7,18}(?![\\dA-Za-z])";
const SENSITIVE = new RegExp(`(${UUID})|${LONG_DIGITS}`, "gi");

export function redactString(text: string): string {
  return text.replace(SENSITIVE, (m, uuid: string | undefined) =>
    uuid !== undefined || m.replace(/\D/g, "").length < 8 ? m : mask(m),
  );
}

/** "079123456789" → "••••••••6789" (length preserved up to 8 bullets). */
export function mask(value: string, keep = 4): string {
  const digits = value.replace(/\s/g, "");
  if (digits.length <= keep) return "•".repeat(digits.length);
  return "•".repeat(Math.min(8, digits.length - keep)) + digits.slice(-keep);
}

const SECRET_KEYS = /pass(word)?|secret|token|cookie|authorization|otp|csrf|(encryption|hash|data)_?keys?$/i;

/** Deep copy with sensitive strings masked and secret-looking keys removed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[depth]";
  if (typeof value === "string") return redactString(value);
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e7 && !isLikelyTimestamp(value)) {
    return redactString(String(value));
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: redactString(value.message), stack: value.stack && redactString(value.stack) };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

function isLikelyTimestamp(n: number): boolean {
  return n > 1e12 && n < 1e14;
}
