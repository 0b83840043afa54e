// Small pieces shared by console views: badges, dates and times, the pager.
import type { TFunction } from "i18next";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { formatVietnamDateTime } from "../../../lib/vietnamTime.ts";

const STATUS_TONE: Record<string, "" | "info" | "warn" | "danger" | "muted"> = {
  ACTIVE: "",
  SUSPENDED: "warn",
  ENDED: "muted",
  DECEASED: "muted",
  PAID: "",
  SCHEDULED: "info",
  UNCOLLECTED: "warn",
  CARRIED_OVER: "warn",
  FAILED: "danger",
  VERIFIED: "",
  PENDING: "info",
  REJECTED: "danger",
  CLOSED: "muted",
  APPROVED: "",
  DRAFT: "muted",
  EXPIRED: "muted",
  REVOKED: "muted",
};

/** A coloured label for an enum value, translated from `console:<group>.<value>`. */
export function badge(t: TFunction, group: string, value: string): SafeHtml {
  return html`<span class="badge ${STATUS_TONE[value] ?? ""}">${t(`console:${group}.${value}`)}</span>`;
}

/** "05/12/2026 14:03" in Vietnam time. */
export function formatDateTime(d: Date): string {
  return formatVietnamDateTime(d);
}

/** "2026-12-01" → "12/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** Previous / next links keeping the other query parameters. */
export function pager(t: TFunction, basePath: string, params: URLSearchParams, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const link = (p: number) => {
    const q = new URLSearchParams(params);
    q.set("page", String(p));
    return `${basePath}?${q.toString()}`;
  };
  return html`<nav class="pager" aria-label="${t("console:pager.label")}">
    ${page > 1 ? html`<a class="btn secondary" href="${link(page - 1)}" rel="prev">${t("console:pager.prev")}</a>` : ""}
    <span class="muted">${t("console:pager.page", { page, pages })}</span>
    ${page < pages ? html`<a class="btn secondary" href="${link(page + 1)}" rel="next">${t("console:pager.next")}</a>` : ""}
  </nav>`;
}

export function selectOptions(options: { value: string; label: string }[], selected: string | undefined): SafeHtml {
  return html`${options.map((o) => html`<option value="${o.value}" ${o.value === (selected ?? "") ? html`selected` : ""}>${o.label}</option>`)}`;
}

/** A simple table in its scrolling wrapper, or a quiet "none" line when there are no rows. */
export function dataTable(
  headers: { label: string; num?: boolean }[],
  rows: SafeHtml[][],
  empty: string,
  className = "",
): SafeHtml {
  if (rows.length === 0) return html`<p class="muted empty">${empty}</p>`;
  return html`<div class="table-wrap">
    <table class="${className}">
      <thead>
        <tr>
          ${headers.map((h) => html`<th class="${h.num ? "num" : ""}">${h.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (cells) =>
            html`<tr>
              ${cells.map((c, i) => html`<td class="${headers[i]?.num ? "num" : ""}">${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
