// Personal IDs, phone numbers and account numbers never reach a log in full (architecture rule 10,
// Law 91/2025 on personal data). Masking keeps the last digits so support can still correlate.

// 9-19 digit runs cover CMND (9), CCCD / số định danh (12), phones (10, or +84 + 9) and bank or
// wallet account numbers (8-19). Dates and amounts are shorter or contain separators. Record ids
// (UUIDs) are kept whole, and so are digit runs glued to letters or underscores (hex digests, file
// and migration names such as 20261105112128_init): they are not personal numbers, and a mangled
// name makes a log or an audit entry useless.
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const LONG_DIGITS = "(?<![\\dA-Za-z_])(?:\\+?84|0)?\\d{7,18}(?![\\dA-Za-z_])";
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

// Fields that hold clock readings or platform message counters (Telegram's `date` in epoch
// seconds, Zalo's `timestamp` in epoch milliseconds as a string, `update_id`, `message_id`): a
// run of digits there is not a personal number, and masking it hides when and what happened.
// Personal ids never travel under these names (they are `personalId`, `idNumber`, `phone`…).
const CLOCK_OR_COUNTER_KEYS = /^(date|time|timestamp|ts|sent_?time|(update|message|msg)_?id)$/i;
const TIME_OF_KEYS = /(_at|[a-z]At)$/;

/** Deep copy with sensitive strings masked and secret-looking keys removed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[depth]";
  if (typeof value === "string") return redactString(value);
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e8 && !isLikelyTimestamp(value)) {
    return redactString(String(value));
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: redactString(value.message), stack: value.stack && redactString(value.stack) };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(k)) out[k] = "[redacted]";
      else if ((CLOCK_OR_COUNTER_KEYS.test(k) || TIME_OF_KEYS.test(k)) && isDigitsOnly(v)) out[k] = v;
      else out[k] = redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

function isDigitsOnly(v: unknown): boolean {
  return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^\d{1,19}$/.test(v));
}

function isLikelyTimestamp(n: number): boolean {
  return n > 1e12 && n < 1e14;
}
