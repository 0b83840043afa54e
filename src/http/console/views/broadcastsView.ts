// The broadcasts list and the new-broadcast form: recipients by commune and filters, the texts with
// their variables, the send time, and (after "Preview") the count and the text as a real person
// of the audience would get it, in Vietnamese and English, with the button that sends it.
import type { TFunction } from "i18next";
import type { BroadcastRow } from "../../../features/broadcasts/list.ts";
import type { BroadcastPreview } from "../../../features/broadcasts/preview.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { audienceFieldsView } from "../audienceForm.ts";
import { sendTime, type BroadcastForm } from "../broadcastsForm.ts";
import { dataTable, formatDateTime } from "./common.ts";

const NS = "broadcasts:console";

export function statusBadge(t: TFunction, status: string): SafeHtml {
  const tone =
    status === "DONE" ? "" : status === "CANCELLED" ? "muted" : status === "AWAITING_APPROVAL" ? "warn" : "info";
  return html`<span class="badge ${tone}" data-status="${status}">${t(`${NS}.status.${status}`)}</span>`;
}

export function broadcastListView(t: TFunction, rows: BroadcastRow[]): SafeHtml {
  return html`<link rel="stylesheet" href="/console/static/broadcasts.css" />
    <div class="actions-row"><a class="btn" href="/console/broadcasts/new">${t(`${NS}.new`)}</a></div>
    ${dataTable(
      [
        { label: t(`${NS}.col.title`) },
        { label: t(`${NS}.col.status`) },
        { label: t(`${NS}.col.recipients`), num: true },
        { label: t(`${NS}.col.when`) },
        { label: t(`${NS}.col.createdBy`) },
      ],
      rows.map((r) => [
        html`<a href="/console/broadcasts/${r.id}">${r.title}</a
          >${r.campaign ? html` <span class="badge muted">${t(`${NS}.fromCampaign`)}</span>` : ""}`,
        statusBadge(t, r.status),
        html`${r.recipients}`,
        html`${r.scheduledAt ? formatDateTime(r.scheduledAt) : "—"}`,
        html`${r.createdBy}`,
      ]),
      t(`${NS}.none`),
      "broadcasts",
    )}`;
}

export interface FormViewInput {
  form: BroadcastForm;
  communes: AreaCommune[];
  categories: { code: string; name: string; programme: string }[];
  problems: string[];
  preview: BroadcastPreview | null;
  threshold: number;
  csrfToken: string;
}

export function broadcastFormView(t: TFunction, o: FormViewInput): SafeHtml {
  const f = o.form;
  const checked = (on: boolean) => (on ? html`checked` : "");
  return html`<link rel="stylesheet" href="/console/static/broadcasts.css" />
    ${
      o.problems.length
        ? html`<div class="flash error" role="alert">
            <ul>
              ${o.problems.map((p) => html`<li>${t(`${NS}.problem.${p}`)}</li>`)}
            </ul>
          </div>`
        : ""
    }
    <form method="post" action="/console/broadcasts" class="broadcast-form" id="broadcast-form">
      <input type="hidden" name="_csrf" value="${o.csrfToken}" />
      <section class="panel">
        <h2>${t(`${NS}.section.who`)}</h2>
        ${audienceFieldsView(t, {
          form: f,
          communes: o.communes,
          categories: o.categories,
          texts: {
            field: `${NS}.field`,
            programme: `${NS}.programme`,
            method: `${NS}.method`,
            channel: `${NS}.channel`,
            hint: `${NS}.hint.filters`,
          },
        })}
      </section>
      <section class="panel">
        <h2>${t(`${NS}.section.what`)}</h2>
        <label for="title">${t(`${NS}.field.title`)}</label>
        <input type="text" id="title" name="title" value="${f.title}" maxlength="200" required />
        <label for="textVi">${t(`${NS}.field.textVi`)}</label>
        <textarea id="textVi" name="textVi" rows="5" class="wide" required>${f.textVi}</textarea>
        <label for="textEn">${t(`${NS}.field.textEn`)}</label>
        <textarea id="textEn" name="textEn" rows="5" class="wide">${f.textEn}</textarea>
        <p class="muted hint">
          ${t(`${NS}.hint.variables`)} <code>{ho_ten}</code> <code>{so_tien}</code> <code>{ngay}</code>
          <code>{dia_diem}</code> · <code>{name}</code> <code>{amount}</code> <code>{date}</code> <code>{place}</code>
        </p>
      </section>
      <section class="panel">
        <h2>${t(`${NS}.section.when`)}</h2>
        <label class="check"
          ><input type="radio" name="when" value="now" ${checked(f.when === "now")} /> ${t(`${NS}.field.now`)}</label
        >
        <label class="check"
          ><input type="radio" name="when" value="later" ${checked(f.when === "later")} />
          ${t(`${NS}.field.later`)}</label
        >
        <input
          type="datetime-local"
          id="sendAt"
          name="sendAt"
          value="${f.sendAt}"
          aria-label="${t(`${NS}.field.sendAt`)}"
        />
        <p class="muted hint">${t(`${NS}.hint.quiet`)}</p>
      </section>
      ${o.preview ? previewPanel(t, o.preview, o.threshold, f) : ""}
      <div class="actions-row">
        <button type="submit" name="action" value="preview" class="btn secondary" id="preview-button">
          ${t(`${NS}.preview`)}
        </button>
        ${o.preview && o.problems.length === 0 && o.preview.count > 0 ? html`<button type="submit" name="action" value="create" class="btn" id="create-button" data-stale="${t(`${NS}.stale`)}">${t(f.when === "later" ? `${NS}.schedule` : `${NS}.sendNow`)}</button>` : ""}
      </div>
    </form>
    <script src="/console/static/broadcasts.js" defer></script>`;
}

function previewPanel(t: TFunction, p: BroadcastPreview, threshold: number, f: BroadcastForm): SafeHtml {
  const at = sendTime(f);
  return html`<section class="panel preview" id="preview" aria-live="polite">
    <h2>${t(`${NS}.section.preview`)}</h2>
    <p class="count"><strong id="preview-count">${p.count}</strong> ${t(`${NS}.people`, { count: p.count })}</p>
    ${p.needsApproval ? html`<p class="flash error">${t(`${NS}.needsApproval`, { threshold })}</p>` : ""}
    ${
      p.sample
        ? html`<p class="muted">
            ${t(`${NS}.sample`)} <strong>${p.sample.name}</strong> ·
            ${p.sample.communeName}${p.sample.maskedPhone ? html` · <span class="mono">${p.sample.maskedPhone}</span>` : ""}
            · ${p.sample.channel ? t(`${NS}.channel.${p.sample.channel}`) : t(`${NS}.noRoute`)}
          </p>`
        : html`<p class="muted">${t(`${NS}.noSample`)}</p>`
    }
    <div class="grid-2">
      <figure class="bubble" lang="vi">
        <figcaption>${t(`${NS}.inVi`)}</figcaption>
        <p id="preview-vi">${p.vi}</p>
      </figure>
      <figure class="bubble" lang="en">
        <figcaption>
          ${t(`${NS}.inEn`)}${p.enFromVi ? html` <span class="muted">(${t(`${NS}.enFromVi`)})</span>` : ""}
        </figcaption>
        <p id="preview-en">${p.en}</p>
      </figure>
    </div>
    ${at ? html`<p class="muted">${t(`${NS}.scheduledFor`, { at: formatDateTime(at) })}</p>` : ""}
  </section>`;
}
