// Sign-in and sign-out. Sign-in is the one state-changing request without a session, so it has
// its own small body parser and its own CSRF check.
import express from "express";
import { z } from "zod";
import { recordAudit } from "../../features/audit/service.ts";
import { attemptLogin } from "../../features/staff/login.ts";
import { endSession, startSession } from "../../features/staff/session.ts";
import { getStaff, maybeStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { SESSION_COOKIE, clientIp, requireStaff, sessionCookieOptions, sessionPolicy } from "./auth.ts";
import { checkLoginCsrf, clearLoginCsrf, issueLoginCsrf, requireCsrf } from "./csrf.ts";
import { translator } from "./locale.ts";
import { renderPage } from "./render.ts";
import { loginView } from "./views/login.ts";

const loginBody = z.object({
  username: z.string().max(200).default(""),
  password: z.string().max(1024).default(""),
  next: z.string().max(2000).optional(),
});

export function createLoginRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/login", (req, res) => {
    if (maybeStaff(res)) return res.redirect(safeNext(req.query.next) ?? "/console");
    const t = translator(deps, res);
    renderPage(deps, req, res, {
      title: t("console:login.title"),
      pageClass: "login-page",
      body: loginView(t, { csrf: issueLoginCsrf(deps, req, res), next: safeNext(req.query.next), username: "", error: null }),
      flash: req.query.out === "1" ? { kind: "ok", text: t("console:login.loggedOut") } : null,
    });
  });

  const smallForm = express.urlencoded({ extended: false, limit: "10kb" });

  router.post("/login", smallForm, async (req, res) => {
    checkLoginCsrf(req);
    const t = translator(deps, res);
    const body = loginBody.safeParse(req.body ?? {});
    const input = body.success ? body.data : { username: "", password: "", next: undefined };
    const now = deps.clock.now();
    const result = await attemptLogin(
      deps.prisma,
      { username: input.username, password: input.password, now, ip: clientIp(req) },
      { maxFailures: deps.config.LOGIN_MAX_FAILURES, lockMinutes: deps.config.LOGIN_LOCK_MINUTES },
    );
    if (result.ok) {
      // A fresh session on every sign-in, so a token planted before sign-in is worthless.
      const session = await startSession(deps.prisma, result.staffId, now, sessionPolicy(deps));
      res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps));
      clearLoginCsrf(deps, res);
      return res.redirect(303, safeNext(input.next) ?? "/console");
    }
    const error =
      result.reason === "locked"
        ? t("console:login.locked", {
            max: deps.config.LOGIN_MAX_FAILURES,
            minutes: Math.max(1, Math.ceil((result.lockedUntil.getTime() - now.getTime()) / 60_000)),
          })
        : t("console:login.invalid");
    renderPage(deps, req, res, {
      title: t("console:login.title"),
      pageClass: "login-page",
      body: loginView(t, { csrf: issueLoginCsrf(deps, req, res), next: safeNext(input.next), username: input.username, error }),
      status: result.reason === "locked" ? 429 : 401,
    });
  });

  router.post("/logout", smallForm, requireStaff, requireCsrf, async (req, res) => {
    const staff = getStaff(res);
    await endSession(deps.prisma, staff.sessionId);
    await recordAudit(deps.prisma, { staffId: staff.id, actor: staff.username, action: "logout", ip: clientIp(req) });
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
    res.redirect(303, "/console/login?out=1");
  });

  return router;
}

/** Only local console paths: "//evil.example" or "/\evil" would leave the site. */
export function safeNext(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  if (!/^\/console(?:[/?#]|$)/.test(raw)) return null;
  if (/[\\\s]/.test(raw) || raw.includes("//")) return null;
  if (raw.startsWith("/console/login") || raw.startsWith("/console/logout")) return null;
  return raw;
}
