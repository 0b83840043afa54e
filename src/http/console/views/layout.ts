// The staff console's page frame: header with navigation by role, language switch, sign-out.
import type { TFunction } from "i18next";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { menuFor } from "../sections.ts";

export interface PageOptions {
  t: TFunction;
  locale: string;
  title: string;
  body: SafeHtml;
  staff?: StaffContext;
  /** Which navigation item to highlight. */
  active?: string;
  flash?: { kind: "ok" | "error"; text: string } | null;
  /** Link for the language switch that keeps the current page and filters; "?lang=…" otherwise. */
  langHref?: string;
  /** Extra class on <main>, for pages with their own shape (the sign-in page). */
  pageClass?: string;
}

export function consolePage(o: PageOptions): SafeHtml {
  const { t, staff } = o;
  const nav = staff
    ? menuFor(staff.role).map(
        (n) =>
          html`<a href="/console${n.path}" class="${o.active === n.key ? "active" : ""}"
            >${t(`console:nav.${n.key}`)}</a
          >`,
      )
    : [];
  const otherLocale = o.locale === "en" ? "vi" : "en";
  return html`<!doctype html>
    <html lang="${o.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · An Sinh Bot</title>
        <link rel="stylesheet" href="/console/static/console.css" />
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href="/console">An Sinh Bot</a>
          <nav class="mainnav">${nav}</nav>
          <div class="account">
            <a class="lang" href="${o.langHref ?? `?lang=${otherLocale}`}" hreflang="${otherLocale}"
              >${t(`console:lang.${otherLocale}`)}</a
            >
            ${
              staff
                ? html`<span class="who">${staff.fullName} · ${t(`console:roles.${staff.role}`)}</span>
                    <form method="post" action="/console/logout" class="inline">
                      <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
                      <button type="submit" class="link">${t("console:nav.logout")}</button>
                    </form>`
                : ""
            }
          </div>
        </header>
        <main class="content ${o.pageClass ?? ""}">
          ${o.flash ? html`<div class="flash ${o.flash.kind}" role="status">${o.flash.text}</div>` : ""}
          <h1>${o.title}</h1>
          ${o.body}
        </main>
      </body>
    </html>`;
}
