// Who is calling: loads the session from its cookie, builds the StaffContext, and gates routes by
// sign-in and role. Shared by the console pages and the JSON API.
import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from "express";
import { AppError } from "../../core/errors.ts";
import { isLocale } from "../../core/i18n.ts";
import { canAny, type Permission } from "../../features/staff/roles.ts";
import { resolveCommuneIds } from "../../features/staff/scope.ts";
import { resumeSession, type SessionPolicy } from "../../features/staff/session.ts";
import { getStaff, maybeStaff, setStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { parseCookies } from "./cookies.ts";

export const SESSION_COOKIE = "asb_session";
/** Which accounts signed in from this browser before (knownBrowsers.ts). */
export const BROWSER_COOKIE = "asb_browser";
// A year: the owner's usual browser should stay known between sign-ins.
const BROWSER_COOKIE_MAX_AGE_MS = 365 * 86_400_000;

export function sessionPolicy(deps: AppDeps): SessionPolicy {
  return { ttlMinutes: deps.config.SESSION_TTL_MINUTES, idleMinutes: deps.config.SESSION_IDLE_MINUTES };
}

export function sessionCookieOptions(deps: AppDeps): CookieOptions {
  // No Expires: the server decides when a session ends, and a browser-session cookie also goes
  // away when a shared computer's browser is closed.
  return { httpOnly: true, sameSite: "lax", secure: deps.config.cookieSecure, path: "/" };
}

export function browserCookieOptions(deps: AppDeps): CookieOptions {
  return {
    httpOnly: true,
    sameSite: "strict",
    secure: deps.config.cookieSecure,
    path: "/console/login",
    maxAge: BROWSER_COOKIE_MAX_AGE_MS,
  };
}

/** Loads the signed-in staff member, if any, into res.locals; never refuses by itself. */
export function loadStaff(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    if (maybeStaff(res)) return next();
    const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    // Our tokens are 43 characters; anything much longer is not worth hashing.
    if (token && token.length <= 128) {
      const session = await resumeSession(deps.prisma, token, deps.clock.now(), sessionPolicy(deps));
      if (!session) {
        res.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
      } else {
        setStaff(res, {
          id: session.staffId,
          username: session.username,
          fullName: session.fullName,
          role: session.role,
          locale: isLocale(session.locale) ? session.locale : "vi",
          communeIds: await resolveCommuneIds(deps.prisma, session.staffId, session.role),
          sessionId: session.sessionId,
          csrfToken: session.csrfToken,
        });
      }
    } else if (token) {
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
    }
    next();
  };
}

export function requireStaff(_req: Request, res: Response, next: NextFunction): void {
  getStaff(res);
  next();
}

/** Lets through a staff member whose role holds any of the permissions (roles.ts); 403 otherwise. */
export function requirePermission(...anyOf: Permission[]): RequestHandler {
  return (_req, res, next) => {
    if (!canAny(getStaff(res).role, anyOf)) throw new AppError("forbidden", "Not allowed for this role");
    next();
  };
}

/** The caller's address for the audit log (trust proxy decides what req.ip means). */
export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}
