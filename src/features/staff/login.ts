// Password sign-in. Unknown usernames, inactive accounts and wrong passwords get the same answer
// after the same work (a scrypt check against a hash that never verifies), and the same growing
// delays (loginThrottle.ts), so the form cannot be used to find usernames. No failure locks an
// account: a stranger can slow down guesses at a name, never the owner's usual browser.
import { cipherOf } from "../../db/sensitiveFields.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/service.ts";
import { recognise, rememberAccount, type BrowserTag } from "./knownBrowsers.ts";
import {
  addressKey,
  deviceKey,
  forgetOldFailures,
  nameKey,
  settleSuccess,
  takeAttempt,
  type ThrottlePolicy,
} from "./loginThrottle.ts";
import { UNUSABLE_HASH, verifyPassword } from "./password.ts";

export type LoginResult =
  | { ok: true; staffId: string; /** The browser cookie naming the accounts signed in here. */ browserCookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "wait"; waitMs: number };

type LoginStore = Pick<PrismaClient, "staffUser" | "auditLog" | "loginThrottle" | "$transaction">;

/** Usernames are compared case-insensitively: officers type them on phones and tablets. */
export function normaliseUsername(raw: string): string {
  return raw.normalize("NFC").trim().toLowerCase();
}

export async function attemptLogin(
  db: LoginStore,
  input: { username: string; password: string; now: Date; ip?: string | null; browserTags: BrowserTag[] },
  policy: ThrottlePolicy,
): Promise<LoginResult> {
  const username = normaliseUsername(input.username);
  const { now } = input;
  const ip = input.ip ?? null;
  const cipher = cipherOf(db);
  const user = await db.staffUser.findUnique({ where: { username } });
  const usable = user?.active ? user : null;
  // A browser known to a real account counts apart from the name; anything else counts on the name.
  const browser = usable ? recognise(cipher, usable.id, input.browserTags) : null;
  const keys = [addressKey(ip), usable && browser ? deviceKey(`${usable.id}\0${browser}`) : nameKey(username)];
  const audit = usable
    ? { staffId: usable.id, actor: usable.username, entity: "staff", entityId: usable.id, ip }
    : { actor: username.slice(0, 64) || "(empty)", ip };

  const attempt = await takeAttempt(db, keys, now, policy);
  if (!attempt.ok) {
    // Refused before the password is looked at: waiting cannot be skipped by guessing right.
    await recordAudit(db, {
      ...audit,
      action: "login.throttled",
      detail: { waitSeconds: Math.ceil(attempt.waitMs / 1000), knownBrowser: browser !== null },
    });
    return { ok: false, reason: "wait", waitMs: attempt.waitMs };
  }

  const passwordOk = await verifyPassword(input.password, usable?.passwordHash ?? UNUSABLE_HASH);
  if (usable && passwordOk) {
    await settleSuccess(db, keys);
    await db.staffUser.update({
      where: { id: usable.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
    });
    await recordAudit(db, { ...audit, action: "login.success" });
    return {
      ok: true,
      staffId: usable.id,
      browserCookie: rememberAccount(cipher, usable.id, input.browserTags, browser),
    };
  }
  const reason = !user ? "unknown_user" : !user.active ? "inactive" : "password";
  await recordAudit(db, { ...audit, action: "login.failed", detail: { reason, knownBrowser: browser !== null } });
  await forgetOldFailures(db, now);
  return { ok: false, reason: "invalid" };
}
