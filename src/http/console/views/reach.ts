// The reach page: counts per commune with the totals, the visit list page by page, and the
// download. Phones are masked; names link to the person's record.
import type { TFunction } from "i18next";
import type { PersonToVisit } from "../../../features/notifications/peopleToVisit.ts";
import type { CommuneReach } from "../../../features/notifications/reachByCommune.ts";
import { reachTotals, type ReachCounts } from "../../../features/notifications/reachTotals.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { dataTable, pager, selectOptions } from "./common.ts";

const NS = "console:reach";

export function reachView(
  t: TFunction,
  o: {
    communeId: string | undefined;
    communes: AreaCommune[];
    rows: CommuneReach[];
    visits: PersonToVisit[];
    page: number;
    pageSize: number;
  },
): SafeHtml {
  const totals = reachTotals(o.rows);
  const toVisit = totals.phoneOnly + totals.none;
  const counts = (r: ReachCounts) =>
    [r.total, r.ownChat, r.relativeChat, r.phoneOnly, r.none, r.noticesOff].map((n) => html`${n}`);
  const params = new URLSearchParams(o.communeId ? { communeId: o.communeId } : {});
  const exportHref = `/console/reach/export${params.size ? `?${params.toString()}` : ""}`;
  const all = { value: "", label: t(`${NS}.allCommunes`) };
  return html`<p>${t(`${NS}.intro`)}</p>
    <form method="get" action="/console/reach" class="panel filters">
      <div class="field">
        <label for="communeId">${t(`${NS}.col.commune`)}</label>
        <select id="communeId" name="communeId">
          ${selectOptions(
            [all, ...o.communes.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))],
            o.communeId,
          )}
        </select>
      </div>
      <div class="field actions">
        <button type="submit" class="primary">${t(`${NS}.submit`)}</button>
        <a class="btn secondary" href="${exportHref}" download>${t(`${NS}.download`)}</a>
      </div>
    </form>
    ${dataTable(
      [
        { label: t(`${NS}.col.commune`) },
        { label: t(`${NS}.col.total`), num: true },
        { label: t(`${NS}.col.ownChat`), num: true },
        { label: t(`${NS}.col.relativeChat`), num: true },
        { label: t(`${NS}.col.phoneOnly`), num: true },
        { label: t(`${NS}.col.none`), num: true },
        { label: t(`${NS}.col.noticesOff`), num: true },
      ],
      [
        ...o.rows.map((r) => [
          html`<span class="nowrap">${r.communeName}</span> <span class="muted nowrap">${r.communeCode}</span>`,
          ...counts(r),
        ]),
        [html`<strong>${t(`${NS}.totals`)}</strong>`, ...counts(totals).map((c) => html`<strong>${c}</strong>`)],
      ],
      t(`${NS}.noCommunes`),
      "reach",
    )}
    <dl class="muted definitions">
      <dt>${t(`${NS}.col.ownChat`)}</dt>
      <dd>${t(`${NS}.define.ownChat`)}</dd>
      <dt>${t(`${NS}.col.relativeChat`)}</dt>
      <dd>${t(`${NS}.define.relativeChat`)}</dd>
      <dt>${t(`${NS}.col.phoneOnly`)}</dt>
      <dd>${t(`${NS}.define.phoneOnly`)}</dd>
      <dt>${t(`${NS}.col.none`)}</dt>
      <dd>${t(`${NS}.define.none`)}</dd>
      <dt>${t(`${NS}.col.noticesOff`)}</dt>
      <dd>${t(`${NS}.define.noticesOff`)}</dd>
    </dl>
    <h2 id="visits-title">${t(`${NS}.visits`, { count: toVisit })}</h2>
    <p class="muted">${t(`${NS}.visitsHint`)}</p>
    ${dataTable(
      [
        { label: t(`${NS}.col.name`) },
        { label: t(`${NS}.col.address`) },
        { label: t(`${NS}.col.phone`) },
        { label: t(`${NS}.col.commune`) },
        { label: t(`${NS}.col.why`) },
      ],
      o.visits.map((p) => [
        html`<a href="/console/beneficiaries/${p.beneficiaryId}">${p.fullName}</a>`,
        html`${p.address ?? ""}`,
        html`<span class="mono nowrap">${p.maskedPhone ?? t(`${NS}.noPhone`)}</span>`,
        html`${p.communeName}`,
        html`${t(`${NS}.reason.${p.reach}`)}`,
      ]),
      t(`${NS}.noVisits`),
      "visits",
    )}
    ${pager(t, "/console/reach", params, o.page, Math.max(1, Math.ceil(toVisit / o.pageSize)))}`;
}
