// The OA access token (about 25 h) and its refresh token (about 3 months) live in PlatformToken
// rows so every instance uses the same pair. Zalo's refresh token works exactly once: a second use
// fails and, if the new one was lost, the OA has to be authorised again by hand. So one process at a
// time refreshes, under a transaction-scoped advisory lock; it re-reads the tokens after taking the
// lock (another instance may have refreshed meanwhile) and stores both new tokens in the same
// transaction. Tokens never reach a log line.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import type { ZaloOaClient } from "./zaloOaClient.ts";

export const ACCESS_TOKEN = "zalo.access_token";
export const REFRESH_TOKEN = "zalo.refresh_token";
/** A hash of the tokens last taken from the environment, to tell a new authorisation from a restart. */
const SEED_FINGERPRINT = "zalo.seed_fingerprint";

export interface ZaloTokenStoreDeps {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  client: ZaloOaClient;
  /** Refresh when less than this is left of the access token's life. */
  refreshAheadMs: number;
  /** Upper bound for one refresh (lock wait + the OAuth call). */
  refreshTimeoutMs: number;
  /** After a failed refresh, wait this long before trying again (not once per message). */
  refreshRetryMs: number;
  /** ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN: the pair an operator got when authorising the OA. */
  seed?: { accessToken?: string; refreshToken?: string };
}

export interface ZaloTokenStore {
  /** Stores the environment's tokens when they are new; a restart never overwrites refreshed ones. */
  seed(): Promise<void>;
  /** A usable access token (refreshed first when about to expire), or null when none can be had. */
  accessToken(): Promise<string | null>;
  /** Zalo refused `rejected` (-216/-220): refresh unless another process already did. */
  refreshAfterRejection(rejected: string): Promise<string | null>;
}

interface Cached {
  value: string;
  expiresAt: Date | null;
}

export function createZaloTokenStore(deps: ZaloTokenStoreDeps): ZaloTokenStore {
  const { prisma, log, clock } = deps;
  let cached: Cached | null = null;
  let inflight: Promise<string | null> | null = null;
  let failedAt: number | null = null;

  const nearExpiry = (t: Cached) =>
    t.expiresAt !== null && t.expiresAt.getTime() - clock.now().getTime() < deps.refreshAheadMs;
  const expired = (t: Cached) => t.expiresAt !== null && t.expiresAt.getTime() <= clock.now().getTime();

  /** One refresh at a time in this process; the advisory lock orders processes. */
  function refresh(needed: (current: Cached | null) => boolean): Promise<string | null> {
    if (failedAt !== null && clock.now().getTime() - failedAt < deps.refreshRetryMs) {
      return Promise.resolve(cached && !expired(cached) ? cached.value : null);
    }
    inflight ??= refreshLocked(needed).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function refreshLocked(needed: (current: Cached | null) => boolean): Promise<string | null> {
    const result = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${REFRESH_TOKEN}))`;
        const rows = await tx.platformToken.findMany({ where: { name: { in: [ACCESS_TOKEN, REFRESH_TOKEN] } } });
        const access = rows.find((r) => r.name === ACCESS_TOKEN) ?? null;
        const refreshRow = rows.find((r) => r.name === REFRESH_TOKEN) ?? null;
        if (access && !needed(access)) return { value: access.value, expiresAt: access.expiresAt };
        const usable = access && !expired(access) ? { value: access.value, expiresAt: access.expiresAt } : null;
        if (!refreshRow) {
          log.error("Zalo access token cannot be refreshed: no refresh token stored (set ZALO_REFRESH_TOKEN)");
          return usable;
        }
        const outcome = await deps.client.refreshAccessToken(refreshRow.value);
        if (outcome.kind !== "ok") {
          log.error({ reason: outcome.reason, retryable: outcome.retryable }, "Zalo token refresh failed");
          failedAt = clock.now().getTime();
          return usable;
        }
        const expiresAt = new Date(clock.now().getTime() + outcome.expiresInSeconds * 1000);
        await tx.platformToken.upsert({
          where: { name: ACCESS_TOKEN },
          create: { name: ACCESS_TOKEN, value: outcome.accessToken, expiresAt },
          update: { value: outcome.accessToken, expiresAt },
        });
        await tx.platformToken.upsert({
          where: { name: REFRESH_TOKEN },
          create: { name: REFRESH_TOKEN, value: outcome.refreshToken },
          update: { value: outcome.refreshToken },
        });
        failedAt = null;
        log.info({ expiresAt }, "Zalo access token refreshed");
        return { value: outcome.accessToken, expiresAt };
      },
      { timeout: deps.refreshTimeoutMs, maxWait: deps.refreshTimeoutMs },
    );
    cached = result;
    return result?.value ?? null;
  }

  return {
    async seed() {
      const { accessToken, refreshToken } = deps.seed ?? {};
      if (!accessToken && !refreshToken) return;
      const fingerprint = createHash("sha256")
        .update(`${accessToken ?? ""}\n${refreshToken ?? ""}`)
        .digest("hex");
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${REFRESH_TOKEN}))`;
        const seen = await tx.platformToken.findUnique({ where: { name: SEED_FINGERPRINT } });
        // The same environment as before: whatever is stored is as new or newer.
        if (seen?.value === fingerprint) return;
        const write = async (name: string, value: string | undefined) => {
          if (!value) return;
          await tx.platformToken.upsert({
            where: { name },
            create: { name, value, expiresAt: null },
            update: { value, expiresAt: null },
          });
        };
        await write(ACCESS_TOKEN, accessToken);
        await write(REFRESH_TOKEN, refreshToken);
        await tx.platformToken.upsert({
          where: { name: SEED_FINGERPRINT },
          create: { name: SEED_FINGERPRINT, value: fingerprint },
          update: { value: fingerprint },
        });
        log.info("Zalo tokens taken from the environment");
      });
      cached = null;
    },

    async accessToken() {
      if (!cached) {
        const row = await prisma.platformToken.findUnique({ where: { name: ACCESS_TOKEN } });
        cached = row ? { value: row.value, expiresAt: row.expiresAt } : null;
      }
      if (cached && !nearExpiry(cached)) return cached.value;
      // Missing or about to expire: refresh ahead rather than let a message bounce.
      return refresh((current) => current === null || nearExpiry(current));
    },

    async refreshAfterRejection(rejected) {
      cached = null;
      return refresh((current) => current === null || current.value === rejected || nearExpiry(current));
    },
  };
}
