// The review queue pages: the list of requests, and one request with its answers, the checklist of
// papers seen, the approve/reject form and its history.
import type { TFunction } from "i18next";
import type { QueueRow, QueueStatus, RequestDetail } from "../../../features/requests/queue.ts";
import { authorisationEnd, monthLabel } from "../../../features/requests/requestData.ts";
import { formatDate } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { actionLabel } from "./audit.ts";
import { dataTable, formatDateTime, selectOptions } from "./common.ts";

const NS = "requests:console";
const STATUSES: QueueStatus[] = ["PENDING", "APPROVED", "REJECTED", "ALL"];

export function requestListView(t: TFunction, o: { status: QueueStatus; rows: QueueRow[] }): SafeHtml {
  const options = STATUSES.map((s) => ({
    value: s,
    label: s === "ALL" ? t("console:search.all") : t(`requests:status.${s}`),
  }));
  return html`<p>${t(`${NS}.intro`)}</p>
    <form method="get" action="/console/requests" class="panel filters">
      <div class="field">
        <label for="status">${t(`${NS}.filterStatus`)}</label>
        <select id="status" name="status">
          ${selectOptions(options, o.status)}
        </select>
      </div>
      <div class="field actions"><button type="submit" class="primary">${t(`${NS}.filter`)}</button></div>
    </form>
    ${rowsTable(t, o.rows, true)}`;
}

function rowsTable(t: TFunction, rows: QueueRow[], withPerson: boolean): SafeHtml {
  const headers = [{ label: t(`${NS}.col.reference`) }, { label: t(`${NS}.col.kind`) }];
  if (withPerson) headers.push({ label: t(`${NS}.col.person`) }, { label: t(`${NS}.col.commune`) });
  headers.push({ label: t(`${NS}.col.submitted`) }, { label: t(`${NS}.col.status`) });
  return dataTable(
    headers,
    rows.map((r) => [
      html`<a href="/console/requests/${r.id}" class="mono">${r.reference}</a>`,
      html`${t(`requests:kind.${r.kind}`)}`,
      ...(withPerson ? [html`${r.fullName}`, html`${r.communeName}`] : []),
      html`${formatDateTime(r.createdAt)}`,
      statusBadge(t, r.status),
    ]),
    t(`${NS}.none`),
    "requests",
  );
}

function statusBadge(t: TFunction, status: string): SafeHtml {
  const tone = status === "APPROVED" ? "" : status === "REJECTED" ? "danger" : status === "PENDING" ? "info" : "muted";
  return html`<span class="badge ${tone}">${t(`requests:status.${status}`)}</span>`;
}

/** `actors`: how to name each history entry's actor (requests.ts); a chat it cannot name shows as an unlinked user. */
export function requestDetailView(
  t: TFunction,
  r: RequestDetail,
  csrfToken: string,
  actors: Map<string, string>,
): SafeHtml {
  const field = (label: string, value: SafeHtml | string) =>
    html`<dt>${t(`${NS}.${label}`)}</dt>
      <dd>${value}</dd>`;
  const decided = r.decidedAt
    ? html`<p class="muted" id="decided">
        ${t(`${NS}.decided`, { status: t(`requests:status.${r.status}`), by: r.decidedBy ?? "", at: formatDateTime(r.decidedAt) })}${r.reason ? html` — ${r.reason}` : ""}
      </p>`
    : "";
  return html`<section class="panel">
      <dl class="facts">
        ${field("beneficiary", html`<a href="/console/beneficiaries/${r.beneficiaryId}">${r.fullName}</a> <span class="mono">${r.personalIdMasked}</span> · ${r.communeName}`)}
        <dt>${t(`${NS}.col.kind`)}</dt>
        <dd>${t(`requests:kind.${r.kind}`)}</dd>
        <dt>${t(`${NS}.col.status`)}</dt>
        <dd>${statusBadge(t, r.status)}</dd>
        <dt>${t(`${NS}.col.submitted`)}</dt>
        <dd>${formatDateTime(r.createdAt)}${r.channel ? html` · ${t(`${NS}.submittedBy`)} ${r.channel}` : ""}</dd>
        ${dataFields(t, r, field)}
      </dl>
      ${decided}
    </section>
    ${r.status === "PENDING" ? decisionForm(t, r, csrfToken) : ""}
    <h2>${t(`${NS}.history`)}</h2>
    <ul class="history">
      ${r.history.map((h) => html`<li>${formatDateTime(h.at)} · ${actors.get(h.actor) ?? (h.actor.startsWith("chat:") ? t(`${NS}.historyUnlinked`) : h.actor)} · ${actionLabel(t, h.action)}</li>`)}
    </ul>
    <h2>${t(`${NS}.otherRequests`)}</h2>
    ${rowsTable(t, r.others, false)}`;
}

function dataFields(
  t: TFunction,
  r: RequestDetail,
  field: (label: string, value: SafeHtml | string) => SafeHtml,
): SafeHtml[] {
  const d = r.draft;
  const s = (k: string) => (typeof d[k] === "string" ? d[k] : "");
  switch (r.kind) {
    case "AUTHORISATION": {
      const from = s("fromMonth");
      const months = typeof d.months === "number" ? d.months : 0;
      return [
        field("relative", s("relativeName")),
        field("relation", t(`requests:relation.${s("relation") || "other"}`)),
        field("relativeId", html`<span class="mono">${r.masked.relativePersonalId ?? ""}</span>`),
        field("relativePhone", html`<span class="mono">${r.masked.relativePhone ?? ""}</span>`),
        field(
          "period",
          from && months
            ? t(`${NS}.periodValue`, { from: monthLabel(from), until: formatDate(authorisationEnd(from, months)) })
            : "",
        ),
        ...(r.formPath
          ? [field("form", html`<a href="${r.formPath}" target="_blank" rel="noopener">${t(`${NS}.openForm`)}</a>`)]
          : []),
      ];
    }
    case "ACCOUNT":
      return [
        field("accountType", t(`requests:account.type.${s("type") || "BANK"}`)),
        field("provider", s("provider")),
        field("accountNumber", html`<span class="mono">${r.masked.accountNumber ?? ""}</span>`),
        field("holder", s("holderName")),
      ];
    case "CHANGE_METHOD":
      return [field("cash", t(`requests:account.cash.${s("cash") || "CASH_POINT"}`))];
    default:
      if (s("what") === "phone") return [field("phone", html`<span class="mono">${r.masked.phone ?? ""}</span>`)];
      if (s("what") === "address") return [field("address", s("address"))];
      if (s("what") === "move") return [field("destination", s("destination"))];
      return [field("deathDate", s("date") ? formatDate(s("date")) : "")];
  }
}

function decisionForm(t: TFunction, r: RequestDetail, csrfToken: string): SafeHtml {
  return html`<form method="post" action="/console/requests/${r.id}" class="panel decision">
    <input type="hidden" name="_csrf" value="${csrfToken}" />
    <fieldset>
      <legend>${t(`${NS}.checklist`)}</legend>
      ${r.checklistItems.map(
        (c) =>
          html`<p>
            <label class="check"
              ><input type="checkbox" name="checklist" value="${c}" ${r.checked.includes(c) ? html`checked` : ""} />
              ${t(`requests:checklist.${c}`)}</label
            >
          </p>`,
      )}
    </fieldset>
    <label for="reason">${t(`${NS}.reason`)}</label>
    <textarea id="reason" name="reason" rows="3" maxlength="500"></textarea>
    <p>
      <button type="submit" name="decision" value="approve" class="primary">${t(`${NS}.approve`)}</button>
      <button type="submit" name="decision" value="reject" class="btn danger">${t(`${NS}.reject`)}</button>
    </p>
  </form>`;
}
