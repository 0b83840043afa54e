// The audit log page: filters and the newest entries first.
import type { TFunction } from "i18next";
import type { AuditPage } from "../../../features/staff/auditTrail.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { AuditQuery } from "../audit.ts";
import { dataTable, formatDateTime, pager } from "./common.ts";

export const KNOWN_ACTIONS = [
  "beneficiary.view",
  "beneficiary.reveal_id",
  "login.success",
  "login.failed",
  "login.lockout",
  "login.blocked",
  "logout",
  "import.dry_run",
  "import.apply",
];

export function actionLabel(t: TFunction, action: string): string {
  return t(`console:audit.actions.${action.replace(/\./g, "_")}`, { defaultValue: action });
}

export function auditView(t: TFunction, o: { query: AuditQuery; result: AuditPage; everyone: boolean }): SafeHtml {
  const { query, result } = o;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "page") params.set(k, String(v));
  return html`<p class="muted">${o.everyone ? t("console:audit.scopeAll") : t("console:audit.scopeOwn")}</p>
    <form method="get" action="/console/audit" class="panel filters">
      <div class="field">
        <label for="actor">${t("console:audit.actor")}</label>
        <input type="text" id="actor" name="actor" value="${query.actor ?? ""}" />
      </div>
      <div class="field">
        <label for="action">${t("console:audit.action")}</label>
        <input type="text" id="action" name="action" value="${query.action ?? ""}" list="audit-actions" />
        <datalist id="audit-actions">
          ${KNOWN_ACTIONS.map((a) => html`<option value="${a}">${actionLabel(t, a)}</option>`)}
        </datalist>
      </div>
      <div class="field">
        <label for="from">${t("console:audit.from")}</label>
        <input type="date" id="from" name="from" value="${query.from ?? ""}" />
      </div>
      <div class="field">
        <label for="to">${t("console:audit.to")}</label>
        <input type="date" id="to" name="to" value="${query.to ?? ""}" />
      </div>
      <div class="field actions">
        <button type="submit" class="primary">${t("console:audit.submit")}</button>
        <a href="/console/audit" class="btn secondary">${t("console:search.reset")}</a>
      </div>
    </form>
    <p class="muted">${t("console:audit.count", { count: result.total })}</p>
    ${dataTable(
      [
        { label: t("console:audit.at") },
        { label: t("console:audit.actor") },
        { label: t("console:audit.action") },
        { label: t("console:audit.subject") },
        { label: t("console:audit.detail") },
      ],
      result.rows.map((r) => [
        html`<span class="nowrap">${formatDateTime(r.at)}</span>`,
        html`${r.actor}`,
        html`${actionLabel(t, r.action)}
          <div class="muted small mono">${r.action}</div>`,
        r.entity === "beneficiary" && r.entityId
          ? html`<a href="/console/beneficiaries/${r.entityId}">${r.subject ?? r.entityId}</a>`
          : html``,
        html`<span class="muted small"
          >${[summariseDetail(r.detail), r.ip ? `IP ${r.ip}` : ""].filter(Boolean).join(" · ")}</span
        >`,
      ]),
      t("console:audit.none"),
      "audit",
    )}
    ${pager(t, "/console/audit", params, result.page, result.pages)}`;
}

/** {"reason":"password","failures":2} → "reason: password, failures: 2", kept short. */
function summariseDetail(detail: unknown): string {
  if (detail === null || detail === undefined || detail === "") return "";
  const text =
    typeof detail === "object" && !Array.isArray(detail)
      ? Object.entries(detail)
          .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
          .join(", ")
      : JSON.stringify(detail);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
