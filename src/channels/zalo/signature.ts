// Zalo signs every webhook with `X-ZEvent-Signature`, where the value is a plain SHA-256 (not an
// HMAC) of app id + raw body + timestamp + the OA secret key, in hex. Zalo's webhook guide shows it
// as "mac=<hex>"; other integrations show the bare hex: both forms are accepted. It must be computed
// over the bytes exactly as received: re-serialising the parsed JSON changes spacing and breaks it.
import { createHash, timingSafeEqual } from "node:crypto";

export interface SignatureInput {
  appId: string;
  rawBody: Buffer;
  /** The payload's `timestamp` field, as it appears in the payload. */
  timestamp: string;
  oaSecretKey: string;
}

/** The header value Zalo sends for this body: "mac=<64 hex digits>". */
export function zaloSignature(input: SignatureInput): string {
  const hash = createHash("sha256");
  hash.update(input.appId, "utf8");
  hash.update(input.rawBody);
  hash.update(input.timestamp, "utf8");
  hash.update(input.oaSecretKey, "utf8");
  return `mac=${hash.digest("hex")}`;
}

/** Constant-time check of a received header ("mac=<hex>" or "<hex>") against the expected signature. */
export function verifyZaloSignature(header: string | undefined, input: SignatureInput): boolean {
  if (!header) return false;
  const expected = Buffer.from(zaloSignature(input), "utf8");
  const given = header.trim().toLowerCase();
  const received = Buffer.from(given.startsWith("mac=") ? given : `mac=${given}`, "utf8");
  // timingSafeEqual needs equal lengths; a length mismatch is a mismatch anyway.
  return received.length === expected.length && timingSafeEqual(received, expected);
}
