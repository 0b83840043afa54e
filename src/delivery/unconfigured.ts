// Messages for a channel this installation does not send through (a person whose only chat is Zalo
// on a service started without ZALO_* settings, a ZNS message without ZNS settings) could never
// leave: they end FAILED "channel_not_configured" instead of waiting for ever, so a notice is handed
// on to the phone (outcomes.ts) and a broadcast can finish with the reason in its report.
//
// A channel counts as not configured for the whole installation when this instance has no sender
// for it. That holds because every instance runs with the same settings (one deployment, one set
// of environment variables); instances started with different channel settings are not supported:
// one lacking Zalo would fail the Zalo messages another could send.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { Channel } from "../generated/prisma/enums.ts";
import type { Logger } from "../lib/logger.ts";
import { claimRows } from "./claim.ts";
import type { Outcome } from "./outcomes.ts";

export const CHANNEL_NOT_CONFIGURED = "channel_not_configured";

// Rows taken per claim: a short transaction each, however many are waiting.
const BATCH = 200;

export interface UnconfiguredDeps {
  prisma: PrismaClient;
  log: Logger;
  owner: string;
  /** Writes the outcomes back (outcomes.ts), the way the outbox writes its own. */
  record(outcomes: Outcome[]): Promise<unknown>;
}

/** The channels no sender of this installation serves. */
export function unconfiguredChannels(configured: readonly string[]): Channel[] {
  return Object.values(Channel).filter((c) => !configured.includes(c));
}

/** Ends every due message of `channels` as FAILED channel_not_configured; returns how many. */
export async function failUnconfigured(
  deps: UnconfiguredDeps,
  channels: readonly Channel[],
  now: Date,
  stopped: () => boolean,
): Promise<number> {
  let total = 0;
  for (const channel of channels) {
    // A chat's messages are taken one at a time in order (claim.ts): go on until none is left.
    for (;;) {
      if (stopped()) return total;
      const rows = await claimRows(deps.prisma, { channel, limit: BATCH, bulk: true, owner: deps.owner, now });
      if (rows.length === 0) break;
      const outcomes = rows.map((row): Outcome => ({
        row,
        status: "FAILED",
        reason: CHANNEL_NOT_CONFIGURED,
        fallback: row.kind === "NOTIFICATION" || row.kind === "BROADCAST",
      }));
      await deps.record(outcomes);
      deps.log.warn({ channel, count: rows.length }, "messages for a channel that is not configured failed");
      total += rows.length;
    }
  }
  return total;
}
