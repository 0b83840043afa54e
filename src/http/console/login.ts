// Sign-in and sign-out. Sign-in is the one state-changing request without a session, so it has
// its own small body parser and its own CSRF check.
import express from "express";
import type { TFunction } from "i18next";
import { z } from "zod";
import { recordAudit } from "../../features/audit/service.ts";
import { readBrowserTags } from "../../features/staff/knownBrowsers.ts";
import { attemptLogin } from "../../features/staff/login.ts";
import { endSession, startSession } from "../../features/staff/session.ts";
import { getStaff, maybeStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { refuseHostileBody } from "../hostileInput.ts";
import {
  BROWSER_COOKIE,
  SESSION_COOKIE,
  browserCookieOptions,
  clientIp,
  requireStaff,
  sessionCookieOptions,
  sessionPolicy,
} from "./auth.ts";
import { parseCookies } from "./cookies.ts";
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
      body: loginView(t, {
        csrf: issueLoginCsrf(deps, req, res),
        next: safeNext(req.query.next),
        username: "",
        error: null,
      }),
      flash: req.query.out === "1" ? { kind: "ok", text: t("console:login.loggedOut") } : null,
    });
  });

  const smallForm = express.urlencoded({ extended: false, limit: "10kb" });

  router.post("/login", smallForm, refuseHostileBody, async (req, res) => {
    checkLoginCsrf(req);
    const t = translator(deps, res);
    const body = loginBody.safeParse(req.body ?? {});
    const input = body.success ? body.data : { username: "", password: "", next: undefined };
    const now = deps.clock.now();
    const result = await attemptLogin(
      deps.prisma,
      {
        username: input.username,
        password: input.password,
        now,
        ip: clientIp(req),
        browserTags: readBrowserTags(parseCookies(req.headers.cookie).get(BROWSER_COOKIE)),
      },
      {
        maxFailures: deps.config.LOGIN_MAX_FAILURES,
        addressMaxFailures: deps.config.LOGIN_ADDRESS_MAX_FAILURES,
        maxDelayMs: deps.config.LOGIN_MAX_DELAY_MINUTES * 60_000,
      },
    );
    if (result.ok) {
      // A fresh session on every sign-in, so a token planted before sign-in is worthless.
      const session = await startSession(deps.prisma, result.staffId, now, sessionPolicy(deps));
      res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps));
      res.cookie(BROWSER_COOKIE, result.browserCookie, browserCookieOptions(deps));
      clearLoginCsrf(deps, res);
      return res.redirect(303, safeNext(input.next) ?? "/console");
    }
    if (result.reason === "wait") res.setHeader("Retry-After", String(Math.ceil(result.waitMs / 1000)));
    const error =
      result.reason === "wait"
        ? t("console:login.wait", { wait: waitText(t, result.waitMs) })
        : t("console:login.invalid");
    renderPage(deps, req, res, {
      title: t("console:login.title"),
      pageClass: "login-page",
      body: loginView(t, {
        csrf: issueLoginCsrf(deps, req, res),
        next: safeNext(input.next),
        username: input.username,
        error,
      }),
      status: result.reason === "wait" ? 429 : 401,
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

/** "12 giây" / "3 phút": how long to wait, rounded up. */
function waitText(t: TFunction, ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60
    ? t("console:login.seconds", { count: seconds })
    : t("console:login.minutes", { count: Math.ceil(seconds / 60) });
}

/** Only local console paths: "//evil.example" or "/\evil" would leave the site. */
export function safeNext(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  if (!/^\/console(?:[/?#]|$)/.test(raw)) return null;
  if (/[\\\s]/.test(raw) || raw.includes("//")) return null;
  if (raw.startsWith("/console/login") || raw.startsWith("/console/logout")) return null;
  return raw;
}
