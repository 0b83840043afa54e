// One policy change (what it was, what it is to be, who entered it, who decided) with the buttons
// its reader may use: a second person confirms or rejects, the author withdraws; and the history.
import type { TFunction } from "i18next";
import type { ChangeValue } from "../../../features/policy/changeSchema.ts";
import type { StoredChange } from "../../../features/policy/policyChanges.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { dataTable, formatDateTime } from "./common.ts";

/** One line naming the change: "Nghị quyết 15/2025/NQ-HĐND (A01): 600.000 đ từ 01/2026". */
export function changeSummary(t: TFunction, locale: string, c: StoredChange): string {
  const what = t(`policy:table.${c.table}`);
  if ("remove" in c.after) return t("policy:summary.remove", { what, target: c.target ?? "" });
  return `${what}: ${describe(t, locale, c.after.value)}`;
}

export function describe(t: TFunction, locale: string, v: ChangeValue): string {
  const money = (n: number | null) => (n === null ? "—" : formatVnd(n, locale));
  const month = (d: string) => `${d.slice(5, 7)}/${d.slice(0, 4)}`;
  switch (v.table) {
    case "BASE_LEVEL":
      return t("policy:summary.level", {
        programme: t(`policy:programme.${v.value.programme}`),
        amount: money(v.value.amount),
        from: month(v.value.effectiveFrom),
        basis: v.value.legalBasis,
      });
    case "CATEGORY":
      return `${v.value.code} · ${v.value.name}${v.value.effectiveTo ? ` · ${t("policy:summary.until", { date: v.value.effectiveTo })}` : ""}`;
    case "CATEGORY_AMOUNT":
      return t("policy:summary.amount", {
        code: v.value.categoryCode,
        value: v.value.coefficient ?? money(v.value.amount),
        level: v.value.baseLevel ? money(v.value.baseLevel) : "",
        from: month(v.value.effectiveFrom),
        basis: v.value.legalBasis,
      });
    case "RATE_TABLE":
      return t("policy:summary.table", {
        code: v.value.code,
        level: money(v.value.baseLevel),
        count: v.value.rows.length,
        from: v.value.rows[0]?.rate ?? 0,
        to: v.value.rows.at(-1)?.rate ?? 0,
      });
    case "RESOLUTION":
      return t("policy:summary.resolution", {
        number: v.value.resolutionNo,
        province: v.value.provinceCode,
        what: v.value.categoryCode ?? t(`policy:programme.${v.value.programme}`),
        amount: money(v.value.amount),
        from: month(v.value.effectiveFrom),
      });
  }
}

export function changePage(
  t: TFunction,
  locale: string,
  staff: StaffContext,
  c: StoredChange,
  canDecide: boolean,
): SafeHtml {
  const own = c.enteredById === staff.id;
  const after = "remove" in c.after ? null : c.after.value;
  return html`<p><a href="/console/policy">← ${t("policy:back")}</a></p>
    <section class="panel" id="change">
      <p>${statusBadge(t, c)} <strong id="change-summary">${changeSummary(t, locale, c)}</strong></p>
      <dl class="facts">
        <dt>${t("policy:change.enteredBy")}</dt>
        <dd>${c.enteredBy} · ${formatDateTime(c.enteredAt)}</dd>
        ${
          c.note
            ? html`<dt>${t("policy:form.note")}</dt>
                <dd>${c.note}</dd>`
            : ""
        }
        ${
          c.decidedBy
            ? html`<dt>${t(`policy:change.decided.${c.status}`)}</dt>
                <dd>
                  ${c.decidedBy} ·
                  ${c.decidedAt ? formatDateTime(c.decidedAt) : ""}${c.decisionNote ? ` · ${c.decisionNote}` : ""}
                </dd>`
            : ""
        }
      </dl>
      <div class="grid-2">
        <div>
          <h2>${t("policy:change.before")}</h2>
          ${c.before ? fields(t, locale, c.before) : html`<p class="muted">${t("policy:change.newRow")}</p>`}
        </div>
        <div>
          <h2>${t("policy:change.after")}</h2>
          ${after ? fields(t, locale, after) : html`<p class="muted">${t("policy:change.removed")}</p>`}
        </div>
      </div>
      ${c.status === "PENDING" && canDecide ? decide(t, staff, c, own) : ""}
    </section>`;
}

function decide(t: TFunction, staff: StaffContext, c: StoredChange, own: boolean): SafeHtml {
  return html`<form method="post" action="/console/policy/changes/${c.id}/decide" class="actions" id="decide-form">
    <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
    <div class="field">
      <label for="decision-note">${t("policy:change.decisionNote")}</label
      ><input type="text" id="decision-note" name="note" />
    </div>
    ${
      own
        ? html`<p class="muted" id="own-change">${t("policy:change.ownChange")}</p>
            <button type="submit" name="decision" value="withdraw" class="btn secondary">
              ${t("policy:change.withdraw")}
            </button>`
        : html`<button type="submit" name="decision" value="confirm" class="primary">
              ${t("policy:change.confirm")}
            </button>
            <button type="submit" name="decision" value="reject" class="btn danger">
              ${t("policy:change.reject")}
            </button>`
    }
  </form>`;
}

/** The row's fields as a small two-column list (a rate table shows its rows). */
function fields(t: TFunction, locale: string, v: ChangeValue): SafeHtml {
  const entries = Object.entries(v.value).filter(
    ([k, x]) => k !== "rows" && x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0),
  );
  const show = (x: unknown) =>
    typeof x === "object" ? JSON.stringify(x) : typeof x === "number" && x >= 1000 ? formatVnd(x, locale) : String(x);
  return html`<dl class="facts">
      ${entries.map(
        ([k, x]) =>
          html`<dt>${t(`policy:field.${k}`, { defaultValue: k })}</dt>
            <dd>${show(x)}</dd>`,
      )}
    </dl>
    ${
      v.table === "RATE_TABLE"
        ? html`<details>
            <summary>
              ${t("policy:rowsRange", { count: v.value.rows.length, from: v.value.rows[0]?.rate ?? 0, to: v.value.rows.at(-1)?.rate ?? 0 })}
            </summary>
            ${dataTable(
              [{ label: t("policy:col.rate") }, { label: t("policy:col.amount"), num: true }],
              v.value.rows.map((r) => [html`${r.rate}%`, html`${formatVnd(r.amount, locale)}`]),
              "",
            )}
          </details>`
        : ""
    }`;
}

export function historyPage(t: TFunction, locale: string, changes: StoredChange[]): SafeHtml {
  return html`<p><a href="/console/policy">← ${t("policy:back")}</a></p>
    ${dataTable(
      ["when", "change", "status", "enteredBy", "decidedBy"].map((k) => ({ label: t(`policy:history.${k}`) })),
      changes.map((c) => [
        html`<span class="nowrap">${formatDateTime(c.enteredAt)}</span>`,
        html`<a href="/console/policy/changes/${c.id}">${changeSummary(t, locale, c)}</a>`,
        statusBadge(t, c),
        html`${c.enteredBy}`,
        html`${c.decidedBy ?? ""}`,
      ]),
      t("policy:history.none"),
    )}`;
}

function statusBadge(t: TFunction, c: StoredChange): SafeHtml {
  const tone = c.status === "PENDING" ? "info" : c.status === "CONFIRMED" ? "" : "muted";
  return html`<span class="badge ${tone}">${t(`policy:changeStatus.${c.status}`)}</span>`;
}
