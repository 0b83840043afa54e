// What Zalo's `error` codes mean for a message, in the outbox's terms. Token codes are handled by
// the caller (refresh and try again). Sources: channels.md (the OA API's documented codes), and for
// the window and quota codes third-party integration guides, as Zalo's own list is not public in
// full: these are the facts only a live OA can confirm (docs/channels.md).
import type { SendResult } from "../channel.ts";

export const TOKEN_INVALID = -216;
export const TOKEN_EXPIRED = -220;
export const TOKEN_ERRORS = new Set([TOKEN_INVALID, TOKEN_EXPIRED, -124]);

/** The person does not follow the OA (or never interacted): nothing can be sent to them. */
const NOT_FOLLOWER = -213;
/** The account is banned or has been inactive for over 45 days. */
const USER_INACTIVE = -227;
/** Outside the window: -230 not interacted in the past 7 days, -232 no interaction or it expired. */
const OUTSIDE_WINDOW = new Set([-230, -232]);
/** Quota: -211 out of quota, -218 this person's receiving limit, -224 the OA's package, -221 not verified. */
const QUOTA = new Set([-211, -218, -221, -224]);
/** The person restricted this kind of message from the OA. */
const USER_RESTRICTED = -244;
const RATE_LIMITED = -32;

export function apiErrorResult(code: number, rateLimitBackoffMs: number): SendResult {
  if (code === NOT_FOLLOWER) return { ok: false, permanent: true, reason: "not_follower" };
  if (code === USER_INACTIVE) return { ok: false, permanent: true, reason: "zalo_user_inactive" };
  // Only this message cannot go this way: the chat stays open, a notice goes to the phone at once.
  if (OUTSIDE_WINDOW.has(code)) return { ok: false, permanent: true, scope: "message", reason: "zalo_outside_window" };
  if (QUOTA.has(code)) return { ok: false, permanent: true, scope: "message", reason: "zalo_quota" };
  if (code === USER_RESTRICTED) return { ok: false, permanent: true, scope: "message", reason: "zalo_user_restricted" };
  if (code === RATE_LIMITED)
    return { ok: false, permanent: false, reason: "rate_limited", retryAfterMs: rateLimitBackoffMs, pauseSender: true };
  if (TOKEN_ERRORS.has(code)) return { ok: false, permanent: false, reason: "access_token_refused" };
  return { ok: false, permanent: false, reason: `zalo_error_${code}` };
}
