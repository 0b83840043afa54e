// The campaign form: name, date rule and send time, audience rules, the texts in both languages,
// on/off; "Preview" shows the next fire's count and the texts, and only then can it be saved.
import type { TFunction } from "i18next";
import type { CampaignPreview } from "../../../features/broadcasts/campaignPreview.ts";
import { MAX_DAYS_BEFORE_END, MAX_DAYS_BEFORE_PAYOUT } from "../../../features/broadcasts/campaignTrigger.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { formatDate } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { audienceFieldsView, type AudienceFieldsView } from "../audienceForm.ts";
import type { CampaignForm } from "../campaignsForm.ts";
import { vietnamClock } from "../../../lib/vietnamTime.ts";

export interface CampaignFormView {
  action: string;
  csrfToken: string;
  form: CampaignForm;
  communes: AreaCommune[];
  categories: AudienceFieldsView["categories"];
  issues: string[];
  preview: { result: CampaignPreview; fingerprint: string } | null;
  /** The content changed since it was previewed: preview again before saving. */
  stale?: boolean;
}

export function campaignFormView(t: TFunction, v: CampaignFormView): SafeHtml {
  const f = v.form;
  const checked = (on: boolean) => (on ? html`checked` : "");
  const err = (field: string) =>
    v.issues.includes(field) ? html`<p class="field-error" role="alert">${t(`campaigns:errors.${field}`)}</p>` : "";
  const trigger = (kind: CampaignForm["triggerKind"], input: SafeHtml, text: string) =>
    html`<div class="trigger-choice">
      <label class="check"
        ><input type="radio" name="triggerKind" value="${kind}" ${checked(f.triggerKind === kind)} /> ${text}</label
      >${input}
    </div>`;
  const number = (name: "payoutDays" | "endDays" | "monthDay", min: number, max: number) =>
    html`<input
      type="number"
      id="${name}"
      name="${name}"
      min="${min}"
      max="${max}"
      value="${f[name]}"
      aria-label="${t(`campaigns:form.${name}`)}"
      class="small-number"
    />`;

  return html`<link rel="stylesheet" href="/console/static/campaigns.css" />
    <form method="post" action="${v.action}" class="campaign-form" novalidate>
      <input type="hidden" name="_csrf" value="${v.csrfToken}" />
      <input type="hidden" name="previewed" value="${v.preview?.fingerprint ?? ""}" />
      ${v.issues.length > 0 ? html`<div class="flash error" role="alert">${t("campaigns:errors.summary")}</div>` : ""}
      <section class="panel">
        <label for="name">${t("campaigns:form.name")}</label>
        <input type="text" id="name" name="name" value="${f.name}" maxlength="120" required />
        ${err("name")}
      </section>
      <section class="panel">
        <h2>${t("campaigns:form.when")}</h2>
        ${trigger("beforePayout", number("payoutDays", 0, MAX_DAYS_BEFORE_PAYOUT), t("campaigns:form.beforePayout"))}
        ${err("payoutDays")}
        ${trigger("beforeAuthorisationEnd", number("endDays", 0, MAX_DAYS_BEFORE_END), t("campaigns:form.beforeAuthorisationEnd"))}
        ${err("endDays")} ${trigger("dayOfMonth", number("monthDay", 1, 28), t("campaigns:form.dayOfMonth"))}
        ${err("monthDay")}
        <p class="muted hint">${t("campaigns:form.triggerHint")}</p>
        <label for="sendTime">${t("campaigns:form.sendTime")}</label>
        <input type="time" id="sendTime" name="sendTime" value="${f.sendTime}" step="60" />
        ${err("sendTime")}
      </section>
      <section class="panel">
        <h2>${t("campaigns:form.who")}</h2>
        ${audienceFieldsView(t, {
          form: f,
          communes: v.communes,
          categories: v.categories,
          texts: {
            field: "campaigns:form",
            programme: "campaigns:programme",
            method: "campaigns:method",
            channel: "campaigns:channel",
            hint: "campaigns:form.filtersHint",
          },
          error: err,
        })}
      </section>
      <section class="panel">
        <h2>${t("campaigns:form.message")}</h2>
        <label for="templateVi">${t("campaigns:form.templateVi")}</label>
        <textarea id="templateVi" name="templateVi" rows="4" maxlength="1500">${f.templateVi}</textarea>
        ${err("templateVi")}
        <label for="templateEn">${t("campaigns:form.templateEn")}</label>
        <textarea id="templateEn" name="templateEn" rows="4" maxlength="1500">${f.templateEn}</textarea>
        ${err("templateEn")} ${err("unknownVariable")}
        <p class="muted hint">${t("campaigns:form.variables")}</p>
        <label class="check"
          ><input type="checkbox" id="active" name="active" value="1" ${checked(f.active)} />
          ${t("campaigns:form.active")}</label
        >
      </section>
      ${v.preview ? previewPanel(t, v.preview.result) : ""}
      ${v.stale ? html`<p class="flash error" role="status">${t("campaigns:form.stale")}</p>` : ""}
      <div class="actions">
        <button type="submit" name="intent" value="preview" class="btn secondary">
          ${t("campaigns:form.preview")}
        </button>
        ${v.preview ? html`<button type="submit" name="intent" value="save" class="primary" id="save">${t("campaigns:form.save")}</button>` : html`<span class="muted">${t("campaigns:form.previewFirst")}</span>`}
      </div>
    </form>
    <script src="/console/static/campaigns.js"></script>`;
}

export function previewPanel(t: TFunction, p: CampaignPreview, title = t("campaigns:preview.title")): SafeHtml {
  return html`<section class="panel campaign-preview" id="preview" aria-live="polite">
    <h2>${title}</h2>
    <p class="next-fire">
      <strong id="next-fire-count"
        >${t("campaigns:preview.nextFire", { date: formatDate(p.nextFire.day), time: timeOf(p.nextFire.at), count: p.nextFire.people })}</strong
      >
    </p>
    ${p.nextWithPeople ? html`<p>${t("campaigns:preview.nextWithPeople", { date: formatDate(p.nextWithPeople.day), count: p.nextWithPeople.people })}</p>` : ""}
    <p class="muted">${t("campaigns:preview.audienceTotal", { count: p.audienceTotal })}</p>
    ${p.needsApproval ? html`<p class="badge warn">${t("campaigns:preview.needsApproval")}</p>` : ""}
    <div class="grid-2">
      <div>
        <h3>${t("campaigns:preview.vi")}</h3>
        <div class="bubble" lang="vi" id="preview-vi">${p.texts.vi}</div>
      </div>
      <div>
        <h3>${t("campaigns:preview.en")}</h3>
        <div class="bubble" lang="en" id="preview-en">${p.texts.en}</div>
        ${p.texts.enWritten ? "" : html`<p class="muted hint">${t("campaigns:preview.enFromVi")}</p>`}
      </div>
    </div>
    <p class="muted hint">
      ${p.texts.sampleName ? t("campaigns:preview.sample", { name: p.texts.sampleName }) : t("campaigns:preview.noSample")}
    </p>
  </section>`;
}

/** "08:00" in Vietnam time. */
export function timeOf(d: Date): string {
  return vietnamClock(d);
}
