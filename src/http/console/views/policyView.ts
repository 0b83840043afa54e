// The policy page: changes waiting for a second person first, then each table as it is in force
// (base levels, categories with their dated amounts, rate tables, provincial resolutions), each
// row with its dates, legal basis, source and who entered and confirmed it. Editors get the entry
// links and uploads; commune officers read only.
import type { TFunction } from "i18next";
import type { StoredChange } from "../../../features/policy/policyChanges.ts";
import type { Policy } from "../../../features/policy/policySchema.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { changeSummary } from "./policyChangeView.ts";
import { dataTable } from "./common.ts";

export interface PolicyPageData {
  policy: Policy;
  resolutionIds: string[];
  pending: StoredChange[];
  canEdit: boolean;
  /** Who entered / confirmed each row, by its key. */
  provenance: Map<string, { enteredBy: string; confirmedBy: string | null }>;
}

export function policyPage(t: TFunction, locale: string, staff: StaffContext, d: PolicyPageData): SafeHtml {
  const money = (n: number | null) => (n === null ? "" : formatVnd(n, locale));
  const dmy = (s: string | null) => (s ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}` : "");
  const edit = (table: string, target: string) =>
    d.canEdit
      ? html`<a href="/console/policy/form/${table}?target=${encodeURIComponent(target)}">${t("policy:editLink")}</a>`
      : html``;
  const who = (key: string) => {
    const p = d.provenance.get(key);
    return p
      ? html`<span class="small muted"
          >${p.enteredBy}${p.confirmedBy ? html` · ${t("policy:confirmedBy", { name: p.confirmedBy })}` : ""}</span
        >`
      : html``;
  };
  const p = d.policy;
  return html`<p>${t("policy:intro")}</p>
    <p class="actions">
      <a class="btn secondary" href="/console/policy/history">${t("policy:history.title")}</a>
      <a class="btn secondary" href="/console/policy/export">${t("policy:export")}</a>
      ${
        d.canEdit
          ? html`<a class="btn" href="/console/policy/form/RESOLUTION">${t("policy:new.RESOLUTION")}</a>
              <a class="btn" href="/console/policy/form/BASE_LEVEL">${t("policy:new.BASE_LEVEL")}</a>
              <a class="btn" href="/console/policy/form/CATEGORY_AMOUNT">${t("policy:new.CATEGORY_AMOUNT")}</a>`
          : html`<span class="muted">${t("policy:readOnly")}</span>`
      }
    </p>
    <section class="panel" id="pending">
      <h2>${t("policy:pending.title", { count: d.pending.length })}</h2>
      ${
        d.pending.length
          ? html`<ul class="pending-list">
              ${d.pending.map(
                (c) =>
                  html`<li>
                    <a href="/console/policy/changes/${c.id}">${changeSummary(t, locale, c)}</a> ·
                    <span class="muted small"
                      >${t("policy:pending.by", { name: c.enteredBy })}${c.enteredById === staff.id ? html` · ${t("policy:pending.yours")}` : ""}</span
                    >
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t("policy:pending.none")}</p>`
      }
    </section>
    <h2 id="resolutions">${t("policy:table.RESOLUTION")}</h2>
    ${dataTable(
      [
        "province",
        "programme",
        "category",
        "kind",
        "amount",
        "resolutionNo",
        "from",
        "to",
        "legalBasis",
        "who",
        "",
      ].map((k) => ({ label: k ? t(`policy:col.${k}`) : "", num: k === "amount" })),
      p.resolutions.map((r, i) => {
        const id = d.resolutionIds[i] ?? "";
        return [
          html`${r.provinceCode}`,
          html`${t(`policy:programme.${r.programme}`)}`,
          html`${r.categoryCode ?? t("policy:wholeProgramme")}`,
          html`${t(`policy:resolutionKind.${r.kind}`)}`,
          html`${money(r.amount)}`,
          html`${r.resolutionNo}`,
          html`${dmy(r.effectiveFrom)}`,
          html`${dmy(r.effectiveTo)}`,
          html`${r.legalBasis}`,
          who(`RESOLUTION:${id}`),
          edit("RESOLUTION", id),
        ];
      }),
      t("policy:noneYet"),
    )}
    <h2 id="levels">${t("policy:table.BASE_LEVEL")}</h2>
    ${dataTable(
      ["programme", "amount", "from", "appliedFrom", "status", "legalBasis", "source", "who", ""].map((k) => ({
        label: k ? t(`policy:col.${k}`) : "",
        num: k === "amount",
      })),
      p.baseLevels.map((l) => {
        const key = `${l.programme}:${l.effectiveFrom}`;
        return [
          html`${t(`policy:programme.${l.programme}`)}`,
          html`${money(l.amount)}`,
          html`${dmy(l.effectiveFrom)}`,
          html`${dmy(l.appliedFrom)}`,
          html`${t(l.confirmed ? "policy:status.issued" : "policy:status.reported")}`,
          html`${l.legalBasis}`,
          html`<span class="small">${l.source ?? ""}</span>`,
          who(`BASE_LEVEL:${key}`),
          edit("BASE_LEVEL", key),
        ];
      }),
      t("policy:noneYet"),
    )}
    <h2 id="categories">${t("policy:table.CATEGORY")}</h2>
    ${dataTable(
      ["name", "rule", "amounts", "from", "to", ""].map((k) => ({ label: k ? t(`policy:col.${k}`) : "" })),
      p.categories.map((c) => [
        html`${locale === "en" ? c.nameEn : c.name}<br /><span class="mono small muted">${c.code}</span
          >${c.repeal ? html`<br /><span class="badge muted">${t("policy:repealed", { basis: c.repeal.legalBasis })}</span>` : ""}`,
        html`${t(`policy:rule.${c.rule}`)}${c.rateTable ? html`<br /><span class="mono small">${c.rateTable}</span>` : ""}`,
        html`${c.amounts.length ? c.amounts.map((a) => html`<div class="small">${amountText(t, locale, a)} ${edit("CATEGORY_AMOUNT", `${c.code}:${a.baseLevel !== null ? `L${a.baseLevel}` : a.effectiveFrom}`)}</div>`) : c.rule === "RATE_TABLE" ? "" : html`<span class="muted small">${t("policy:communeConfirms")}</span>`}`,
        html`<span class="nowrap">${dmy(c.effectiveFrom)}</span>`,
        html`<span class="nowrap">${dmy(c.effectiveTo)}</span>`,
        edit("CATEGORY", c.code),
      ]),
      t("policy:noneYet"),
    )}
    <h2 id="rate-tables">${t("policy:table.RATE_TABLE")}</h2>
    ${dataTable(
      ["code", "baseLevel", "from", "rows", "legalBasis", "who"].map((k) => ({ label: t(`policy:col.${k}`) })),
      p.rateTables.map((r) => [
        html`<span class="mono small">${r.code}</span>`,
        html`${money(r.baseLevel)}`,
        html`${dmy(r.effectiveFrom)}`,
        html`${t("policy:rowsRange", { count: r.rows.length, from: r.rows[0]?.rate ?? 0, to: r.rows.at(-1)?.rate ?? 0 })}`,
        html`${r.legalBasis}`,
        who(`RATE_TABLE:${r.code}:${r.baseLevel}`),
      ]),
      t("policy:noneYet"),
    )}
    ${d.canEdit ? uploads(t, staff) : ""}`;
}

function amountText(t: TFunction, locale: string, a: Policy["categories"][number]["amounts"][number]): string {
  const from = `${a.effectiveFrom.slice(5, 7)}/${a.effectiveFrom.slice(0, 4)}`;
  if (a.coefficient !== null)
    return t("policy:amount.coefficient", {
      coefficient: String(a.coefficient).replace(".", locale === "en" ? "." : ","),
      from,
      basis: a.legalBasis,
    });
  if (a.baseLevel !== null)
    return t("policy:amount.atLevel", {
      amount: formatVnd(a.amount ?? 0, locale),
      level: formatVnd(a.baseLevel, locale),
      basis: a.legalBasis,
    });
  return t("policy:amount.fixed", { amount: formatVnd(a.amount ?? 0, locale), from, basis: a.legalBasis });
}

/** Loading a whole rate table from the decree's appendix, and the workbook of every table. */
function uploads(t: TFunction, staff: StaffContext): SafeHtml {
  return html`<div class="grid-2">
    <form
      class="panel"
      method="post"
      action="/console/policy/rate-tables"
      enctype="multipart/form-data"
      id="rate-table-form"
    >
      <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
      <h2>${t("policy:rateUpload.title")}</h2>
      <p class="muted">${t("policy:rateUpload.hint")}</p>
      <label for="rt-code">${t("policy:field.code")}</label
      ><input type="text" id="rt-code" name="code" value="NCC_WAR_INVALID" required />
      <label for="rt-description">${t("policy:field.description")}</label
      ><input
        type="text"
        id="rt-description"
        name="description"
        value="Trợ cấp thương binh theo tỷ lệ tổn thương cơ thể (%)"
      />
      <label for="rt-baseLevel">${t("policy:field.baseLevel")}</label
      ><input type="text" id="rt-baseLevel" name="baseLevel" inputmode="numeric" required />
      <label for="rt-effectiveFrom">${t("policy:field.effectiveFrom")}</label
      ><input type="month" id="rt-effectiveFrom" name="effectiveFrom" required />
      <label for="rt-legalBasis">${t("policy:field.legalBasis")}</label
      ><input type="text" id="rt-legalBasis" name="legalBasis" required />
      <label for="rt-source">${t("policy:field.source")}</label><input type="text" id="rt-source" name="source" />
      <label for="rt-file">${t("policy:rateUpload.file")}</label
      ><input type="file" id="rt-file" name="file" accept=".xlsx,.csv,.txt" required />
      <p><button type="submit" class="primary">${t("policy:rateUpload.submit")}</button></p>
    </form>
    <form class="panel" method="post" action="/console/policy/import" enctype="multipart/form-data" id="workbook-form">
      <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
      <h2>${t("policy:import.title")}</h2>
      <p class="muted">${t("policy:import.hint")}</p>
      <label for="wb-file">${t("policy:import.file")}</label
      ><input type="file" id="wb-file" name="file" accept=".xlsx" required />
      <p><button type="submit" class="primary">${t("policy:import.submit")}</button></p>
    </form>
  </div>`;
}
