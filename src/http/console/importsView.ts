// Pieces of the import pages: how it works, the upload form, the report of a check or an import
// with the next step to take, and recent runs. Officers are not database people: every result
// says in words what will happen (or happened) and what to do next.
import type { TFunction } from "i18next";
import type { ImportRunSummary } from "../../features/imports/listImportRuns.ts";
import type { ImportKind, ImportReport } from "../../features/imports/types.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { StaffContext } from "../context.ts";
import { formatDateTime } from "./views/common.ts";

const SHOWN_ERRORS = 500;
const SHOWN_CHANGES = 200;

export interface UploadFormOptions {
  kinds: readonly ImportKind[];
  maxMb: number;
  selected?: ImportKind;
  /** After a refused file the same form asks for the corrected one. */
  again?: boolean;
}

export const importsView = {
  intro(t: TFunction): SafeHtml {
    return html`<p>${t("imports:page.intro")}</p>
<ol class="steps">
  <li>${t("imports:page.stepChoose")}</li>
  <li>${t("imports:page.stepCheck")}</li>
  <li>${t("imports:page.stepApply")}</li>
</ol>
<p class="muted">${t("imports:page.template")} <a href="/console/exports">${t("imports:page.templateLink")}</a></p>`;
  },

  uploadForm(t: TFunction, staff: StaffContext, o: UploadFormOptions): SafeHtml {
    // The CSRF token is the form's first field: the check reads it before the file (csrf.ts).
    return html`<form class="panel" method="post" enctype="multipart/form-data" aria-labelledby="upload-title"
      action="/console/imports/check">
  <input type="hidden" name="_csrf" value="${staff.csrfToken}">
  <h2 id="upload-title">${t(o.again ? "imports:page.uploadFixed" : "imports:page.uploadTitle")}</h2>
  <label for="kind">${t("imports:page.kind")}</label>
  <select id="kind" name="kind">${o.kinds.map(
    (k) => html`<option value="${k}" ${k === o.selected ? html`selected` : ""}>${t(`imports:kinds.${k}`)}</option>`,
  )}</select>
  <label for="file">${t("imports:page.file")}</label>
  <input id="file" type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
  <p class="muted hint">${t("imports:page.fileHint", { max: o.maxMb })}</p>
  <p><button type="submit" class="primary">${t("imports:page.check")}</button></p>
</form>`;
  },

  /** `next` is what the officer can do from here: the import button, or the form for a fixed file. */
  report(t: TFunction, report: ImportReport, next: SafeHtml | null): SafeHtml {
    const clean = report.errors.length === 0;
    const title = report.dryRun ? "checkedTitle" : report.applied ? "appliedTitle" : "refusedTitle";
    return html`<section class="panel" aria-labelledby="report-title">
  <h2 id="report-title">${t(`imports:report.${title}`, { fileName: report.fileName })}</h2>
  <p>${t("imports:report.rowsLine", { kind: t(`imports:kinds.${report.kind}`), rows: report.rows })}
    ${report.applied ? "" : t("imports:report.notWritten")}</p>
  ${clean ? html`${outcome(t, report)}${report.dryRun && next ? next : html`<p class="actions">${afterLinks(t, report)}</p>`}` : errorsTable(t, report)}
</section>
${clean ? changesTable(t, report) : (next ?? "")}`;
  },

  applyForm(t: TFunction, staff: StaffContext, report: ImportReport, data: Buffer): SafeHtml {
    // The checked file travels back with the form; the import checks it again from scratch.
    return html`<form method="post" action="/console/imports/apply">
  <input type="hidden" name="_csrf" value="${staff.csrfToken}">
  <input type="hidden" name="kind" value="${report.kind}">
  <input type="hidden" name="fileName" value="${report.fileName}">
  <input type="hidden" name="data" value="${data.toString("base64")}">
  <p>${t("imports:page.applyHint")}</p>
  <p class="actions"><button type="submit" class="primary">${t("imports:page.apply")}</button>
    <a class="btn secondary" href="/console/imports">${t("imports:page.another")}</a></p>
</form>`;
  },

  runs(t: TFunction, runs: ImportRunSummary[]): SafeHtml {
    if (runs.length === 0) return html`<h2>${t("imports:page.recent")}</h2><p class="muted">${t("imports:page.noRuns")}</p>`;
    return html`<h2>${t("imports:page.recent")}</h2>
<div class="table-wrap"><table class="import-runs">
  <thead><tr><th>${t("imports:runs.when")}</th><th>${t("imports:runs.kind")}</th><th>${t("imports:runs.file")}</th><th class="num">${t("imports:runs.rows")}</th><th>${t("imports:runs.result")}</th></tr></thead>
  <tbody>${runs.map(
    (r) => html`<tr><td class="nowrap">${formatDateTime(r.at)}</td><td>${t(`imports:kinds.${r.kind}`)}</td><td>${r.fileName}</td><td class="num">${r.rows}</td><td>${
      r.errors > 0
        ? html`<span class="badge danger">${t("imports:runs.refused", { count: r.errors })}</span>`
        : r.dryRun
          ? html`<span class="badge muted">${t("imports:runs.dryRun")}</span>`
          : html`<span class="badge">${t("imports:runs.applied")}</span> <span class="small">${t("imports:runs.appliedCounts", { created: r.created, updated: r.updated })}</span>`
    }</td></tr>`,
  )}</tbody>
</table></div>`;
  },
};

/** The counts in words: "3 người sẽ được thêm", or nothing to do. */
function outcome(t: TFunction, report: ImportReport): SafeHtml {
  if (report.created + report.updated === 0) return html`<p><strong>${t("imports:report.nothingToDo")}</strong></p>`;
  // Zero counts are left out: "0 người sẽ được cập nhật" is noise next to what does happen.
  const count = (key: string, n: number) => (n > 0 ? html`<li>${t(`imports:counts.${report.kind}.${key}`, { count: n })}</li>` : "");
  return html`<ul class="outcome">
  ${count(report.dryRun ? "willCreate" : "created", report.created)}
  ${count(report.dryRun ? "willUpdate" : "updated", report.updated)}
  ${count("unchanged", report.unchanged)}
</ul>`;
}

function afterLinks(t: TFunction, report: ImportReport): SafeHtml {
  return html`<a class="btn secondary" href="/console/imports">${t("imports:page.another")}</a>
  ${report.applied && report.kind === "beneficiaries" ? html`<a class="btn secondary" href="/console/beneficiaries">${t("imports:page.viewList")}</a>` : ""}`;
}

function errorsTable(t: TFunction, report: ImportReport): SafeHtml {
  const errors = report.errors.slice(0, SHOWN_ERRORS);
  return html`<h3>${t("imports:report.errorsTitle")}</h3>
<p class="muted">${t("imports:report.fixHint")}</p>
<div class="table-wrap"><table class="import-errors">
  <thead><tr><th class="num">${t("imports:report.row")}</th><th>${t("imports:report.column")}</th><th>${t("imports:report.reason")}</th></tr></thead>
  <tbody>${errors.map((e) => html`<tr><td class="num">${e.row || ""}</td><td class="nowrap">${e.column}</td><td>${e.message}</td></tr>`)}</tbody>
</table></div>
${report.errors.length > errors.length ? html`<p class="muted">${t("imports:report.more", { count: report.errors.length - errors.length })}</p>` : ""}`;
}

function changesTable(t: TFunction, report: ImportReport): SafeHtml {
  const changes = report.changes.slice(0, SHOWN_CHANGES);
  if (changes.length === 0) return html``;
  return html`<h2>${t("imports:report.changesTitle")}</h2>
<div class="table-wrap"><table class="import-changes">
  <thead><tr><th class="num">${t("imports:report.row")}</th><th>${t("imports:report.who")}</th><th>${t("imports:report.action")}</th><th>${t("imports:report.fields")}</th></tr></thead>
  <tbody>${changes.map(
    (c) => html`<tr><td class="num">${c.row}</td><td class="mono">${c.personalIdMasked}</td><td>${t(`imports:report.${c.action}`)}</td><td>${c.fields.map((f) => t(`imports:fields.${f}`)).join(", ")}</td></tr>`,
  )}</tbody>
</table></div>
${report.changes.length > changes.length ? html`<p class="muted">${t("imports:report.more", { count: report.changes.length - changes.length })}</p>` : ""}`;
}
