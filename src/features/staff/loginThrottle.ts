// Growing delays for wrong passwords, instead of a lock that anyone who knows a username could
// set off. Failures are counted per key: the typed name (from browsers that never signed in to the
// account), the browser that did (its own count, so a stranger's guesses never slow the owner down
// on their usual computer) and the client address (whatever names it tries). Up to a number of
// failures a key is free; after that each try must wait 1 s, 2 s, 4 s… up to a ceiling. Names are
// counted whether or not they exist, so the answers never tell which usernames do.
import { createHash } from "node:crypto";
import { z } from "zod";
import { queryRows, sqlDate, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { addressBucket } from "../../lib/clientAddress.ts";

export interface ThrottlePolicy {
  /** Free failures per name or known browser. */
  maxFailures: number;
  /** Free failures per client address. */
  addressMaxFailures: number;
  maxDelayMs: number;
}

const throttleRow = z.object({ key: z.string(), failures: sqlInt, lastFailureAt: sqlDate });

/** A count is forgotten a day after its last failure. */
const WINDOW_MS = 24 * 3_600_000;

export type ThrottleKey = { kind: "name" | "device" | "address"; key: string };

export function nameKey(username: string): ThrottleKey {
  return { kind: "name", key: digest("name", username) };
}

export function deviceKey(deviceId: string): ThrottleKey {
  return { kind: "device", key: digest("device", deviceId) };
}

export function addressKey(ip: string | null): ThrottleKey {
  return { kind: "address", key: digest("address", addressBucket(ip)) };
}

type Db = Pick<PrismaClient, "$transaction" | "loginThrottle">;

/**
 * Takes a try for every key, or says how long to wait. A try taken counts as a failure at once, so
 * a burst of parallel guesses cannot slip past the free count; `settle` gives it back on success.
 */
export async function takeAttempt(
  db: Db,
  keys: ThrottleKey[],
  now: Date,
  policy: ThrottlePolicy,
): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const ids = keys.map((k) => k.key);
  return db.$transaction(async (tx) => {
    await tx.loginThrottle.createMany({
      data: ids.map((key) => ({ key, failures: 0, lastFailureAt: now })),
      skipDuplicates: true,
    });
    // Locked in key order, so two sign-ins sharing keys wait for each other instead of deadlocking.
    const rows = await queryRows(
      tx,
      throttleRow,
      Prisma.sql`SELECT "key", "failures", "lastFailureAt" FROM "LoginThrottle" WHERE "key" IN (${Prisma.join(ids)}) ORDER BY "key" FOR UPDATE`,
    );
    const counts = new Map(rows.map((r) => [r.key, fresh(r, now)]));
    const waitMs = Math.max(
      0,
      ...keys.map((k) => {
        const row = counts.get(k.key);
        if (!row) return 0;
        const free = k.kind === "address" ? policy.addressMaxFailures : policy.maxFailures;
        return row.lastFailureAt.getTime() + delayAfter(row.failures, free, policy.maxDelayMs) - now.getTime();
      }),
    );
    if (waitMs > 0) return { ok: false as const, waitMs };
    for (const k of keys) {
      await tx.loginThrottle.update({
        where: { key: k.key },
        data: { failures: (counts.get(k.key)?.failures ?? 0) + 1, lastFailureAt: now },
      });
    }
    return { ok: true as const };
  });
}

/**
 * After a right password: the name's and the browser's counts start again; the address gives back
 * the try it was charged, so colleagues signing in behind one office address do not add up.
 */
export async function settleSuccess(db: Pick<PrismaClient, "loginThrottle">, keys: ThrottleKey[]): Promise<void> {
  const personal = keys.filter((k) => k.kind !== "address").map((k) => k.key);
  if (personal.length) await db.loginThrottle.deleteMany({ where: { key: { in: personal } } });
  for (const k of keys.filter((x) => x.kind === "address")) {
    await db.loginThrottle.updateMany({
      where: { key: k.key, failures: { gt: 0 } },
      data: { failures: { decrement: 1 } },
    });
  }
}

/** Counts a day old are of no use: dropped now and then. */
export async function forgetOldFailures(db: Pick<PrismaClient, "loginThrottle">, now: Date): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - WINDOW_MS) } } });
}

/** How long after the `failures`-th failure the next try must wait. */
export function delayAfter(failures: number, free: number, maxDelayMs: number): number {
  if (failures < free) return 0;
  return Math.min(maxDelayMs, 1000 * 2 ** Math.min(30, failures - free));
}

function fresh(row: { failures: number; lastFailureAt: Date }, now: Date): { failures: number; lastFailureAt: Date } {
  return now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS
    ? { failures: 0, lastFailureAt: row.lastFailureAt }
    : row;
}

function digest(kind: string, value: string): string {
  return createHash("sha256").update(`login-throttle\0${kind}\0${value}`).digest("hex");
}
