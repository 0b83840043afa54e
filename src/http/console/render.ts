// Sends a console page in the request's language, with the signed-in staff member's frame.
import type { Request, Response } from "express";
import type { SafeHtml } from "../../lib/html.ts";
import { maybeStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { consolePage } from "./views/layout.ts";
import { localeOf, urlWithLang } from "./locale.ts";

export interface RenderOptions {
  title: string;
  body: SafeHtml;
  active?: string;
  flash?: { kind: "ok" | "error"; text: string } | null;
  status?: number;
  pageClass?: string;
}

export function renderPage(deps: AppDeps, req: Request, res: Response, o: RenderOptions): void {
  const locale = localeOf(res);
  const page = consolePage({
    t: deps.i18n.t(locale),
    locale,
    title: o.title,
    body: o.body,
    staff: maybeStaff(res),
    active: o.active,
    flash: o.flash ?? null,
    pageClass: o.pageClass,
    langHref: req.method === "GET" ? urlWithLang(req, locale === "en" ? "vi" : "en") : undefined,
  });
  // Pages show personal data: never keep them in shared caches or the back-forward cache of a
  // shared computer after sign-out.
  res.setHeader("Cache-Control", "no-store");
  res
    .status(o.status ?? 200)
    .type("html")
    .send(page.value);
}
