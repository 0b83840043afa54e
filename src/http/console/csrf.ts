// Cross-site request forgery protection. Signed-in requests carry the session's synchronizer
// token; the login form, which has no session yet, uses a double-submit cookie so nobody can sign
// a victim into an attacker's account.
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../core/errors.ts";
import { randomToken } from "../../features/staff/session.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { parseCookies } from "./cookies.ts";
import { firstMultipartField } from "./multipartToken.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const LOGIN_CSRF_COOKIE = "asb_login_csrf";

/**
 * The token a request sent: form field `_csrf` or header. Never the address: a token in a URL
 * ends up in logs, browser history and Referer headers. (File uploads: see requireCsrf.)
 */
export function sentCsrfToken(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body === "object" && body !== null && "_csrf" in body && typeof body._csrf === "string") return body._csrf;
  return req.get("x-csrf-token") ?? undefined;
}

export function tokensMatch(sent: string | undefined, expected: string | undefined): boolean {
  if (!sent || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses state-changing requests without the session's token (403). Needs a signed-in staff.
 * A file upload (multipart, not parsed yet) carries it as the form's first field.
 */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = getStaff(res).csrfToken;
  const refused = () => new AppError("forbidden", "Missing or invalid CSRF token");
  const sent = sentCsrfToken(req);
  if (sent === undefined && req.is("multipart/form-data")) {
    firstMultipartField(req, "_csrf").then(
      (token) => next(tokensMatch(token ?? undefined, expected) ? undefined : refused()),
      next,
    );
    return;
  }
  if (!tokensMatch(sent, expected)) throw refused();
  next();
}

/** The login form's token: reuses the cookie's value or sets a new one. */
export function issueLoginCsrf(deps: AppDeps, req: Request, res: Response): string {
  const existing = parseCookies(req.headers.cookie).get(LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  res.cookie(LOGIN_CSRF_COOKIE, token, loginCsrfCookieOptions(deps));
  return token;
}

export function checkLoginCsrf(req: Request): void {
  if (!tokensMatch(sentCsrfToken(req), parseCookies(req.headers.cookie).get(LOGIN_CSRF_COOKIE))) {
    throw new AppError("forbidden", "Missing or invalid login form token");
  }
}

export function clearLoginCsrf(deps: AppDeps, res: Response): void {
  res.clearCookie(LOGIN_CSRF_COOKIE, loginCsrfCookieOptions(deps));
}

function loginCsrfCookieOptions(deps: AppDeps) {
  return { httpOnly: true, sameSite: "strict" as const, secure: deps.config.cookieSecure, path: "/console/login" };
}
