// The console's language: Vietnamese by default; `?lang=en|vi` switches it and the choice is kept
// on the staff account (and in a cookie before sign-in).
import type { Request, RequestHandler, Response } from "express";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../core/i18n.ts";
import { setStaffLocale } from "../../features/staff/accounts.ts";
import { maybeStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { parseCookies } from "./cookies.ts";

const LANG_COOKIE = "asb_lang";

export function chooseLocale(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const staff = maybeStaff(res);
    const asked = req.method === "GET" ? req.query.lang : undefined;
    let locale: Locale;
    if (isLocale(asked)) {
      locale = asked;
      res.cookie(LANG_COOKIE, locale, { httpOnly: true, sameSite: "lax", secure: deps.config.cookieSecure, path: "/" });
      if (staff && staff.locale !== locale) {
        await setStaffLocale(deps.prisma, staff.id, locale);
        staff.locale = locale;
      }
    } else if (staff) {
      locale = staff.locale;
    } else {
      const saved = parseCookies(req.headers.cookie).get(LANG_COOKIE);
      locale = isLocale(saved) ? saved : DEFAULT_LOCALE;
    }
    res.locals.locale = locale;
    next();
  };
}

export function localeOf(res: Response): Locale {
  const locale: unknown = res.locals.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** A translator in the request's language. */
export function translator(deps: AppDeps, res: Response) {
  return deps.i18n.t(localeOf(res));
}

/** The current URL with `lang` replaced, so the language switch keeps the page and its filters. */
export function urlWithLang(req: Request, lang: Locale): string {
  const url = new URL(req.originalUrl, "http://x");
  url.searchParams.set("lang", lang);
  return url.pathname + url.search;
}
