// The campaigns list and one campaign's page: its rule, audience, state, what its next fire would
// reach, the texts, the switches (on/off, approval) and its past fires with each broadcast's report.
import type { TFunction } from "i18next";
import type { Audience } from "../../../features/broadcasts/audience.ts";
import { campaignState, type CampaignState, type StoredCampaign } from "../../../features/broadcasts/campaignModel.ts";
import type { CampaignPreview } from "../../../features/broadcasts/campaignPreview.ts";
import type { CampaignTrigger } from "../../../features/broadcasts/campaignTrigger.ts";
import { formatDate } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { previewPanel } from "./campaignsView.ts";
import { dataTable, formatDateTime } from "./common.ts";

const STATE_TONE: Record<CampaignState, string> = { live: "", awaitingApproval: "warn", off: "muted" };

export function triggerText(t: TFunction, trigger: CampaignTrigger): string {
  return trigger.kind === "dayOfMonth"
    ? t("campaigns:trigger.dayOfMonth", { day: trigger.day })
    : t(`campaigns:trigger.${trigger.kind}`, { count: trigger.days });
}

export function stateBadge(t: TFunction, c: StoredCampaign): SafeHtml {
  const state = campaignState(c);
  return html`<span class="badge ${STATE_TONE[state]}">${t(`campaigns:state.${state}`)}</span>`;
}

export function campaignListView(t: TFunction, rows: StoredCampaign[], communeNames: Map<string, string>): SafeHtml {
  return html`<p><a class="btn" href="/console/campaigns/new">${t("campaigns:list.new")}</a></p>
    <p class="muted">${t("campaigns:list.intro")}</p>
    ${dataTable(
      [
        { label: t("campaigns:list.name") },
        { label: t("campaigns:list.when") },
        { label: t("campaigns:list.communes") },
        { label: t("campaigns:list.state") },
      ],
      rows.map((c) => [
        html`<a href="/console/campaigns/${c.id}">${c.name}</a>`,
        html`${triggerText(t, c.trigger)} · ${c.sendTime}`,
        html`${communeList(c.audience, communeNames)}`,
        stateBadge(t, c),
      ]),
      t("campaigns:list.none"),
      "campaigns",
    )}`;
}

export interface FireRow {
  fireKey: string;
  firedAt: Date;
  picked: number;
  recipients: number;
  broadcastId: string | null;
}

export interface CampaignDetailView {
  campaign: StoredCampaign;
  csrfToken: string;
  communeNames: Map<string, string>;
  categoryNames: Map<string, string>;
  staffNames: Map<string, string>;
  preview: CampaignPreview;
  /** Fires that reached someone, newest first. */
  fires: FireRow[];
  /** The latest fire, when it reached nobody. */
  quietDay: string | null;
  /** The viewer may approve: awaiting approval and someone other than who wrote or switched it on. */
  canApprove: boolean;
}

export function campaignDetailView(t: TFunction, v: CampaignDetailView): SafeHtml {
  const c = v.campaign;
  const a = c.audience;
  const who = (id: string | null) => (id ? (v.staffNames.get(id) ?? "—") : "—");
  const post = (path: string, label: string, kind: string) =>
    html`<form method="post" action="/console/campaigns/${c.id}/${path}" class="inline">
      <input type="hidden" name="_csrf" value="${v.csrfToken}" /><button type="submit" class="${kind}">${label}</button>
    </form>`;
  const state = campaignState(c);
  return html`<link rel="stylesheet" href="/console/static/campaigns.css" />
    <div class="actions campaign-actions">
      <a class="btn secondary" href="/console/campaigns/${c.id}/edit">${t("campaigns:detail.edit")}</a>
      ${c.active ? post("deactivate", t("campaigns:detail.deactivate"), "btn danger") : post("activate", t("campaigns:detail.activate"), "primary")}
      ${v.canApprove ? post("approve", t("campaigns:detail.approve"), "primary") : ""}
    </div>
    ${state === "awaitingApproval" ? html`<p class="flash error" role="status">${v.canApprove ? t("campaigns:detail.awaitingYou") : t("campaigns:detail.awaiting")}</p>` : ""}
    <section class="panel">
      <dl class="facts">
        <dt>${t("campaigns:detail.state")}</dt>
        <dd>${stateBadge(t, c)}</dd>
        <dt>${t("campaigns:detail.when")}</dt>
        <dd>${triggerText(t, c.trigger)} · ${t("campaigns:detail.at", { time: c.sendTime })}</dd>
        <dt>${t("campaigns:detail.communes")}</dt>
        <dd>${communeList(a, v.communeNames)}</dd>
        <dt>${t("campaigns:detail.filters")}</dt>
        <dd>${filterText(t, a, v.categoryNames)}</dd>
        <dt>${t("campaigns:detail.createdBy")}</dt>
        <dd>${who(c.createdById)} · ${formatDateTime(c.createdAt)}</dd>
        ${
          c.activatedAt
            ? html`<dt>${t("campaigns:detail.activatedBy")}</dt>
                <dd>${who(c.activatedById)} · ${formatDateTime(c.activatedAt)}</dd>`
            : ""
        }
        ${
          c.approvedAt
            ? html`<dt>${t("campaigns:detail.approvedBy")}</dt>
                <dd>${who(c.approvedById)} · ${formatDateTime(c.approvedAt)}</dd>`
            : ""
        }
      </dl>
    </section>
    ${previewPanel(t, v.preview, t("campaigns:detail.next"))}
    <h2>${t("campaigns:detail.fires")}</h2>
    ${v.quietDay ? html`<p class="muted" id="quiet-day">${t("campaigns:detail.quietDay", { date: formatDate(v.quietDay) })}</p>` : ""}
    ${dataTable(
      [
        { label: t("campaigns:detail.fireDay") },
        { label: t("campaigns:detail.firedAt") },
        { label: t("campaigns:detail.picked"), num: true },
        { label: t("campaigns:detail.recipients"), num: true },
        { label: t("campaigns:detail.report") },
      ],
      v.fires.map((f) => [
        html`${formatDate(f.fireKey)}`,
        html`${formatDateTime(f.firedAt)}`,
        html`${f.picked}`,
        html`${f.recipients}`,
        f.broadcastId
          ? html`<a href="/console/broadcasts/${f.broadcastId}">${t("campaigns:detail.openReport")}</a>`
          : html`<span class="muted">${t("campaigns:detail.nobody")}</span>`,
      ]),
      t("campaigns:detail.noFires"),
      "fires",
    )}`;
}

function communeList(a: Audience, names: Map<string, string>): string {
  return a.communeIds.map((id) => names.get(id) ?? id).join(", ");
}

function filterText(t: TFunction, a: Audience, categories: Map<string, string>): string {
  const parts = [
    a.programmes?.length ? a.programmes.map((p) => t(`campaigns:programme.${p}`)).join(", ") : null,
    a.categoryCodes?.length ? a.categoryCodes.map((c) => categories.get(c) ?? c).join(", ") : null,
    a.payoutMethods?.length ? a.payoutMethods.map((m) => t(`campaigns:method.${m}`)).join(", ") : null,
    a.noAccount ? t("campaigns:form.noAccount") : null,
    a.notCollectedThisPeriod ? t("campaigns:form.notCollected") : null,
    a.notReachableByChat ? t("campaigns:form.notReachable") : null,
    a.channels?.length ? a.channels.map((c) => t(`campaigns:channel.${c}`)).join(", ") : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" · ") : t("campaigns:detail.noFilters");
}
