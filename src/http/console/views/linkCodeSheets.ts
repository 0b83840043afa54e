// The printable link-code sheets: one A4 page per person, written for an older reader with weak
// eyesight. The sheet itself is always in Vietnamese (it is handed to the beneficiary); only the
// officer's toolbar, which is never printed, follows the console language.
import type { TFunction } from "i18next";
import type { IssuedLinkCodes } from "../../../features/linking/codes.ts";
import { formatDate } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";

export interface LinkCodeSheetsView {
  /** Officer's language, for the toolbar. */
  t: TFunction;
  locale: string;
  /** Vietnamese, for the sheets. */
  sheetT: TFunction;
  issued: IssuedLinkCodes;
  /** QR code per link code id, as inline SVG markup. */
  qr: Map<string, SafeHtml>;
  /** Whether the QR code opens Telegram (otherwise the web chat). */
  viaTelegram: boolean;
}

export function linkCodeSheets(v: LinkCodeSheetsView): SafeHtml {
  const { t, issued } = v;
  const title = t("linkCodes:print.title", { commune: issued.commune.name });
  const fresh = issued.codes.filter((c) => !c.reused).length;
  const first = issued.codes[0];
  const summary = first
    ? t("linkCodes:print.summary", {
        count: issued.codes.length,
        fresh,
        reused: issued.codes.length - fresh,
        date: formatDate(first.validThrough),
      })
    : t("linkCodes:print.none");
  return html`<!doctype html>
    <html lang="${v.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · An Sinh Bot</title>
        <link rel="stylesheet" href="/console/static/printSheets.css" />
        <link rel="stylesheet" href="/console/static/linkCodes.css" />
        <script src="/console/static/linkCodes.js" defer></script>
      </head>
      <body class="print-sheets link-sheets">
        <div class="toolbar no-print">
          <a class="back" href="/console/link-codes">← ${t("linkCodes:print.back")}</a>
          <h1>${title}</h1>
          <p id="sheet-summary">${summary}</p>
          ${
            first
              ? html`<p><button type="button" id="print-button" class="print">${t("linkCodes:print.print")}</button></p>
                  <p class="hint">${t("linkCodes:print.hint")}</p>`
              : ""
          }
        </div>
        ${issued.codes.map((c) => sheet(v, c))}
      </body>
    </html>`;
}

function sheet(v: LinkCodeSheetsView, c: IssuedLinkCodes["codes"][number]): SafeHtml {
  const t = v.sheetT;
  const place = [c.address, v.issued.commune.name].filter((s): s is string => Boolean(s)).join(", ");
  return html`<section class="sheet" data-beneficiary="${c.beneficiaryId}">
    <header class="sheet-head">
      <strong>An Sinh Bot</strong><span>${t("linkCodes:card.heading")} · ${v.issued.commune.name}</span>
    </header>
    <h2 class="person">${c.fullName}</h2>
    <dl class="who">
      <dt>${t("linkCodes:card.personalId")}:</dt>
      <dd>${c.maskedPersonalId}</dd>
      <dt>${t("linkCodes:card.address")}:</dt>
      <dd>${place}</dd>
    </dl>
    <div class="code-box">
      <p class="code-label">${t("linkCodes:card.yourCode")}</p>
      <p class="code">${c.displayCode}</p>
    </div>
    <div class="how">
      <ol class="steps">
        <li>${t("linkCodes:card.step1")}</li>
        <li>${t("linkCodes:card.step2")} <strong class="code-inline">${c.displayCode}</strong></li>
        <li>${t(v.viaTelegram ? "linkCodes:card.step3Telegram" : "linkCodes:card.step3Web")}</li>
      </ol>
      <div class="qr" role="img" aria-label="${t("linkCodes:card.qrLabel")}">${v.qr.get(c.linkCodeId) ?? ""}</div>
    </div>
    <p class="help">${t("linkCodes:card.relativeHelp")}</p>
    <p class="valid">${t("linkCodes:card.validThrough", { date: formatDate(c.validThrough) })}</p>
    <p class="warning">${t("linkCodes:card.warning")}</p>
  </section>`;
}
