// The hotline queue page: filters by area, topic and status, the alerts for the signed-in agent,
// and the table that refreshes itself when a ticket changes (see static/hotline.js).
import type { TFunction } from "i18next";
import { HOTLINE_TOPICS } from "../../../features/hotline/protocol.ts";
import type { QueueFilter, QueueRow } from "../../../features/hotline/tickets.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { dataTable, formatDateTime, selectOptions } from "./common.ts";

const NS = "hotline:console";
const STATUSES = ["OPEN", "NEW", "ASSIGNED", "WAITING_FOR_PERSON", "REOPENED", "RESOLVED", "ALL"] as const;

export interface AlertView {
  number: number;
  kind: string;
  at: Date;
}

export function hotlineQueueView(
  t: TFunction,
  o: { filter: QueueFilter; rows: QueueRow[]; communes: AreaCommune[]; alerts: AlertView[]; query: string },
): SafeHtml {
  const statusOptions = STATUSES.map((s) => ({ value: s, label: t(`${NS}.status.${s}`) }));
  const topicOptions = [
    { value: "", label: t("console:search.all") },
    ...HOTLINE_TOPICS.map((s) => ({ value: s, label: t(`${NS}.topic.${s}`) })),
  ];
  const communeOptions = [
    { value: "", label: t("console:search.all") },
    ...o.communes.map((c) => ({ value: c.id, label: `${c.name} · ${c.provinceName}` })),
  ];
  return html`<link rel="stylesheet" href="/console/static/hotline.css" />
    ${alertList(t, o.alerts)}
    <form method="get" action="/console/hotline" class="panel filters">
      <div class="field">
        <label for="status">${t(`${NS}.filterStatus`)}</label
        ><select id="status" name="status">
          ${selectOptions(statusOptions, o.filter.status)}
        </select>
      </div>
      <div class="field">
        <label for="topic">${t(`${NS}.filterTopic`)}</label
        ><select id="topic" name="topic">
          ${selectOptions(topicOptions, o.filter.topic)}
        </select>
      </div>
      <div class="field">
        <label for="commune">${t(`${NS}.filterArea`)}</label
        ><select id="commune" name="commune">
          ${selectOptions(communeOptions, o.filter.communeId)}
        </select>
      </div>
      <div class="field">
        <label
          ><input type="checkbox" name="mine" value="1" ${o.filter.mine ? html`checked` : ""} />
          ${t(`${NS}.mine`)}</label
        >
      </div>
      <div class="field actions"><button type="submit" class="primary">${t(`${NS}.filter`)}</button></div>
    </form>
    <div id="live" data-events="/console/hotline/events?${o.query}" data-fragment="/console/hotline/queue?${o.query}">
      ${queueTable(t, o.rows)}
    </div>
    <script src="/console/static/hotline.js" defer></script>`;
}

export function queueTable(t: TFunction, rows: QueueRow[]): SafeHtml {
  return dataTable(
    [
      { label: t(`${NS}.col.number`) },
      { label: t(`${NS}.col.priority`) },
      { label: t(`${NS}.col.topic`) },
      { label: t(`${NS}.col.person`) },
      { label: t(`${NS}.col.channel`) },
      { label: t(`${NS}.col.status`) },
      { label: t(`${NS}.col.assignee`) },
      { label: t(`${NS}.col.due`) },
    ],
    rows.map((r) => [
      html`<a href="/console/hotline/${r.number}" class="mono">#${r.number}</a>`,
      html`<span class="badge ${r.priority === "URGENT" ? "danger" : r.priority === "HIGH" ? "warn" : "muted"}"
        >${t(`${NS}.priority.${r.priority}`)}</span
      >`,
      html`${t(`${NS}.topic.${r.topic}`, { defaultValue: r.topic })}`,
      html`${r.personName ?? t(`${NS}.unknownPerson`)}${r.communeName ? html` · ${r.communeName}` : ""}`,
      html`${r.channel ? t(`console:channel.${r.channel}`) : ""}`,
      html`<span class="badge info">${t(`${NS}.status.${r.status}`)}</span>`,
      html`${r.assigneeName ?? "—"}`,
      html`${r.dueAt ? formatDateTime(r.dueAt) : "—"}`,
    ]),
    t(`${NS}.none`),
    "hotline-queue",
  );
}

function alertList(t: TFunction, alerts: AlertView[]): SafeHtml {
  if (alerts.length === 0) return html``;
  return html`<section class="panel alerts" id="alerts">
    <h2>${t(`${NS}.alerts`)}</h2>
    <ul>
      ${alerts.map(
        (a) =>
          html`<li>
            <a href="/console/hotline/${a.number}">#${a.number}</a> ${t(`${NS}.alert.${a.kind}`)} ·
            ${formatDateTime(a.at)}
          </li>`,
      )}
    </ul>
  </section>`;
}
