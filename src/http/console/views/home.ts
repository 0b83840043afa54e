// The console's home: what is in the staff member's area at a glance, and where to go next.
import type { TFunction } from "i18next";
import type { AreaSummary } from "../../../features/beneficiaries/summary.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { badge, dataTable, formatMonth } from "./common.ts";

export function homeView(
  t: TFunction,
  o: {
    summary: AreaSummary;
    staff: StaffContext;
    locale: string;
    areaLabel: string;
    shortcuts: { key: string; href: string }[];
  },
): SafeHtml {
  const s = o.summary;
  const count = (n: number) => new Intl.NumberFormat(o.locale === "en" ? "en-US" : "vi-VN").format(n);
  return html`<p class="muted">${t("console:home.area", { area: o.areaLabel })}</p>
    <div class="stats">
      <a class="stat" href="/console/beneficiaries"
        ><span class="stat-num">${count(s.total)}</span><span class="stat-label">${t("console:home.total")}</span></a
      >
      ${s.byProgramme.map(
        (p) =>
          html`<a class="stat" href="/console/beneficiaries?programme=${p.programme}"
            ><span class="stat-num">${count(p.count)}</span
            ><span class="stat-label">${t(`console:programme.${p.programme}`)}</span></a
          >`,
      )}
    </div>
    <div class="grid-2">
      <section class="panel">
        <h2>${t("console:home.byStatus")}</h2>
        ${dataTable(
          [{ label: t("console:search.col.status") }, { label: t("console:home.count"), num: true }],
          s.byStatus.map((b) => [
            html`<a href="/console/beneficiaries?status=${b.status}">${badge(t, "status", b.status)}</a>`,
            html`${count(b.count)}`,
          ]),
          t("console:home.empty"),
        )}
      </section>
      <section class="panel">
        <h2>
          ${s.latestPeriod ? t("console:home.latestPeriod", { month: formatMonth(s.latestPeriod.month) }) : t("console:home.payouts")}
        </h2>
        ${
          s.latestPeriod
            ? dataTable(
                [
                  { label: t("console:detail.pay.status") },
                  { label: t("console:home.count"), num: true },
                  { label: t("console:home.amount"), num: true },
                ],
                s.latestPeriod.byStatus.map((p) => [
                  badge(t, "payoutStatus", p.status),
                  html`${count(p.count)}`,
                  html`${formatVnd(p.amount, o.locale)}`,
                ]),
                t("console:home.noPayouts"),
              )
            : html`<p class="muted">${t("console:home.noPayouts")}</p>`
        }
      </section>
    </div>
    <section class="panel">
      <h2>${t("console:home.shortcuts")}</h2>
      <p class="actions">
        <a class="btn" href="/console/beneficiaries">${t("console:home.search")}</a>
        ${o.shortcuts.map((s) => html`<a class="btn secondary" href="${s.href}">${t(`console:nav.${s.key}`)}</a>`)}
      </p>
    </section>`;
}
