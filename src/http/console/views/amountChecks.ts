// The amount check page: choose a month and a commune of the officer's area, then the payouts whose
// monthly allowance differs from the policy, with the likely cause.
import type { TFunction } from "i18next";
import type { AmountCheckResult } from "../../../features/entitlements/checkAmounts.ts";
import { gapText, outdatedText, reasonText } from "../../../features/entitlements/reasonText.ts";
import type { AreaCommune } from "../../../features/staff/scope.ts";
import { formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { dataTable, formatMonth, selectOptions } from "./common.ts";

const NS = "entitlements:amountChecks";

export function amountChecksView(
  t: TFunction,
  locale: string,
  o: { month: string; communeId: string | undefined; communes: AreaCommune[]; result: AmountCheckResult },
): SafeHtml {
  const { result } = o;
  const money = (n: number) => formatVnd(n, locale);
  const all = { value: "", label: t(`${NS}.allCommunes`) };
  return html`<p>${t(`${NS}.intro`)}</p>
    <form method="get" action="/console/amount-checks" class="panel filters">
      <div class="field">
        <label for="month">${t(`${NS}.month`)}</label>
        <input type="month" id="month" name="month" value="${o.month.slice(0, 7)}" required />
      </div>
      <div class="field">
        <label for="communeId">${t(`${NS}.commune`)}</label>
        <select id="communeId" name="communeId">
          ${selectOptions(
            [all, ...o.communes.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))],
            o.communeId,
          )}
        </select>
      </div>
      <div class="field actions"><button type="submit" class="primary">${t(`${NS}.submit`)}</button></div>
    </form>
    <p class="muted" id="check-summary">
      ${t(`${NS}.summary`, { month: formatMonth(result.month), checked: result.checked, count: result.rows.length })}
    </p>
    ${dataTable(
      [
        { label: t(`${NS}.col.name`) },
        { label: t(`${NS}.col.id`) },
        { label: t(`${NS}.col.commune`) },
        { label: t(`${NS}.col.expected`), num: true },
        { label: t(`${NS}.col.paid`), num: true },
        { label: t(`${NS}.col.difference`), num: true },
        { label: t(`${NS}.col.reason`) },
      ],
      result.rows.map((r) => [
        html`<a href="/console/beneficiaries/${r.beneficiaryId}">${r.fullName}</a>`,
        html`<span class="mono nowrap">${r.personalIdMasked}</span>`,
        html`${r.commune.name}`,
        html`${money(r.expected)}`,
        html`${money(r.paid)}`,
        html`<strong>${r.difference > 0 ? "+" : ""}${money(r.difference)}</strong>`,
        html`${reasonText(t, locale, r.reason)}`,
      ]),
      t(`${NS}.none`),
      "amount-checks",
    )}
    ${section(
      t(`${NS}.outdatedTitle`, { count: result.outdated.length }),
      t(`${NS}.outdatedHint`),
      result.outdated,
      "outdated",
      (u) => html`${money(u.paid)} · ${outdatedText(t, locale, u.match)}`,
    )}
    ${section(
      t(`${NS}.unpriced`, { count: result.unpriced.length }),
      t(`${NS}.unpricedHint`),
      result.unpriced,
      "unpriced",
      (u) => html`${money(u.paid)} · ${gapText(t, locale, u.gap)}`,
    )}
    ${section(
      t(`${NS}.backPayTitle`, { count: result.backPay.length }),
      t(`${NS}.backPayHint`),
      result.backPay,
      "back-pay",
      (u) =>
        html`${t(`${NS}.backPayLine`, {
          amount: money(u.paid),
          months: u.owed.flatMap((o) => o.months.map((m) => formatMonth(m.month))).join(", ") || "—",
          owed: money(u.owed.reduce((s, o) => s + o.total, 0)),
        })}${u.inTotal ? html` · ${t(`${NS}.backPayInTotal`)}` : ""}`,
    )}
    ${section(
      t(`${NS}.beforeRaiseTitle`, { count: result.beforeRaise.length }),
      t(`${NS}.beforeRaiseHint`),
      result.beforeRaise,
      "before-raise",
      (u) =>
        html`${t(`${NS}.beforeRaiseLine`, { paid: money(u.paid), expected: money(u.expected), owed: money(u.expected - u.paid) })}`,
    )}`;
}

interface Listed {
  beneficiaryId: string;
  fullName: string;
  personalIdMasked: string;
  commune: { name: string };
}

/** A titled list of people with one line each; nothing at all when the list is empty. */
function section<T extends Listed>(
  title: string,
  hint: string,
  items: T[],
  className: string,
  line: (item: T) => SafeHtml,
): SafeHtml {
  if (items.length === 0) return html``;
  return html`<h2>${title}</h2>
    <p class="muted">${hint}</p>
    <ul class="${className}">
      ${items.map(
        (u) =>
          html`<li>
            <a href="/console/beneficiaries/${u.beneficiaryId}">${u.fullName}</a>
            <span class="mono">${u.personalIdMasked}</span> · ${u.commune.name} · ${line(u)}
          </li>`,
      )}
    </ul>`;
}
