// The express application: health probes, the staff console and the API, one error middleware.
import express, { type NextFunction, type Request, type Response } from "express";
import { AppError } from "../core/errors.ts";
import { createApiRouter } from "./api/router.ts";
import { createConsoleRouter } from "./console/router.ts";
import { createFormsRouter } from "./forms/authorisationForm.ts";
import type { AppDeps } from "./deps.ts";
import { refuseHostileAddress } from "./hostileInput.ts";

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.config.TRUST_PROXY);
  app.use(securityHeaders(deps.config.PUBLIC_URL?.startsWith("https://") ?? false));
  app.use(refuseHostileAddress);

  app.get("/healthz", (_req, res) => {
    res.status(deps.isReady() ? 200 : 503).json({ status: deps.isReady() ? "ok" : "starting" });
  });
  app.get("/readyz", async (_req, res) => {
    const database = deps.isReady() && (await deps.db.ping());
    res.status(database ? 200 : 503).json({ status: database ? "ready" : "not ready", database });
  });
  app.get("/", (_req, res) => res.redirect("/console"));

  for (const channel of deps.channels ?? []) {
    if (channel.http) app.use(channel.http.path, channel.http.router);
  }
  app.use("/console", createConsoleRouter(deps));
  app.use("/forms", createFormsRouter(deps));
  app.use("/api", createApiRouter(deps));

  app.use((_req, _res, next) => next(new AppError("not_found", "Not found")));
  app.use(errorMiddleware(deps));
  return app;
}

function securityHeaders(https: boolean) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    // Published over HTTPS: browsers keep to it for a year, so nobody on the network can strip it.
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    setSecurityHeaders(res);
    next();
  };
}

function setSecurityHeaders(res: Response): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
  );
}

function errorMiddleware(deps: AppDeps) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      deps.log.error({ err, method: req.method, path: req.path }, "request failed");
    } else if (!(err instanceof AppError)) {
      // A body or address the client got wrong: worth a warning, not a stack trace.
      deps.log.warn(
        { code: appError.code, type: errorType(err), method: req.method, path: req.path },
        appError.message,
      );
    } else {
      deps.log.info({ code: appError.code, method: req.method, path: req.path }, appError.message);
    }
    if (res.headersSent) return;
    const wantsHtml = req.accepts(["json", "html"]) === "html" && !req.path.startsWith("/api/");
    if (appError.code === "unauthenticated" && wantsHtml && req.method === "GET") {
      res.redirect(`/console/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(appError.status);
    if (wantsHtml) {
      const t = deps.i18n.t(typeof res.locals.locale === "string" ? res.locals.locale : "vi");
      res
        .type("html")
        .send(
          `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/console/static/console.css"><main class="error-page"><h1>${appError.status}</h1><p>${escape(t(`console:errors.${appError.code}`))}</p><p><a href="/console">${escape(t("console:errors.back"))}</a></p></main>`,
        );
    } else {
      res.json({ error: appError.code, message: appError.message, details: appError.details });
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (typeof err === "object" && err !== null && "type" in err) {
    // body-parser errors: bad JSON, too large, bad encoding
    if (err.type === "entity.too.large") return new AppError("payload_too_large", "Request body too large");
    if (typeof err.type === "string" && err.type.startsWith("entity."))
      return new AppError("bad_request", "Malformed request body");
    if (err.type === "encoding.unsupported" || err.type === "charset.unsupported")
      return new AppError("bad_request", "Unsupported encoding");
  }
  // The router's own decoding of a route parameter ("%E0%A4%A").
  if (err instanceof URIError) return new AppError("bad_request", "Malformed address");
  return new AppError("internal", "Internal error");
}

function errorType(err: unknown): string {
  if (typeof err === "object" && err !== null && "type" in err && typeof err.type === "string") return err.type;
  return err instanceof Error ? err.name : typeof err;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
