// The sign-in form.
import type { TFunction } from "i18next";
import { html, type SafeHtml } from "../../../lib/html.ts";

export function loginView(
  t: TFunction,
  o: { csrf: string; next: string | null; username: string; error: string | null },
): SafeHtml {
  return html`<section class="panel login-box">
    <p class="muted">${t("console:login.intro")}</p>
    ${o.error ? html`<div class="flash error" role="alert">${o.error}</div>` : ""}
    <form method="post" action="/console/login" class="stack">
      <input type="hidden" name="_csrf" value="${o.csrf}" />
      ${o.next ? html`<input type="hidden" name="next" value="${o.next}" />` : ""}
      <label for="username">${t("console:login.username")}</label>
      <input
        type="text"
        id="username"
        name="username"
        value="${o.username}"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        required
        autofocus
      />
      <label for="password">${t("console:login.password")}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <p><button type="submit" class="primary">${t("console:login.submit")}</button></p>
    </form>
  </section>`;
}
