// Small facts shared by the phone senders.

/** 0912345678 → 84912345678, the form Zalo ZNS and SMS gateways take. */
export function internationalPhone(phone: string): string {
  return phone.startsWith("0") ? `84${phone.slice(1)}` : phone.replace(/^\+/, "");
}

/** Retry-After in seconds (the only form gateways use in practice), or the fallback. */
export function retryAfterMs(headers: Headers, fallbackMs: number): number {
  const seconds = Number(headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallbackMs;
}
