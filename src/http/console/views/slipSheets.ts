// The printable payout slips: one slip per envelope, several to an A4 page with cut lines between
// them, or one per A5 page. The slips are always in Vietnamese (they go to the beneficiary); only
// the officer's toolbar, which is never printed, follows the console language. The explanation is
// the chat's, rendered the way the chat renders it, one block per chat message.
import type { TFunction } from "i18next";
import { renderText } from "../../../core/renderReply.ts";
import type { TextRef } from "../../../core/reply.ts";
import type { ExplanationParts } from "../../../features/entitlements/explain.ts";
import { monthText } from "../../../features/entitlements/verdictTexts.ts";
import type { Slip, SlipBatch } from "../../../features/slips/slips.ts";
import { formatDate, formatVnd } from "../../../lib/format.ts";
import { html, raw, type SafeHtml } from "../../../lib/html.ts";

export type SlipLayout = "a4" | "a5";

export interface SlipSheetsView {
  /** Officer's language, for the toolbar. */
  t: TFunction;
  locale: string;
  /** Vietnamese, for the slips. */
  slipT: TFunction;
  batch: SlipBatch;
  /** QR code per beneficiary id, as SVG markup from the QR library. */
  qr: Map<string, string>;
  /** Whether the QR code opens Telegram (otherwise the web chat). */
  viaTelegram: boolean;
  layout: SlipLayout;
  hotline: { phone: string | null; hours: string | null };
  /**
   * The console links its stylesheet and print script (its security policy allows nothing
   * inline); the command line writes one self-contained file with the styles inside.
   */
  assets: { kind: "linked"; backHref: string } | { kind: "inline"; css: string };
}

const PART_ORDER: (keyof ExplanationParts)[] = ["amount", "paid", "changes", "verdict", "unconfirmed"];

export function slipSheets(v: SlipSheetsView): SafeHtml {
  const { t, batch } = v;
  const month = monthText(batch.month);
  const title = t("slips:print.title", { commune: batch.commune.name, month });
  const first = batch.slips.find((s) => s.code);
  const summary = batch.slips.length
    ? t("slips:print.summary", {
        count: batch.slips.length,
        date: first?.code ? formatDate(first.code.validThrough) : "—",
      })
    : t("slips:print.none");
  const css =
    v.assets.kind === "inline"
      ? html`<style>
          ${raw(v.assets.css)}
        </style>`
      : html`<link rel="stylesheet" href="/console/static/printSheets.css" />
          <link rel="stylesheet" href="/console/static/slips.css" />
          ${v.layout === "a5" ? html`<link rel="stylesheet" href="/console/static/slipsA5.css" />` : ""}
          <script src="/console/static/linkCodes.js" defer></script>`;
  return html`<!doctype html>
    <html lang="${v.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · An Sinh Bot</title>
        ${css}
      </head>
      <body class="print-sheets slip-sheets layout-${v.layout}">
        <div class="toolbar no-print">
          ${
            v.assets.kind === "linked"
              ? html`<a class="back" href="${v.assets.backHref}">← ${t("slips:print.back")}</a>`
              : ""
          }
          <h1>${title}</h1>
          <p id="slip-summary">${summary}</p>
          ${
            batch.slips.length && v.assets.kind === "linked"
              ? html`<p><button type="button" id="print-button" class="print">${t("slips:print.print")}</button></p>`
              : ""
          }
          <p class="hint">${t(v.layout === "a5" ? "slips:print.hintA5" : "slips:print.hintA4")}</p>
        </div>
        <main class="paper">${batch.slips.map((s) => slip(v, s))}</main>
      </body>
    </html>`;
}

function slip(v: SlipSheetsView, s: Slip): SafeHtml {
  const t = v.slipT;
  const say = (ref: TextRef) => renderText(t, "vi", ref);
  // Addresses on file often already name the commune: say it once.
  const commune = v.batch.commune.name;
  const place =
    s.address && s.address.toLocaleLowerCase("vi").includes(commune.toLocaleLowerCase("vi"))
      ? s.address
      : [s.address, commune].filter((x): x is string => Boolean(x)).join(", ");
  const qr = v.qr.get(s.beneficiaryId);
  const { phone, hours } = v.hotline;
  const hotline = phone
    ? hours
      ? t("slips:slip.hotlineHours", { phone, hours })
      : t("slips:slip.hotline", { phone })
    : t("slips:slip.commune");
  const heading = (part: keyof ExplanationParts): string | null => {
    if (part === "unconfirmed") return s.parts.verdict.length ? null : t("slips:slip.notes");
    return t(`slips:slip.${part === "amount" ? "how" : part === "verdict" ? "notes" : part}`);
  };
  return html`<section class="slip" data-beneficiary="${s.beneficiaryId}">
    <header class="slip-head">
      <strong>An Sinh Bot</strong><span>${t("slips:slip.heading")} · ${v.batch.commune.name}</span>
    </header>
    <div class="slip-top">
      <div class="slip-who">
        <h2 class="person">${s.fullName}</h2>
        <p class="who">
          ${t("slips:slip.personalId")}: <span class="pid">${s.maskedPersonalId}</span>${
            place ? html` · ${t("slips:slip.address")}: ${place}` : ""
          }
        </p>
        <p class="months">
          ${t("slips:slip.month", { month: monthText(s.month) })}${
            s.backPayMonths.length
              ? html`<br /><span class="back-pay-months"
                    >${t("slips:slip.backPayMonths", { months: s.backPayMonths.map(monthText).join(", ") })}</span
                  >`
              : ""
          }
        </p>
        <p class="amount">${t("slips:slip.amount")}: <strong>${formatVnd(s.amount, "vi")}</strong></p>
        <div class="explain">
          ${PART_ORDER.filter((p) => s.parts[p].length > 0).map((part) => {
            const h = heading(part);
            return html`<div class="part" data-part="${part}">
              ${h ? html`<h3>${h}</h3>` : ""}${s.parts[part].map((ref) => html`<p>${say(ref)}</p>`)}
            </div>`;
          })}
        </div>
      </div>
      ${
        s.code && qr
          ? html`<div class="slip-qr">
              <div class="qr" role="img" aria-label="${t("slips:slip.qrLabel")}">${raw(qr)}</div>
              <p class="qr-text">${t(v.viaTelegram ? "slips:slip.qrTelegram" : "slips:slip.qrWeb")}</p>
              <p class="qr-code">
                ${t("slips:slip.typeCode")} <strong class="code">${s.code.displayCode}</strong><br />${t(
                  "slips:slip.codeValid",
                  { date: formatDate(s.code.validThrough) },
                )}
              </p>
            </div>`
          : ""
      }
    </div>
    <footer class="slip-foot">
      <p class="hotline">${hotline}</p>
      <p class="scam">${t("slips:slip.scam")}</p>
    </footer>
  </section>`;
}
