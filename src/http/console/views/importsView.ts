// Pieces of the import pages: how it works, the upload form, the report of a check or an import
// with the next step to take, and recent runs. Officers are not database people: every result
// says in words what will happen (or happened) and what to do next.
import type { TFunction } from "i18next";
import type { ImportRunSummary } from "../../../features/imports/listImportRuns.ts";
import type { StoredReport } from "../../../features/imports/storedReport.ts";
import type { ImportKind } from "../../../features/imports/types.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { sheetsSummary } from "./importSheetsView.ts";
import { formatDateTime } from "./common.ts";

const SHOWN_LINES = 500;
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
    return html`<link rel="stylesheet" href="/console/static/imports.css" />
      <p>${t("imports:page.intro")}</p>
      <ol class="steps">
        <li>${t("imports:page.stepChoose")}</li>
        <li>${t("imports:page.stepCheck")}</li>
        <li>${t("imports:page.stepApply")}</li>
      </ol>
      <p class="muted">${t("imports:page.accepted")}</p>
      <p class="muted">
        ${t("imports:page.template")} <a href="/console/exports">${t("imports:page.templateLink")}</a> ·
        <a href="/console/imports/aliases">${t("imports:aliases.link")}</a>
      </p>`;
  },

  uploadForm(t: TFunction, staff: StaffContext, o: UploadFormOptions): SafeHtml {
    // The CSRF token is the form's first field: the check reads it before the file (csrf.ts).
    return html`<form
      class="panel"
      method="post"
      enctype="multipart/form-data"
      aria-labelledby="upload-title"
      action="/console/imports/check"
    >
      <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
      <h2 id="upload-title">${t(o.again ? "imports:page.uploadFixed" : "imports:page.uploadTitle")}</h2>
      <label for="kind">${t("imports:page.kind")}</label>
      <select id="kind" name="kind">
        ${o.kinds.map(
          (k) =>
            html`<option value="${k}" ${k === o.selected ? html`selected` : ""}>${t(`imports:kinds.${k}`)}</option>`,
        )}
      </select>
      <label for="file">${t("imports:page.file")}</label>
      <input
        id="file"
        type="file"
        name="file"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
      />
      <p class="muted hint">${t("imports:page.fileHint", { max: o.maxMb })}</p>
      <p><button type="submit" class="primary">${t("imports:page.check")}</button></p>
    </form>`;
  },

  /** `next` is what the officer can do from here: the import buttons, or the form for a fixed file. */
  report(t: TFunction, report: StoredReport, next: SafeHtml | null): SafeHtml {
    const clean = report.errorCount === 0;
    const title = report.dryRun ? "checkedTitle" : report.applied ? "appliedTitle" : "refusedTitle";
    return html`<link rel="stylesheet" href="/console/static/imports.css" />
      <section class="panel" aria-labelledby="report-title">
        <h2 id="report-title">${t(`imports:report.${title}`, { fileName: report.fileName })}</h2>
        <p>
          ${t("imports:report.rowsLine", { kind: t(`imports:kinds.${report.kind}`), rows: report.rows })}
          ${report.applied ? "" : t("imports:report.notWritten")}
        </p>
        ${outcome(t, report)} ${clean ? "" : problemsTable(t, report)}
        ${next ?? html`<p class="actions">${afterLinks(t, report)}</p>`}
      </section>
      ${sheetsSummary(t, report.sheets)} ${changesTable(t, report)}`;
  },

  /** After a check: import everything, or (with problems) only the valid rows, or fix the file. */
  applyForm(t: TFunction, staff: StaffContext, jobId: string, report: StoredReport): SafeHtml {
    const valid = report.created + report.updated;
    const partial = report.errorCount > 0;
    return html`<form method="post" action="/console/imports/jobs/${jobId}/apply" class="apply">
      <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
      ${partial ? html`<input type="hidden" name="skipInvalid" value="1" />` : ""}
      <p>${t(partial ? "imports:page.applyValidHint" : "imports:page.applyHint", { count: valid })}</p>
      <p class="actions">
        <button type="submit" class="${partial ? "btn secondary" : "primary"}">
          ${t(partial ? "imports:page.applyValid" : "imports:page.apply", { count: valid })}
        </button>
        <a class="btn secondary" href="/console/imports">${t("imports:page.another")}</a>
      </p>
    </form>`;
  },

  runs(t: TFunction, runs: ImportRunSummary[]): SafeHtml {
    if (runs.length === 0)
      return html`<h2>${t("imports:page.recent")}</h2>
        <p class="muted">${t("imports:page.noRuns")}</p>`;
    return html`<h2>${t("imports:page.recent")}</h2>
      <div class="table-wrap">
        <table class="import-runs">
          <thead>
            <tr>
              <th>${t("imports:runs.when")}</th>
              <th>${t("imports:runs.kind")}</th>
              <th>${t("imports:runs.file")}</th>
              <th class="num">${t("imports:runs.rows")}</th>
              <th>${t("imports:runs.result")}</th>
            </tr>
          </thead>
          <tbody>
            ${runs.map(
              (r) =>
                html`<tr>
                  <td class="nowrap">${formatDateTime(r.at)}</td>
                  <td>${t(`imports:kinds.${r.kind}`)}</td>
                  <td>${r.fileName}</td>
                  <td class="num">${r.rows}</td>
                  <td>
                    ${
                      !r.dryRun && (r.created > 0 || r.updated > 0)
                        ? html`<span class="badge">${t("imports:runs.applied")}</span>
                            <span class="small"
                              >${t("imports:runs.appliedCounts", { created: r.created, updated: r.updated })}</span
                            >`
                        : r.errors > 0
                          ? html`<span class="badge danger">${t("imports:runs.refused", { count: r.errors })}</span>`
                          : r.dryRun
                            ? html`<span class="badge muted">${t("imports:runs.dryRun")}</span>`
                            : html`<span class="badge">${t("imports:runs.applied")}</span>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  },
};

/** The counts in words: "3 người sẽ được thêm", or nothing to do. */
function outcome(t: TFunction, report: StoredReport): SafeHtml {
  if (report.created + report.updated === 0 && report.errorCount === 0)
    return html`<p><strong>${t("imports:report.nothingToDo")}</strong></p>`;
  // Zero counts are left out: "0 người sẽ được cập nhật" is noise next to what does happen.
  const count = (key: string, n: number) =>
    n > 0 ? html`<li>${t(`imports:counts.${report.kind}.${key}`, { count: n })}</li>` : "";
  const done = !report.dryRun && report.applied;
  return html`<ul class="outcome">
    ${count(done ? "created" : "willCreate", report.created)} ${count(done ? "updated" : "willUpdate", report.updated)}
    ${count("unchanged", report.unchanged)}
  </ul>`;
}

function afterLinks(t: TFunction, report: StoredReport): SafeHtml {
  return html`<a class="btn secondary" href="/console/imports">${t("imports:page.another")}</a>
    ${report.applied && report.kind === "beneficiaries" ? html`<a class="btn secondary" href="/console/beneficiaries">${t("imports:page.viewList")}</a>` : ""}`;
}

function problemsTable(t: TFunction, report: StoredReport): SafeHtml {
  const lines = report.lines.slice(0, SHOWN_LINES);
  const multiSheet = report.sheets.length > 1;
  return html`<h3>
      ${t(report.applied ? "imports:report.skippedTitle" : "imports:report.errorsTitle", { count: report.errorCount })}
    </h3>
    <p class="muted">${t("imports:report.fixHint")}</p>
    <div class="table-wrap">
      <table class="import-errors">
        <thead>
          <tr>
            ${multiSheet ? html`<th>${t("imports:report.sheet")}</th>` : ""}
            <th class="num">${t("imports:report.row")}</th>
            <th>${t("imports:report.column")}</th>
            <th>${t("imports:report.value")}</th>
            <th>${t("imports:report.reason")}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (l) =>
              html`<tr>
                ${multiSheet ? html`<td class="nowrap">${l.sheet ?? ""}</td>` : ""}
                <td class="num rows">
                  ${
                    l.rows.length > 1
                      ? html`<strong>${t("imports:report.rowsCount", { count: l.rows.length })}</strong><br /><span
                            class="small"
                            >${l.rowsText}</span
                          >`
                      : l.rowsText
                  }
                </td>
                <td class="nowrap">
                  ${l.column}${l.letter ? html` <span class="muted small">(${l.letter})</span>` : ""}
                </td>
                <td class="value">${l.value}</td>
                <td>${l.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${report.lineCount > lines.length ? html`<p class="muted">${t("imports:report.more", { count: report.lineCount - lines.length })}</p>` : ""}`;
}

function changesTable(t: TFunction, report: StoredReport): SafeHtml {
  const changes = report.changes.slice(0, SHOWN_CHANGES);
  if (changes.length === 0) return html``;
  const multiSheet = report.sheets.length > 1;
  return html`<h2>${t("imports:report.changesTitle")}</h2>
    <div class="table-wrap">
      <table class="import-changes">
        <thead>
          <tr>
            ${multiSheet ? html`<th>${t("imports:report.sheet")}</th>` : ""}
            <th class="num">${t("imports:report.row")}</th>
            <th>${t("imports:report.who")}</th>
            <th>${t("imports:report.action")}</th>
            <th>${t("imports:report.fields")}</th>
          </tr>
        </thead>
        <tbody>
          ${changes.map(
            (c) =>
              html`<tr>
                ${multiSheet ? html`<td class="nowrap">${c.sheet ?? ""}</td>` : ""}
                <td class="num">${c.row}</td>
                <td class="mono">${c.personalIdMasked}</td>
                <td>${t(`imports:report.${c.action}`)}</td>
                <td>${c.fields.map((f) => t(`imports:fields.${f}`)).join(", ")}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${report.changeCount > changes.length ? html`<p class="muted">${t("imports:report.more", { count: report.changeCount - changes.length })}</p>` : ""}`;
}
