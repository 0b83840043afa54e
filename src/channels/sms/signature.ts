// The SMS gateway signs each post with HMAC-SHA256 of the raw body under the shared secret, in hex;
// some gateways write it "sha256=<hex>" (as GitHub does), both are accepted. It must be computed
// over the bytes exactly as received: re-serialising the parsed body changes them.
import { createHmac, timingSafeEqual } from "node:crypto";

export function smsSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/** Constant-time check of the received header against the body's signature. */
export function verifySmsSignature(header: string | undefined, rawBody: Buffer, secret: string): boolean {
  if (!header) return false;
  const given = header
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, "");
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(smsSignature(rawBody, secret), "hex"));
}
