// Pieces of the import pages: the upload form, the report of a check or an import, recent runs.
import type { TFunction } from "i18next";
import type { ImportRunSummary } from "../../features/imports/listImportRuns.ts";
import type { ImportKind, ImportReport } from "../../features/imports/types.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { StaffContext } from "../context.ts";
import { formatDateTime } from "./views/common.ts";

const SHOWN_ERRORS = 500;
const SHOWN_CHANGES = 200;

export const importsView = {
  uploadForm(t: TFunction, staff: StaffContext, kinds: readonly ImportKind[], maxMb: number, selected?: ImportKind): SafeHtml {
    return html`<form class="panel" method="post" enctype="multipart/form-data"
      action="/console/imports/check?_csrf=${encodeURIComponent(staff.csrfToken)}">
  <input type="hidden" name="_csrf" value="${staff.csrfToken}">
  <label for="kind">${t("imports:page.kind")}</label>
  <select id="kind" name="kind">${kinds.map(
    (k) => html`<option value="${k}" ${k === selected ? html`selected` : ""}>${t(`imports:kinds.${k}`)}</option>`,
  )}</select>
  <label for="file">${t("imports:page.file")}</label>
  <input id="file" type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
  <p class="muted">${t("imports:page.fileHint", { max: maxMb })}</p>
  <button type="submit" class="primary">${t("imports:page.check")}</button>
</form>`;
  },

  report(t: TFunction, report: ImportReport, applyForm: SafeHtml | null): SafeHtml {
    const errors = report.errors.slice(0, SHOWN_ERRORS);
    const changes = report.changes.slice(0, SHOWN_CHANGES);
    const clean = report.errors.length === 0;
    return html`<section class="panel" aria-labelledby="report-title">
  <h2 id="report-title">${report.dryRun ? t("imports:report.dryRun") : t(`imports:kinds.${report.kind}`)} · ${report.fileName}</h2>
  <p>${t("imports:report.summary", { ...report })}</p>
  ${clean && report.created + report.updated === 0 ? html`<p>${t("imports:report.nothingToDo")}</p>` : ""}
  ${applyForm ?? ""}
</section>
${
  errors.length > 0
    ? html`<h2>${t("imports:report.errorsTitle")}</h2>
<div class="table-wrap"><table class="import-errors">
  <thead><tr><th class="num">${t("imports:report.row")}</th><th>${t("imports:report.column")}</th><th>${t("imports:report.reason")}</th></tr></thead>
  <tbody>${errors.map((e) => html`<tr><td class="num">${e.row || ""}</td><td>${e.column}</td><td>${e.message}</td></tr>`)}</tbody>
</table></div>
${report.errors.length > errors.length ? html`<p class="muted">${t("imports:report.more", { count: report.errors.length - errors.length })}</p>` : ""}`
    : ""
}
${
  changes.length > 0
    ? html`<h2>${t("imports:report.changesTitle")}</h2>
<div class="table-wrap"><table class="import-changes">
  <thead><tr><th class="num">${t("imports:report.row")}</th><th>${t("imports:report.who")}</th><th>${t("imports:report.action")}</th><th>${t("imports:report.fields")}</th></tr></thead>
  <tbody>${changes.map(
    (c) => html`<tr><td class="num">${c.row}</td><td>${c.personalIdMasked}</td><td>${t(`imports:report.${c.action}`)}</td><td>${c.fields.map((f) => t(`imports:fields.${f}`)).join(", ")}</td></tr>`,
  )}</tbody>
</table></div>
${report.changes.length > changes.length ? html`<p class="muted">${t("imports:report.more", { count: report.changes.length - changes.length })}</p>` : ""}`
    : ""
}
<p><a class="btn secondary" href="/console/imports">${t("imports:page.another")}</a></p>`;
  },

  applyForm(t: TFunction, staff: StaffContext, report: ImportReport, data: Buffer): SafeHtml {
    // The checked file travels back with the form; the import checks it again from scratch.
    return html`<form method="post" action="/console/imports/apply">
  <input type="hidden" name="_csrf" value="${staff.csrfToken}">
  <input type="hidden" name="kind" value="${report.kind}">
  <input type="hidden" name="fileName" value="${report.fileName}">
  <input type="hidden" name="data" value="${data.toString("base64")}">
  <p>${t("imports:page.applyHint")}</p>
  <button type="submit" class="primary">${t("imports:page.apply")}</button>
</form>`;
  },

  runs(t: TFunction, runs: ImportRunSummary[]): SafeHtml {
    if (runs.length === 0) return html`<h2>${t("imports:page.recent")}</h2><p class="muted">${t("imports:page.noRuns")}</p>`;
    return html`<h2>${t("imports:page.recent")}</h2>
<div class="table-wrap"><table class="import-runs">
  <thead><tr><th>${t("imports:runs.when")}</th><th>${t("imports:runs.kind")}</th><th>${t("imports:runs.file")}</th><th class="num">${t("imports:runs.rows")}</th><th>${t("imports:runs.result")}</th></tr></thead>
  <tbody>${runs.map(
    (r) => html`<tr><td>${formatDateTime(r.at)}</td><td>${t(`imports:kinds.${r.kind}`)}</td><td>${r.fileName}</td><td class="num">${r.rows}</td><td>${
      r.errors > 0
        ? html`<span class="badge danger">${t("imports:runs.refused", { count: r.errors })}</span>`
        : r.dryRun
          ? html`<span class="badge">${t("imports:runs.dryRun")}</span>`
          : html`<span class="badge">${t("imports:runs.applied")}</span> +${r.created} ~${r.updated}`
    }</td></tr>`,
  )}</tbody>
</table></div>`;
  },
};
