// The list behind one dashboard figure: how many (the figure itself), the rows page by page with
// links to the person's record, the request or the ticket, and the same list as a download.
import type { TFunction } from "i18next";
import { FAMILY_OF, type ListFigure, type ListRow } from "../../../features/dashboard/figureLists.ts";
import { listColumns } from "../../../features/dashboard/listColumns.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { dataTable, formatDateTime, pager } from "./common.ts";

const NS = "dashboard";

export interface ListViewModel {
  figure: ListFigure;
  month: string | undefined;
  communeId: string | undefined;
  total: number;
  rows: ListRow[];
  page: number;
  pageSize: number;
  locale: string;
}

export function dashboardListView(t: TFunction, m: ListViewModel): SafeHtml {
  const params = new URLSearchParams({
    figure: m.figure,
    ...(m.month ? { month: m.month } : {}),
    ...(m.communeId ? { communeId: m.communeId } : {}),
  });
  const back = `/console/dashboard${m.month ? `?month=${m.month}` : ""}`;
  const { headers, cells } = columns(t, m);
  return html`<link rel="stylesheet" href="/console/static/dashboard.css" />
    <p class="muted">${t(`${NS}:define.list.${FAMILY_OF[m.figure]}`)}</p>
    <p class="actions">
      <a class="btn secondary" href="${back}">${t(`${NS}:back`)}</a>
      <a class="btn secondary" href="/console/dashboard/list/export?${params.toString()}" download
        >${t(`${NS}:downloadList`)}</a
      >
    </p>
    <h2 class="list-count" data-count="${m.total}">${t(`${NS}:listCount`, { count: m.total })}</h2>
    ${dataTable(
      headers.map((label, i) => ({ label, num: i === headers.length - 1 && FAMILY_OF[m.figure] === "payouts" })),
      m.rows.map(cells),
      t(`${NS}:emptyList`),
      "dashboard-list",
    )}
    ${pager(t, "/console/dashboard/list", params, m.page, Math.max(1, Math.ceil(m.total / m.pageSize)))}`;
}

function columns(t: TFunction, m: ListViewModel): { headers: string[]; cells: (r: ListRow) => SafeHtml[] } {
  const { headers, values } = listColumns(t, m.figure);
  const family = FAMILY_OF[m.figure];
  return {
    headers,
    cells: (r) =>
      values(r).map((v, i) => {
        const text =
          v === null ? "" : v instanceof Date ? formatDateTime(v) : typeof v === "number" ? formatVnd(v, m.locale) : v;
        // The first column leads to the record: the person, the request, or the ticket's person.
        if (i === 0 && family === "requests") return html`<a href="/console/requests/${r.id}">${text}</a>`;
        if (i === (family === "tickets" ? 1 : 0) && r.beneficiaryId)
          return html`<a href="/console/beneficiaries/${r.beneficiaryId}">${text}</a>`;
        return html`${text}`;
      }),
  };
}
