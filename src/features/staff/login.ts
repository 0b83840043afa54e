// Password sign-in with lockout. Unknown usernames, inactive accounts and wrong passwords give
// the same answer after the same scrypt work, so the form cannot be used to find usernames.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/service.ts";
import { UNUSABLE_HASH, verifyPassword } from "./password.ts";

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export type LoginResult =
  | { ok: true; staffId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

type LoginStore = Pick<PrismaClient, "staffUser" | "auditLog">;

/** Usernames are compared case-insensitively: officers type them on phones and tablets. */
export function normaliseUsername(raw: string): string {
  return raw.normalize("NFC").trim().toLowerCase();
}

export async function attemptLogin(
  db: LoginStore,
  input: { username: string; password: string; now: Date; ip?: string | null },
  policy: LoginPolicy,
): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const { now, ip } = input;
  const user = await db.staffUser.findUnique({ where: { username } });
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? UNUSABLE_HASH);

  if (!user || !user.active) {
    await recordAudit(db, {
      actor: username.slice(0, 64) || "(empty)",
      action: "login.failed",
      detail: { reason: user ? "inactive" : "unknown_user" },
      ip,
    });
    return { ok: false, reason: "invalid" };
  }

  const audit = { staffId: user.id, actor: user.username, entity: "staff", entityId: user.id, ip };
  if (user.lockedUntil && user.lockedUntil > now) {
    // Even the right password is refused while locked, or the lock would only slow guessing.
    await recordAudit(db, { ...audit, action: "login.blocked", detail: { lockedUntil: user.lockedUntil.toISOString() } });
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  }

  if (passwordOk) {
    await db.staffUser.update({
      where: { id: user.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
    });
    await recordAudit(db, { ...audit, action: "login.success" });
    return { ok: true, staffId: user.id };
  }

  // A lock that has run out starts a fresh count; otherwise count atomically, so parallel
  // guesses cannot slip past the limit.
  const updated = user.lockedUntil
    ? await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: 1, lockedUntil: null }, select: { failedLogins: true } })
    : await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } }, select: { failedLogins: true } });

  if (updated.failedLogins >= policy.maxFailures) {
    const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    await db.staffUser.update({ where: { id: user.id }, data: { lockedUntil, failedLogins: 0 } });
    await recordAudit(db, { ...audit, action: "login.lockout", detail: { failures: updated.failedLogins, lockedUntil: lockedUntil.toISOString() } });
    return { ok: false, reason: "locked", lockedUntil };
  }
  await recordAudit(db, { ...audit, action: "login.failed", detail: { reason: "password", failures: updated.failedLogins } });
  return { ok: false, reason: "invalid" };
}
