// What the import read of each sheet, so an officer can see that the right table was found:
// where its column titles and people are, what the title said, which columns were left out
// (unknown or hidden) and which sheets were skipped, and why.
import type { TFunction } from "i18next";
import type { SheetSummary } from "../../../features/imports/types.ts";
import { unpaidLine } from "../../../features/imports/reportLines.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";

export function sheetsSummary(t: TFunction, sheets: SheetSummary[]): SafeHtml {
  if (sheets.length === 0) return html``;
  return html`<section class="panel sheets" aria-labelledby="sheets-title">
    <h2 id="sheets-title">${t("imports:sheets.title")}</h2>
    <ul class="sheet-list">
      ${sheets.map((s) => html`<li>${sheetLine(t, s)}</li>`)}
    </ul>
  </section>`;
}

function sheetLine(t: TFunction, s: SheetSummary): SafeHtml {
  const name = s.name === null ? t("imports:sheets.csv") : t("imports:sheets.named", { name: s.name });
  if (s.status === "skipped") {
    return html`<strong>${name}</strong>:
      <span class="badge muted">${t("imports:sheets.skipped")}</span>
      ${t(`imports:sheets.reasons.${s.reason ?? "no_header"}`)}`;
  }
  const facts: string[] = [];
  if (s.titleCommune) facts.push(t("imports:sheets.commune", { commune: s.titleCommune }));
  if (s.titleMonth)
    facts.push(t("imports:sheets.month", { month: s.titleMonth.slice(5), year: s.titleMonth.slice(0, 4) }));
  const skipped = s.skippedRows
    ? s.skippedRows.numbers + s.skippedRows.section + s.skippedRows.footer + s.skippedRows.header
    : 0;
  const header = s.headerRows
    ? s.headerRows.first === s.headerRows.last
      ? String(s.headerRows.first)
      : `${s.headerRows.first}–${s.headerRows.last}`
    : "";
  return html`<strong>${name}</strong>:
    <span class="badge">${t("imports:sheets.read")}</span>
    ${t("imports:sheets.rows", { count: s.rows, from: s.firstRow ?? "", to: s.lastRow ?? "", header })}
    ${facts.length > 0 ? html`<br /><span class="small">${facts.join(" · ")}</span>` : ""}
    ${skipped > 0 ? html`<br /><span class="small muted">${t("imports:sheets.otherRows", { count: skipped })}</span>` : ""}
    ${s.unpaidRows?.length ? html`<br /><span class="small">${unpaidLine(t, s.unpaidRows)}</span>` : ""}
    ${s.ignored && s.ignored.length > 0 ? html`<br /><span class="small">${t("imports:sheets.ignored")} ${s.ignored.map((c) => `${c.header} (${c.letter})`).join(", ")}</span>` : ""}
    ${s.hidden && s.hidden.length > 0 ? html`<br /><span class="small">${t("imports:sheets.hidden")} ${s.hidden.map((c) => `${c.header} (${c.letter})`).join(", ")}</span>` : ""}`;
}
