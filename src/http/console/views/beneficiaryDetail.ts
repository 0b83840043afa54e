// One person's page: facts, categories, payouts, accounts, relatives, authorisations, chats.
import type { TFunction } from "i18next";
import type { BeneficiaryDetail } from "../../../features/beneficiaries/detail.ts";
import { formatDate, formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { badge, dataTable, formatDateTime, formatMonth } from "./common.ts";

export interface DetailViewOptions {
  detail: BeneficiaryDetail;
  locale: string;
  csrfToken: string;
  /** The full personal ID, only right after the audited "show" action. */
  revealedId: string | null;
  /** Officers of the area may show the full ID (roles.ts); others see only the masked one. */
  canReveal: boolean;
  /** Officers may hand a person a copy of their chat data or erase it; hotline agents may not. */
  privacyActions: boolean;
  /** Shown once after an erasure: what was erased. */
  erased?: { ownChats: number; relativeLinks: number; messages: number; ticketMessages: number } | null;
}

export function beneficiaryDetailView(t: TFunction, o: DetailViewOptions): SafeHtml {
  const b = o.detail;
  const none = t("console:detail.none");
  const dash = html`<span class="muted">—</span>`;
  const coefficient = (c: string | null) =>
    c === null ? dash : html`${new Intl.NumberFormat(o.locale === "en" ? "en-US" : "vi-VN").format(Number(c))}`;

  return html`<p><a href="/console/beneficiaries">${t("console:detail.back")}</a></p>
    <div class="grid-2">
      <section class="panel" aria-labelledby="facts-h">
        <h2 id="facts-h">${t("console:detail.facts")}</h2>
        <dl class="facts">
          <dt>${t("console:detail.personalId")}</dt>
          <dd>
            ${
              o.revealedId
                ? html`<span class="mono" id="personal-id">${o.revealedId}</span>
                    <span class="badge warn">${t("console:detail.revealed")}</span>`
                : html`<span class="mono" id="personal-id">${b.personalIdMasked}</span> ${
                      o.canReveal
                        ? html`<form method="post" action="/console/beneficiaries/${b.id}/reveal" class="inline reveal">
                              <input type="hidden" name="_csrf" value="${o.csrfToken}" />
                              <button type="submit" class="link">${t("console:detail.reveal")}</button>
                            </form>
                            <div class="hint muted">${t("console:detail.revealNote")}</div>`
                        : ""
                    }`
            }
          </dd>
          <dt>${t("console:detail.dob")}</dt>
          <dd>${formatDate(b.dateOfBirth)}</dd>
          <dt>${t("console:detail.sex")}</dt>
          <dd>${t(`console:sex.${b.sex}`)}</dd>
          <dt>${t("console:detail.phone")}</dt>
          <dd>${b.phone ?? dash}</dd>
          <dt>${t("console:detail.address")}</dt>
          <dd>${b.address ?? dash}</dd>
          <dt>${t("console:detail.commune")}</dt>
          <dd>${b.commune.name}, ${b.commune.provinceName}</dd>
        </dl>
      </section>
      <section class="panel" aria-labelledby="status-h">
        <h2 id="status-h">${t("console:detail.entitlement")}</h2>
        <dl class="facts">
          <dt>${t("console:detail.programme")}</dt>
          <dd>${t(`console:programme.${b.programme}`)}</dd>
          <dt>${t("console:detail.status")}</dt>
          <dd>
            ${badge(t, "status", b.status)}${b.statusReason ? html` <span class="muted">${b.statusReason}</span>` : ""}
          </dd>
          <dt>${t("console:detail.decision")}</dt>
          <dd>${b.decisionNo ?? dash}${b.decidedOn ? html` · ${formatDate(b.decidedOn)}` : ""}</dd>
          ${
            b.note
              ? html`<dt>${t("console:detail.note")}</dt>
                  <dd>${b.note}</dd>`
              : ""
          }
        </dl>
      </section>
    </div>

    <h2>${t("console:detail.categories")}</h2>
    ${dataTable(
      [
        { label: t("console:detail.cat.name") },
        { label: t("console:detail.cat.coefficient"), num: true },
        { label: t("console:detail.cat.rate"), num: true },
        { label: t("console:detail.cat.since") },
      ],
      b.categories.map((c) => [
        html`${o.locale === "en" ? c.nameEn : c.name} <span class="muted mono small">${c.code}</span>`,
        c.fixedAmount !== null ? html`${formatVnd(c.fixedAmount, o.locale)}` : coefficient(c.coefficient),
        c.rate === null ? dash : html`${c.rate}`,
        c.since ? html`${formatDate(c.since)}` : dash,
      ]),
      none,
    )}

    <h2>${t("console:detail.payouts")}</h2>
    ${dataTable(
      [
        { label: t("console:detail.pay.month") },
        { label: t("console:detail.pay.amount"), num: true },
        { label: t("console:detail.pay.method") },
        { label: t("console:detail.pay.when") },
        { label: t("console:detail.pay.status") },
      ],
      b.payouts.map((p) => [
        html`${formatMonth(p.month)}`,
        html`${formatVnd(p.amount, o.locale)}`,
        html`${t(`console:method.${p.method}`)}${p.accountMasked ? html`<div class="muted small">${p.provider} <span class="mono">${p.accountMasked}</span></div>` : ""}`,
        html`${p.scheduledDate ? formatDate(p.scheduledDate) : ""}${p.windowStart && p.windowEnd ? html` ${p.windowStart}–${p.windowEnd}` : ""}${p.place ? html`<div class="muted small">${p.place}</div>` : ""}`,
        html`${badge(t, "payoutStatus", p.status)}${p.receivedBy ? html`<div class="muted small">${t("console:detail.pay.receivedBy", { name: p.receivedBy })}</div>` : ""}${p.statusNote ? html`<div class="muted small">${p.statusNote}</div>` : ""}`,
      ]),
      none,
      "payouts",
    )}

    <div class="grid-2">
      <section>
        <h2>${t("console:detail.accounts")}</h2>
        ${dataTable(
          [
            { label: t("console:detail.acc.account") },
            { label: t("console:detail.acc.holder") },
            { label: t("console:detail.acc.status") },
          ],
          b.accounts.map((a) => [
            html`${t(`console:method.${a.method}`)} · ${a.provider}
              <div class="mono">${a.accountMasked}</div>`,
            html`${a.holderName}${a.linkedInVneid ? html`<div class="muted small">${t("console:detail.acc.vneid")}</div>` : ""}`,
            badge(t, "accountStatus", a.status),
          ]),
          none,
        )}
      </section>
      <section>
        <h2>${t("console:detail.relatives")}</h2>
        ${dataTable(
          [
            { label: t("console:detail.rel.name") },
            { label: t("console:detail.rel.relation") },
            { label: t("console:detail.rel.contact") },
          ],
          b.relatives.map((r) => [
            html`${r.fullName}`,
            html`${r.relation}`,
            html`${r.phone ?? ""}${r.personalIdMasked ? html`<div class="mono muted small">${r.personalIdMasked}</div>` : ""}`,
          ]),
          none,
        )}
      </section>
    </div>

    <h2>${t("console:detail.authorisations")}</h2>
    ${dataTable(
      [
        { label: t("console:detail.auth.receiver") },
        { label: t("console:detail.auth.validity") },
        { label: t("console:detail.auth.status") },
      ],
      b.authorisations.map((a) => [
        html`${a.relativeName} <span class="muted">(${a.relation})</span>`,
        html`${formatDate(a.validFrom)} – ${formatDate(a.validUntil)}`,
        html`${badge(t, "authStatus", a.status)}
        ${a.inForce ? html`<span class="badge">${t("console:detail.auth.inForce")}</span>` : ""}`,
      ]),
      none,
    )}

    <div class="grid-2">
      <section>
        <h2>${t("console:detail.chats")}</h2>
        ${o.erased ? html`<p class="flash ok" role="status" id="chat-data-erased">${t("privacy:erased", o.erased)}</p>` : ""}
        ${dataTable(
          [
            { label: t("console:detail.chat.channel") },
            { label: t("console:detail.chat.linkedAs") },
            { label: t("console:detail.chat.state") },
          ],
          b.chats.map((c) => [
            html`${t(`console:channel.${c.channel}`)}${c.displayName ? html` · ${c.displayName}` : ""}`,
            html`${c.linkedAs.kind === "self" ? t("console:detail.chat.self") : t("console:detail.chat.relative", { name: c.linkedAs.name })}`,
            html`${c.consentGiven ? t("console:detail.chat.consent") : t("console:detail.chat.noConsent")}${c.notificationsOff ? html` · ${t("console:detail.chat.muted")}` : ""}${c.reachable ? "" : html` · <span class="badge warn">${t("console:detail.chat.unreachable")}</span>`}`,
          ]),
          none,
        )}
        ${o.privacyActions ? chatDataActions(t, b.id, o.csrfToken) : ""}
      </section>
      ${
        b.linkCodes.length
          ? html`<section>
              <h2>${t("console:detail.linkCodes")}</h2>
              ${dataTable(
                [
                  { label: t("console:detail.lc.code") },
                  { label: t("console:detail.lc.expires") },
                  { label: t("console:detail.lc.used") },
                ],
                b.linkCodes.map((l) => [
                  html`<span class="mono">${l.code}</span>`,
                  html`${formatDateTime(l.expiresAt)}`,
                  l.usedAt
                    ? html`${formatDateTime(l.usedAt)}`
                    : html`<span class="muted">${t("console:detail.lc.unused")}</span>`,
                ]),
                none,
              )}
            </section>`
          : ""
      }
    </div>`;
}

/** A copy of the person's chat data to hand over, and its erasure (confirmed by a tick). */
function chatDataActions(t: TFunction, id: string, csrfToken: string): SafeHtml {
  return html`<div class="chat-data">
    <p class="hint muted">${t("privacy:rights")}</p>
    <p><a class="btn secondary" href="/console/beneficiaries/${id}/chat-data" download>${t("privacy:download")}</a></p>
    <form method="post" action="/console/beneficiaries/${id}/chat-data/erase" class="erase-chat-data">
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <label><input type="checkbox" name="confirm" value="yes" required /> ${t("privacy:confirm")}</label>
      <button type="submit" class="btn danger">${t("privacy:erase")}</button>
    </form>
  </div>`;
}
