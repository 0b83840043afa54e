// What becomes of a message the platform did not take for a passing reason (a 5xx, a network
// error, a 429): it is tried again later, with a growing wait, and given up only when it has
// been tried many times and for a long time.
const MAX_ATTEMPTS = 8;
// A platform outage lasts minutes, sometimes hours: a message is not given up on while younger
// than this, whatever its attempts (a late answer beats a lost one; backoff keeps it at one try a minute).
export const RETRY_FOR_MS = 6 * 60 * 60_000;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 60_000;

export type AfterFailure = { giveUp: true } | { giveUp: false; atMs: number };

/**
 * `attempts` counts this one. The platform's own retry-after wins over the backoff (sending
 * before it would only be refused again).
 */
export function afterTemporaryFailure(
  row: { attempts: number; createdAt: Date },
  retryAfterMs: number | undefined,
  nowMs: number,
): AfterFailure {
  if (row.attempts >= MAX_ATTEMPTS && nowMs - row.createdAt.getTime() >= RETRY_FOR_MS) return { giveUp: true };
  const backoff = retryAfterMs ?? Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (row.attempts - 1));
  return { giveUp: false, atMs: nowMs + backoff };
}
