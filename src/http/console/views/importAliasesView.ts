// The wordings page: the wordings officers added (with who added them), and a form to add one.
import type { TFunction } from "i18next";
import type { AliasRow } from "../../../features/imports/aliases.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { formatDateTime } from "./common.ts";

export interface AliasesPage {
  aliases: AliasRow[];
  categories: { code: string; name: string }[];
  communes: { code: string; name: string }[];
}

export function importAliasesView(t: TFunction, staff: StaffContext, p: AliasesPage): SafeHtml {
  return html`<link rel="stylesheet" href="/console/static/imports.css" />
    <p>${t("imports:aliases.intro")}</p>
    <p class="muted">${t("imports:aliases.builtIn")}</p>
    <div class="grid-2">${addForm(t, staff, "CATEGORY", p.categories)} ${addForm(t, staff, "COMMUNE", p.communes)}</div>
    <h2>${t("imports:aliases.listTitle")}</h2>
    ${
      p.aliases.length === 0
        ? html`<p class="muted">${t("imports:aliases.none")}</p>`
        : html`<div class="table-wrap">
            <table class="alias-list">
              <thead>
                <tr>
                  <th>${t("imports:aliases.wording")}</th>
                  <th>${t("imports:aliases.means")}</th>
                  <th>${t("imports:aliases.by")}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${p.aliases.map(
                  (a) =>
                    html`<tr>
                      <td class="wording">${a.wording}</td>
                      <td>
                        ${t(`imports:aliases.kinds.${a.kind}`)}: ${a.targetName}
                        <span class="muted small">(${a.target})</span>
                      </td>
                      <td class="small">${a.createdBy}<br />${formatDateTime(a.createdAt)}</td>
                      <td>
                        ${a.mayRemove ? html`<form method="post" action="/console/imports/aliases/${a.id}/delete" class="inline"><input type="hidden" name="_csrf" value="${staff.csrfToken}" /><button type="submit" class="link">${t("imports:aliases.remove")}</button></form>` : ""}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <p><a href="/console/imports">${t("imports:aliases.back")}</a></p>`;
}

function addForm(
  t: TFunction,
  staff: StaffContext,
  kind: "CATEGORY" | "COMMUNE",
  targets: { code: string; name: string }[],
): SafeHtml {
  const id = kind.toLowerCase();
  return html`<form class="panel" method="post" action="/console/imports/aliases" aria-labelledby="${id}-title">
    <h2 id="${id}-title">${t(`imports:aliases.add.${kind}`)}</h2>
    <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
    <input type="hidden" name="kind" value="${kind}" />
    <label for="${id}-wording">${t("imports:aliases.wording")}</label>
    <input
      id="${id}-wording"
      type="text"
      name="wording"
      maxlength="120"
      required
      placeholder="${t(`imports:aliases.placeholder.${kind}`)}"
    />
    <label for="${id}-target">${t(`imports:aliases.target.${kind}`)}</label>
    <select id="${id}-target" name="target">
      ${targets.map((c) => html`<option value="${c.code}">${c.name} (${c.code})</option>`)}
    </select>
    <p><button type="submit" class="primary">${t("imports:aliases.save")}</button></p>
  </form>`;
}
