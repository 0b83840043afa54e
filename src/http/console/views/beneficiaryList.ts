// The beneficiary search page: filters, result table, pager.
import type { TFunction } from "i18next";
import type { BeneficiaryPage } from "../../../features/beneficiaries/search.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { formatDate } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { BeneficiaryQueryInput } from "../beneficiaryQuery.ts";
import { badge, pager, selectOptions } from "./common.ts";

const PROGRAMMES = ["BTXH", "NCC"];
const STATUSES = ["ACTIVE", "SUSPENDED", "ENDED", "DECEASED"];

export function beneficiaryListView(
  t: TFunction,
  o: { query: BeneficiaryQueryInput; communes: AreaCommune[]; result: BeneficiaryPage },
): SafeHtml {
  const { query, result } = o;
  const all = { value: "", label: t("console:search.all") };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "page") params.set(k, String(v));
  const showProvince = new Set(o.communes.map((c) => c.provinceName)).size > 1;
  return html`<form method="get" action="/console/beneficiaries" class="panel filters" role="search">
      <div class="field grow">
        <label for="q">${t("console:search.q")}</label>
        <input
          type="search"
          id="q"
          name="q"
          value="${query.q ?? ""}"
          placeholder="${t("console:search.qPlaceholder")}"
        />
      </div>
      <div class="field">
        <label for="communeId">${t("console:search.commune")}</label>
        <select id="communeId" name="communeId">
          ${selectOptions(
            [
              all,
              ...o.communes.map((c) => ({
                value: c.id,
                label: showProvince ? `${c.name} (${c.provinceName})` : c.name,
              })),
            ],
            query.communeId,
          )}
        </select>
      </div>
      <div class="field">
        <label for="programme">${t("console:search.programme")}</label>
        <select id="programme" name="programme">
          ${selectOptions(
            [all, ...PROGRAMMES.map((p) => ({ value: p, label: t(`console:programme.${p}`) }))],
            query.programme,
          )}
        </select>
      </div>
      <div class="field">
        <label for="status">${t("console:search.status")}</label>
        <select id="status" name="status">
          ${selectOptions([all, ...STATUSES.map((s) => ({ value: s, label: t(`console:status.${s}`) }))], query.status)}
        </select>
      </div>
      <div class="field actions">
        <button type="submit" class="primary">${t("console:search.submit")}</button>
        <a href="/console/beneficiaries" class="btn secondary">${t("console:search.reset")}</a>
      </div>
    </form>
    <p class="muted" id="result-count">${t("console:search.results", { count: result.total })}</p>
    ${
      result.rows.length === 0
        ? html`<div class="panel empty">${t("console:search.none")}</div>`
        : html`<div class="table-wrap">
            <table class="results">
              <thead>
                <tr>
                  <th>${t("console:search.col.name")}</th>
                  <th>${t("console:search.col.id")}</th>
                  <th>${t("console:search.col.dob")}</th>
                  <th>${t("console:search.col.commune")}</th>
                  <th class="col-opt">${t("console:search.col.programme")}</th>
                  <th>${t("console:search.col.status")}</th>
                  <th>${t("console:search.col.method")}</th>
                </tr>
              </thead>
              <tbody>
                ${result.rows.map(
                  (r) =>
                    html`<tr>
                      <td class="name"><a href="/console/beneficiaries/${r.id}">${r.fullName}</a></td>
                      <td class="mono nowrap">${r.personalIdMasked}</td>
                      <td class="nowrap">${formatDate(r.dateOfBirth)}</td>
                      <td>${r.communeName}</td>
                      <td class="col-opt">${t(`console:programme.${r.programme}`)}</td>
                      <td>${badge(t, "status", r.status)}</td>
                      <td>
                        ${r.latestPayoutMethod ? t(`console:method.${r.latestPayoutMethod}`) : html`<span class="muted">—</span>`}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${pager(t, "/console/beneficiaries", params, result.page, result.pages)}`;
}
