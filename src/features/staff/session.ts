// Staff sign-in sessions. The browser holds a random token; the database keeps only its SHA-256,
// so a leaked database copy cannot be replayed as a cookie.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";

export interface SessionPolicy {
  /** Absolute lifetime from sign-in. */
  ttlMinutes: number;
  /** Signed out after this long without a request. */
  idleMinutes: number;
}

export interface SessionStaff {
  sessionId: string;
  csrfToken: string;
  staffId: string;
  username: string;
  fullName: string;
  role: StaffRole;
  locale: string;
}

type SessionStore = Pick<PrismaClient, "staffSession">;

// Writing lastSeenAt on every request would turn each page view into a write; once a minute is
// precise enough for an idle limit counted in minutes.
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Opens a session and returns the cookie value (the only copy of the token). */
export async function startSession(
  db: SessionStore,
  staffId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<{ token: string; sessionId: string; csrfToken: string }> {
  const token = randomToken();
  const sessionId = hashSessionToken(token);
  const csrfToken = randomToken();
  await db.staffSession.create({
    data: {
      id: sessionId,
      staffId,
      csrfToken,
      expiresAt: new Date(now.getTime() + policy.ttlMinutes * 60_000),
      lastSeenAt: now,
      createdAt: now,
    },
  });
  return { token, sessionId, csrfToken };
}

/**
 * The session behind a cookie token, or null when it is unknown, past its absolute expiry, idle
 * for too long, or its staff account was deactivated. Dead sessions are deleted on sight.
 */
export async function resumeSession(
  db: SessionStore,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionStaff | null> {
  const id = hashSessionToken(token);
  const row = await db.staffSession.findUnique({
    where: { id },
    include: {
      staff: { select: { id: true, username: true, fullName: true, role: true, locale: true, active: true } },
    },
  });
  if (!row) return null;
  const idleSince = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt <= now || idleSince > policy.idleMinutes * 60_000 || !row.staff.active) {
    await db.staffSession.deleteMany({ where: { id } });
    return null;
  }
  if (idleSince >= TOUCH_INTERVAL_MS) {
    await db.staffSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: id,
    csrfToken: row.csrfToken,
    staffId: row.staff.id,
    username: row.staff.username,
    fullName: row.staff.fullName,
    role: row.staff.role,
    locale: row.staff.locale,
  };
}

export async function endSession(db: SessionStore, sessionId: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { id: sessionId } });
}
