// One broadcast: what it says and to whom, its approval, the live progress bar and the delivery
// report (sent, failed by reason, unreachable, opted out, cancelled, still on the way), with the
// approve, cancel and download buttons as the viewer may use them. The report part is re-sent by
// the live stream (static/broadcasts.js), so the page follows the sending without a reload.
import type { TFunction } from "i18next";
import type { BroadcastDetail } from "../../../features/broadcasts/list.ts";
import type { BroadcastProgress, ReasonCount } from "../../../features/broadcasts/report.ts";
import { reasonText } from "../../../features/broadcasts/exportReport.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { statusBadge } from "./broadcastsView.ts";
import { formatDateTime } from "./common.ts";

const NS = "broadcasts:console";
const FIGURES = ["total", "sent", "failed", "unreachable", "optedOut", "cancelled", "pending"] as const;

export interface DetailViewInput {
  b: BroadcastDetail;
  progress: BroadcastProgress;
  viewerId: string;
  csrfToken: string;
  categoryNames: Map<string, string>;
}

export function broadcastDetailView(t: TFunction, o: DetailViewInput): SafeHtml {
  const { b } = o;
  const open = b.status === "AWAITING_APPROVAL" || b.status === "SCHEDULED" || b.status === "SENDING";
  const mine = b.createdById === o.viewerId;
  return html`<link rel="stylesheet" href="/console/static/broadcasts.css" />
    <p><a href="/console/broadcasts">← ${t(`${NS}.back`)}</a></p>
    <div class="grid-2">
      <section class="panel">
        <dl class="facts">
          <dt>${t(`${NS}.col.status`)}</dt>
          <dd id="status">${statusBadge(t, b.status)}</dd>
          <dt>${t(`${NS}.col.when`)}</dt>
          <dd>${b.scheduledAt ? formatDateTime(b.scheduledAt) : "—"}</dd>
          <dt>${t(`${NS}.col.createdBy`)}</dt>
          <dd>${b.createdBy} · ${formatDateTime(b.createdAt)}</dd>
          ${
            b.approvedBy && b.approvedAt
              ? html`<dt>${t(`${NS}.approvedBy`)}</dt>
                  <dd>${b.approvedBy} · ${formatDateTime(b.approvedAt)}</dd>`
              : ""
          }
          ${
            b.cancelledAt
              ? html`<dt>${t(`${NS}.cancelledAt`)}</dt>
                  <dd>${formatDateTime(b.cancelledAt)}</dd>`
              : ""
          }
          <dt>${t(`${NS}.field.communes`)}</dt>
          <dd>${b.communes.map((c) => c.name).join(", ")}</dd>
          <dt>${t(`${NS}.filters`)}</dt>
          <dd>${filterSummary(t, b, o.categoryNames)}</dd>
        </dl>
      </section>
      <section class="panel">
        <figure class="bubble" lang="vi">
          <figcaption>${t(`${NS}.inVi`)}</figcaption>
          <p>${b.template.vi}</p>
        </figure>
        <figure class="bubble" lang="en">
          <figcaption>${t(`${NS}.inEn`)}</figcaption>
          <p>${b.template.en ?? html`<span class="muted">${t(`${NS}.enFromVi`)}</span>`}</p>
        </figure>
      </section>
    </div>
    ${
      b.status === "AWAITING_APPROVAL"
        ? html`<section class="panel approval">
            <p>${t(`${NS}.awaiting`, { count: b.recipients })}</p>
            ${
              mine
                ? html`<p class="muted" id="own-approval">${t(`${NS}.notOwnApproval`)}</p>`
                : html`<form method="post" action="/console/broadcasts/${b.id}/approve" class="inline">
                    <input type="hidden" name="_csrf" value="${o.csrfToken}" /><button
                      type="submit"
                      class="btn"
                      id="approve-button"
                    >
                      ${t(`${NS}.approve`)}
                    </button>
                  </form>`
            }
          </section>`
        : ""
    }
    <section class="panel" id="live" data-events="/console/broadcasts/${b.id}/events">
      ${progressSection(t, o.progress)}
    </section>
    <div class="actions-row">
      <a class="btn secondary" href="/console/broadcasts/${b.id}/export" download id="export-link"
        >${t(`${NS}.download`)}</a
      >
      ${
        open
          ? html`<form method="post" action="/console/broadcasts/${b.id}/cancel" class="inline" id="cancel-form">
              <input type="hidden" name="_csrf" value="${o.csrfToken}" /><button
                type="submit"
                class="btn danger"
                id="cancel-button"
                data-confirm="${t(`${NS}.cancelConfirm`)}"
              >
                ${t(`${NS}.cancel`)}
              </button>
            </form>`
          : ""
      }
    </div>
    <script src="/console/static/broadcasts.js" defer></script>`;
}

/** The bar and the figures; sent again whole by the live stream when they change. */
export function progressSection(t: TFunction, p: BroadcastProgress): SafeHtml {
  return html`<h2>${t(`${NS}.progress`)} <span class="live-status">${statusBadge(t, p.status)}</span></h2>
    <div class="progress-line">
      <progress id="progress-bar" max="100" value="${p.percent}" aria-label="${t(`${NS}.progress`)}">
        ${p.percent}%
      </progress>
      <strong id="progress-percent">${p.percent}%</strong>
    </div>
    <div class="stats figures">
      ${FIGURES.map(
        (k) =>
          html`<div class="stat" data-figure="${k}">
            <span class="stat-num">${p[k]}</span><span class="stat-label">${t(`${NS}.figure.${k}`)}</span>
          </div>`,
      )}
    </div>
    ${reasons(t, t(`${NS}.failedBy`), p.failedBy, "failed-by")}
    ${reasons(t, t(`${NS}.unreachableBy`), p.unreachableBy, "unreachable-by")}`;
}

function reasons(t: TFunction, title: string, list: ReasonCount[], id: string): SafeHtml {
  if (list.length === 0) return html``;
  return html`<h3>${title}</h3>
    <table class="reasons" id="${id}">
      <tbody>
        ${list.map(
          (r) =>
            html`<tr>
              <td>${reasonText(t, r.reason)}</td>
              <td class="num">${r.count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function filterSummary(t: TFunction, b: BroadcastDetail, categoryNames: Map<string, string>): SafeHtml {
  const a = b.audience;
  const parts: string[] = [];
  if (a.programmes?.length) parts.push(a.programmes.map((p) => t(`${NS}.programme.${p}`)).join(", "));
  if (a.categoryCodes?.length) parts.push(a.categoryCodes.map((c) => categoryNames.get(c) ?? c).join(", "));
  if (a.payoutMethods?.length) parts.push(a.payoutMethods.map((m) => t(`${NS}.method.${m}`)).join(", "));
  if (a.channels?.length) parts.push(a.channels.map((c) => t(`${NS}.channel.${c}`)).join(", "));
  if (a.noAccount) parts.push(t(`${NS}.field.noAccount`));
  if (a.notCollectedThisPeriod) parts.push(t(`${NS}.field.notCollected`));
  if (a.notReachableByChat) parts.push(t(`${NS}.field.notReachable`));
  return parts.length ? html`${parts.join(" · ")}` : html`<span class="muted">${t(`${NS}.noFilters`)}</span>`;
}
