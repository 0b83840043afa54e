// The results dashboard page: the area's key figures, the communes side by side (the ones behind
// marked and sorted first), officers' messages of the month, charts, and the trend over twelve
// months. Every number links to the
// list of people or items it counts.
import type { TFunction } from "i18next";
import { accountShare, type CommuneFigures, type FigureCounts } from "../../../features/dashboard/communeFigures.ts";
import type { ListFigure } from "../../../features/dashboard/figureLists.ts";
import { DEFINITIONS } from "../../../features/dashboard/listColumns.ts";
import type { Dashboard } from "../../../features/dashboard/loadDashboard.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { barChart, columnChart } from "./dashboardCharts.ts";
import { dataTable, formatDateTime, formatMonth, selectOptions } from "./common.ts";

export type DashboardSort = "share" | "unreachable" | "name";
const NS = "dashboard";
// One collator for every comparison: building one per call is slow in a sort.
const NAMES = new Intl.Collator("vi");
const BROADCAST_FIGURES = [
  "broadcastSent",
  "broadcastFailed",
  "broadcastUnreached",
  "broadcastUnsent",
] as const satisfies readonly ListFigure[];

export interface DashboardViewModel {
  dashboard: Dashboard;
  sort: DashboardSort;
  locale: string;
  csrfToken: string;
}

export function dashboardView(t: TFunction, m: DashboardViewModel): SafeHtml {
  const d = m.dashboard;
  if (!d.period) return html`<p class="muted empty">${t(`${NS}:noPeriods`)}</p>`;
  const month = d.period.month.slice(0, 7);
  // Formatters are built once per page: building one per number is slow for a province.
  const counts = new Intl.NumberFormat(m.locale === "en" ? "en-US" : "vi-VN");
  const percents = new Intl.NumberFormat(m.locale === "en" ? "en-US" : "vi-VN", { maximumFractionDigits: 1 });
  const num = (n: number) => counts.format(n);
  const pct = (v: number | null) => (v === null ? "–" : `${percents.format(v)}%`);
  const listHref = (figure: ListFigure, communeId?: string) =>
    `/console/dashboard/list?${new URLSearchParams({ figure, month, ...(communeId ? { communeId } : {}) }).toString()}`;
  const link = (figure: ListFigure, value: number, communeId?: string) =>
    html`<a href="${listHref(figure, communeId)}">${num(value)}</a>`;
  const behind = flagBehind(d.communes);
  const flagged = (c: CommuneFigures, what: Flag) =>
    (what === "share" ? behind.lowShare : behind.hardToReach).has(c.communeId);
  const rows = sortCommunes(d.communes, m.sort);
  const tot = d.totals;
  const totalShare = accountShare(tot);
  const card = (figure: ListFigure, value: string, label: string, extra: SafeHtml | string = "") =>
    html`<a class="stat" href="${listHref(figure)}" data-figure="${figure}"
      ><span class="stat-num">${value}</span><span class="stat-label">${label}</span>${extra}</a
    >`;
  const communeCell = (c: CommuneFigures, what?: Flag) =>
    html`<span class="nowrap">${c.communeName}</span> <span class="muted nowrap">${c.communeCode}</span>${
        what && flagged(c, what)
          ? html` <span class="badge warn">${t(what === "share" ? `${NS}:behind` : `${NS}:hardToReach`)}</span>`
          : ""
      }`;
  const totalsLabel = html`<strong>${t(`${NS}:totals`)}</strong>`;
  const table = (
    cols: { label: string; num?: boolean }[],
    cells: (f: FigureCounts, communeId?: string) => SafeHtml[],
    cls: string,
    what?: Flag,
  ) =>
    dataTable(
      [{ label: t(`${NS}:col.commune`) }, ...cols],
      [
        ...rows.map((c) => [communeCell(c, what), ...cells(c, c.communeId)]),
        [totalsLabel, ...cells(tot).map((x) => html`<strong>${x}</strong>`)],
      ],
      t(`${NS}:noCommunes`),
      cls,
    );
  const sortLink = (s: DashboardSort) =>
    html`<a
      class="${m.sort === s ? "active" : ""}"
      href="/console/dashboard?${new URLSearchParams({ month, sort: s }).toString()}"
      >${t(`${NS}:sort.${s}`)}</a
    >`;
  const unreachable = (f: FigureCounts) => (f.active === 0 ? 0 : ((f.phoneOnly + f.none) / f.active) * 100);
  const trendLabel = (p: Dashboard["trend"][number]) => formatMonth(p.period.month);

  return html`<link rel="stylesheet" href="/console/static/dashboard.css" />
    <form method="get" action="/console/dashboard" class="panel filters">
      <div class="field">
        <label for="month">${t(`${NS}:period`)}</label>
        <select id="month" name="month">
          ${selectOptions(
            d.periods.map((p) => ({ value: p.month.slice(0, 7), label: formatMonth(p.month) })),
            month,
          )}
        </select>
      </div>
      <input type="hidden" name="sort" value="${m.sort}" />
      <div class="field actions">
        <button type="submit" class="primary">${t(`${NS}:show`)}</button>
        <a class="btn secondary" href="/console/dashboard/export?month=${month}" download>${t(`${NS}:download`)}</a>
      </div>
    </form>
    <p class="muted counted">${d.countedAt ? t(`${NS}:countedAt`, { at: formatDateTime(d.countedAt) }) : ""}</p>
    <form method="post" action="/console/dashboard/recount" class="inline recount">
      <input type="hidden" name="_csrf" value="${m.csrfToken}" /><input type="hidden" name="month" value="${month}" />
      <button type="submit" class="link">${t(`${NS}:recount`)}</button>
    </form>
    <div class="stats dashboard-stats">
      ${card("accountPaid", pct(totalShare), t(`${NS}:card.share`), html`<span class="stat-sub">${t(`${NS}:card.shareOf`, { account: num(tot.accountPaid), paid: num(tot.paid) })}</span>`)}
      ${card("linkedOwn", num(tot.linkedOwn), t(`${NS}:figure.linkedOwn`))}
      ${card("linkedRelative", num(tot.linkedRelative), t(`${NS}:figure.linkedRelative`))}
      ${card("none", num(tot.none), t(`${NS}:figure.none`))}
      ${card("noticesSent", num(tot.noticesSent), t(`${NS}:figure.noticesSent`), html`<span class="stat-sub">${t(`${NS}:card.noticesOther`, { failed: num(tot.noticesFailed), skipped: num(tot.noticesSkipped) })}</span>`)}
      ${card("broadcastSent", num(tot.broadcastSent), t(`${NS}:figure.broadcastSent`), html`<span class="stat-sub">${t(`${NS}:card.broadcastOther`, { failed: num(tot.broadcastFailed), unreached: num(tot.broadcastUnreached) })}</span>`)}
      ${card("uncollected", num(tot.uncollected), t(`${NS}:figure.uncollected`), html`<span class="stat-sub">${formatVnd(tot.uncollectedAmount, m.locale)}</span>`)}
      ${card("requestsPending", num(tot.requestsPending), t(`${NS}:figure.requestsPending`))}
      ${card("ticketsOpen", num(tot.ticketsOpen), t(`${NS}:figure.ticketsOpen`), html`<span class="stat-sub">${t(`${NS}:card.breached`, { count: tot.ticketsBreached })}</span>`)}
    </div>
    <p class="sorts">${t(`${NS}:sortBy`)} ${sortLink("share")} ${sortLink("unreachable")} ${sortLink("name")}</p>
    <section class="panel">
      <h2>${t(`${NS}:section.payouts`, { month: formatMonth(d.period.month) })}</h2>
      ${barChart({
        title: t(`${NS}:chart.share`),
        max: 100,
        bars: rows.map((c) => ({
          label: c.communeName,
          href: listHref("accountPaid", c.communeId),
          flagged: flagged(c, "share"),
          parts: [{ value: accountShare(c) ?? 0, tone: "account", title: `${c.communeName}: ${pct(accountShare(c))}` }],
        })),
        valueText: (b) => pct(b.parts[0]?.value ?? 0),
        ...(totalShare === null
          ? {}
          : { mark: { at: totalShare, title: t(`${NS}:chart.areaShare`, { share: pct(totalShare) }) } }),
      })}
      ${table(
        [
          { label: t(`${NS}:figure.paid`), num: true },
          { label: t(`${NS}:figure.accountPaid`), num: true },
          { label: t(`${NS}:figure.share`), num: true },
          { label: t(`${NS}:figure.uncollected`), num: true },
          { label: t(`${NS}:figure.uncollectedAmount`), num: true },
        ],
        (f, c) => [
          link("paid", f.paid, c),
          link("accountPaid", f.accountPaid, c),
          html`${pct(accountShare(f))}`,
          link("uncollected", f.uncollected, c),
          html`${formatVnd(f.uncollectedAmount, m.locale)}`,
        ],
        "dashboard-payouts",
        "share",
      )}
    </section>
    <section class="panel">
      <h2>${t(`${NS}:section.reach`)}</h2>
      ${barChart({
        title: t(`${NS}:chart.reach`),
        max: 100,
        bars: rows.map((c) => ({
          label: c.communeName,
          flagged: flagged(c, "reach"),
          parts: (["ownChat", "relativeChat", "phoneOnly", "none"] as const).map((k) => ({
            value: c.active === 0 ? 0 : (c[k] / c.active) * 100,
            tone: k,
            title: `${t(`${NS}:figure.${k}`)}: ${num(c[k])}`,
          })),
        })),
        valueText: (b) => pct(Math.round(b.parts.slice(2).reduce((n, p) => n + p.value, 0) * 10) / 10),
      })}
      <p class="legend muted small">
        ${(["ownChat", "relativeChat", "phoneOnly", "none"] as const).map((k) => html`<span class="key ${k}"></span>${t(`${NS}:figure.${k}`)} `)}·
        ${t(`${NS}:chart.reachValue`)}
      </p>
      ${table(
        [
          { label: t(`${NS}:figure.active`), num: true },
          { label: t(`${NS}:figure.linkedOwn`), num: true },
          { label: t(`${NS}:figure.linkedRelative`), num: true },
          { label: t(`${NS}:figure.ownChat`), num: true },
          { label: t(`${NS}:figure.relativeChat`), num: true },
          { label: t(`${NS}:figure.phoneOnly`), num: true },
          { label: t(`${NS}:figure.none`), num: true },
        ],
        (f, c) => [
          link("active", f.active, c),
          link("linkedOwn", f.linkedOwn, c),
          link("linkedRelative", f.linkedRelative, c),
          link("ownChat", f.ownChat, c),
          link("relativeChat", f.relativeChat, c),
          link("phoneOnly", f.phoneOnly, c),
          link("none", f.none, c),
        ],
        "dashboard-reach",
        "reach",
      )}
      <p class="muted small">${t(`${NS}:unreachableNote`, { share: pct(Math.round(unreachable(tot) * 10) / 10) })}</p>
    </section>
    <section class="panel">
      <h2>${t(`${NS}:section.work`, { month: formatMonth(d.period.month) })}</h2>
      ${table(
        [
          { label: t(`${NS}:figure.noticesSent`), num: true },
          { label: t(`${NS}:figure.noticesFailed`), num: true },
          { label: t(`${NS}:figure.noticesSkipped`), num: true },
          { label: t(`${NS}:figure.noticesWaiting`), num: true },
          { label: t(`${NS}:figure.requestsPending`), num: true },
          { label: t(`${NS}:figure.ticketsOpen`), num: true },
          { label: t(`${NS}:figure.ticketsBreached`), num: true },
        ],
        (f, c) => [
          link("noticesSent", f.noticesSent, c),
          link("noticesFailed", f.noticesFailed, c),
          link("noticesSkipped", f.noticesSkipped, c),
          link("noticesWaiting", f.noticesWaiting, c),
          link("requestsPending", f.requestsPending, c),
          link("ticketsOpen", f.ticketsOpen, c),
          link("ticketsBreached", f.ticketsBreached, c),
        ],
        "dashboard-work",
      )}
    </section>
    <section class="panel">
      <h2>${t(`${NS}:section.broadcasts`, { month: formatMonth(d.period.month) })}</h2>
      ${table(
        BROADCAST_FIGURES.map((k) => ({ label: t(`${NS}:figure.${k}`), num: true })),
        (f, c) => BROADCAST_FIGURES.map((k) => link(k, f[k], c)),
        "dashboard-broadcasts",
      )}
    </section>
    <section class="panel trend">
      <h2>${t(`${NS}:section.trend`)}</h2>
      <div class="trend-charts">
        <figure>
          <figcaption>${t(`${NS}:trend.share`)}</figcaption>
          ${columnChart({ title: t(`${NS}:trend.share`), tone: "account", max: 100, points: d.trend.map((p) => ({ label: trendLabel(p), value: accountShare(p), text: pct(accountShare(p)) })) })}
        </figure>
        <figure>
          <figcaption>${t(`${NS}:trend.uncollected`)}</figcaption>
          ${columnChart({ title: t(`${NS}:trend.uncollected`), tone: "uncollected", max: Math.max(0, ...d.trend.map((p) => p.uncollected)), points: d.trend.map((p) => ({ label: trendLabel(p), value: p.uncollected, text: num(p.uncollected) })) })}
        </figure>
        <figure>
          <figcaption>${t(`${NS}:trend.notices`)}</figcaption>
          ${columnChart({ title: t(`${NS}:trend.notices`), tone: "ownChat", max: Math.max(0, ...d.trend.map((p) => p.noticesSent)), points: d.trend.map((p) => ({ label: trendLabel(p), value: p.noticesSent, text: num(p.noticesSent) })) })}
        </figure>
        <figure>
          <figcaption>${t(`${NS}:trend.broadcasts`)}</figcaption>
          ${columnChart({ title: t(`${NS}:trend.broadcasts`), tone: "broadcast", max: Math.max(0, ...d.trend.map((p) => p.broadcastSent)), points: d.trend.map((p) => ({ label: trendLabel(p), value: p.broadcastSent, text: num(p.broadcastSent) })) })}
        </figure>
      </div>
      ${dataTable(
        [
          { label: t(`${NS}:period`) },
          { label: t(`${NS}:figure.share`), num: true },
          { label: t(`${NS}:figure.accountPaid`), num: true },
          { label: t(`${NS}:figure.paid`), num: true },
          { label: t(`${NS}:figure.uncollected`), num: true },
          { label: t(`${NS}:figure.uncollectedAmount`), num: true },
          { label: t(`${NS}:figure.noticesSent`), num: true },
          { label: t(`${NS}:figure.noticesFailed`), num: true },
          { label: t(`${NS}:figure.broadcastSent`), num: true },
        ],
        d.trend.map((p) => [
          html`<a href="/console/dashboard?month=${p.period.month.slice(0, 7)}">${trendLabel(p)}</a>`,
          html`${pct(accountShare(p))}`,
          html`${num(p.accountPaid)}`,
          html`${num(p.paid)}`,
          html`${num(p.uncollected)}`,
          html`${formatVnd(p.uncollectedAmount, m.locale)}`,
          html`${num(p.noticesSent)}`,
          html`${num(p.noticesFailed)}`,
          html`${num(p.broadcastSent)}`,
        ]),
        t(`${NS}:noPeriods`),
        "dashboard-trend",
      )}
    </section>
    <dl class="muted definitions">
      ${DEFINITIONS.map(
        (k) =>
          html`<dt>${t(`${NS}:define.${k}.term`)}</dt>
            <dd>${t(`${NS}:define.${k}.text`)}</dd>`,
      )}
    </dl>`;
}

type Flag = "share" | "reach";

/**
 * Communes to look at first, on each measure on its own: among the quarter with the lowest account
 * share, those below the area's share; among the quarter with the largest share of people no chat
 * reaches, those above the area's. A commune is never marked for a measure on which it does better
 * than the area as a whole — with two or three communes "the lowest quarter" is one of them, and
 * the best commune of the province must not read as behind.
 */
export function flagBehind(communes: CommuneFigures[]): { lowShare: Set<string>; hardToReach: Set<string> } {
  const none = { lowShare: new Set<string>(), hardToReach: new Set<string>() };
  if (communes.length < 2) return none;
  const quarter = Math.ceil(communes.length / 4);
  const sum = (k: "paid" | "accountPaid" | "active" | "phoneOnly" | "none") => communes.reduce((n, c) => n + c[k], 0);
  const areaShare = sum("paid") === 0 ? null : sum("accountPaid") / sum("paid");
  const areaUnreachable = sum("active") === 0 ? null : (sum("phoneOnly") + sum("none")) / sum("active");
  const share = (c: CommuneFigures) => c.accountPaid / c.paid;
  const unreachable = (c: CommuneFigures) => (c.phoneOnly + c.none) / c.active;
  const low = sortCommunes(
    communes.filter((c) => c.paid > 0),
    "share",
  )
    .slice(0, quarter)
    .filter((c) => areaShare !== null && share(c) < areaShare);
  const far = sortCommunes(
    communes.filter((c) => c.active > 0 && c.phoneOnly + c.none > 0),
    "unreachable",
  )
    .slice(0, quarter)
    .filter((c) => areaUnreachable !== null && unreachable(c) > areaUnreachable);
  return { lowShare: new Set(low.map((c) => c.communeId)), hardToReach: new Set(far.map((c) => c.communeId)) };
}

export function sortCommunes(communes: CommuneFigures[], sort: DashboardSort): CommuneFigures[] {
  const unreachable = (c: CommuneFigures) => (c.active === 0 ? 0 : (c.phoneOnly + c.none) / c.active);
  const byName = (a: CommuneFigures, b: CommuneFigures) =>
    NAMES.compare(a.communeName, b.communeName) || a.communeCode.localeCompare(b.communeCode);
  const copy = [...communes];
  if (sort === "name") return copy.sort(byName);
  if (sort === "unreachable") return copy.sort((a, b) => unreachable(b) - unreachable(a) || byName(a, b));
  // Communes without payouts this month have no share: after the others.
  return copy.sort((a, b) => (accountShare(a) ?? 101) - (accountShare(b) ?? 101) || byName(a, b));
}
