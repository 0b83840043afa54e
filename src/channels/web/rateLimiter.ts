// A sliding-window counter per key, in memory: enough to stop one page (or a script holding its
// cookie, or one address holding many) from flooding the engine. Each instance counts for itself.
import type { NextFunction, Request, Response } from "express";
import { addressBucket } from "../../lib/clientAddress.ts";
import type { Clock } from "../../lib/clock.ts";

export interface RateLimiter {
  /** Counts one hit; false when the key is over its limit (the hit is then not counted). */
  hit(key: string): boolean;
}

export function createRateLimiter(opts: { limit: number; windowMs: number; clock: Clock }): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    hit(key) {
      const now = opts.clock.now().getTime();
      const from = now - opts.windowMs;
      if (hits.size > 10_000) {
        for (const [k, times] of hits) if ((times.at(-1) ?? 0) <= from) hits.delete(k);
      }
      const recent = (hits.get(key) ?? []).filter((t) => t > from);
      if (recent.length >= opts.limit) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.set(key, recent);
      return true;
    },
  };
}

/**
 * Counts every request of a client address (rateLimiter above, keyed by addressBucket): one
 * address opening chat after chat, or posting through many chats, is slowed down as one client.
 */
export function limitPerAddress(limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (limiter.hit(addressBucket(req.ip))) return next();
    res.status(429).json({ error: "rate_limited" });
  };
}
