// The post-office worker's page, made for a phone at the door (360 px wide): find the person,
// see this month's payout with the chat's own explanation of the amount and who may collect it
// today, and record what happened with one tap. Only people of the worker's communes; every
// search and every person opened is in the audit log.
import type { TFunction } from "i18next";
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { renderText } from "../../core/renderReply.ts";
import { explainMonth, explanationReplies } from "../../features/entitlements/explain.ts";
import { recordAudit } from "../../features/audit/service.ts";
import { policyIn } from "../../features/policy/policyStore.ts";
import { doorCard, findAtDoor, type DoorCard, type DoorRow } from "../../features/postOffice/door.ts";
import { CASH_METHODS, recordVisitAtDoor } from "../../features/postOffice/record.ts";
import { VisitOutcome } from "../../generated/prisma/enums.ts";
import { isCalendarDate } from "../../lib/calendarDate.ts";
import { formatDate, formatVnd } from "../../lib/format.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { vietnamDate } from "../../lib/vietnamTime.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { badge, formatDateTime, formatMonth } from "./views/common.ts";

const NS = "postOffice";
const BASE = "/console/post-office";

const recordForm = z.object({
  outcome: z.enum(VisitOutcome),
  authorisationId: z.string().max(64).optional(),
  date: z.string().max(10).optional(),
  destination: z.string().max(200).optional(),
  note: z.string().max(1000).optional(),
});

/** The worker's communes (a worker always has some; an administrator testing the page sees none). */
function communesOf(staff: StaffContext): string[] {
  return staff.communeIds ?? [];
}

export function createPostOfficeRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const q = typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "";
    const rows = q.trim() ? await findAtDoor(deps.prisma, communesOf(staff), q) : null;
    if (rows)
      await recordAudit(deps.prisma, {
        staffId: staff.id,
        actor: staff.username,
        action: "postoffice.search",
        detail: { q, found: rows.length },
        ip: clientIp(req),
      });
    renderPage(deps, req, res, {
      title: t(`${NS}:title`),
      active: "postOffice",
      body: html`<link rel="stylesheet" href="/console/static/postOffice.css" />
        <div class="door">${searchForm(t, q)}${rows ? results(t, rows) : ""}</div>`,
    });
  });

  router.get("/:id", async (req, res) => {
    const staff = getStaff(res);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const now = deps.clock.now();
    const card = await doorCard(deps.prisma, communesOf(staff), req.params.id, vietnamDate(now));
    if (!card) throw new AppError("not_found", "No such person in the worker's communes");
    await recordAudit(deps.prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: "postoffice.view",
      entity: "beneficiary",
      entityId: card.id,
      detail: { payoutId: card.payout?.id ?? null },
      ip: clientIp(req),
    });
    // The chat's own explanation of the month, word for word.
    const policy = (await policyIn(deps.prisma)).policy;
    const why = card.payout
      ? explanationReplies(await explainMonth(deps.prisma, policy, card.id, card.month)).map((r) =>
          r.text.map((x) => renderText(t, locale, x)),
        )
      : [];
    const flash = flashOf(t, req.query);
    renderPage(deps, req, res, {
      title: card.fullName,
      active: "postOffice",
      flash,
      body: html`<link rel="stylesheet" href="/console/static/postOffice.css" />
        <div class="door">${cardView(t, locale, card, why, staff.csrfToken)}</div>`,
    });
  });

  router.post("/:id/record", async (req, res) => {
    const staff = getStaff(res);
    const form = recordForm.safeParse(req.body);
    if (!form.success) throw new AppError("bad_request", "Invalid visit form");
    const f = form.data;
    const now = deps.clock.now();
    const result = await recordVisitAtDoor(deps.prisma, {
      staff: { id: staff.id, username: staff.username, communeIds: communesOf(staff) },
      beneficiaryId: req.params.id,
      outcome: f.outcome,
      ...(f.authorisationId ? { authorisationId: f.authorisationId } : {}),
      ...(f.date && isCalendarDate(f.date) ? { date: f.date } : {}),
      ...(f.destination ? { destination: f.destination } : {}),
      ...(f.note ? { note: f.note } : {}),
      now,
      today: vietnamDate(now),
      times: {
        workingHours: deps.config.HOTLINE_WORKING_HOURS,
        firstResponseMinutes: deps.config.HOTLINE_FIRST_RESPONSE_MINUTES,
      },
      ip: clientIp(req),
    });
    if (!result.ok && result.problem === "notFound") throw new AppError("not_found", "No such person");
    const q = new URLSearchParams(
      result.ok
        ? {
            done: result.outcome,
            ...(result.reference ? { ref: result.reference } : {}),
            ...(result.ticketNumber ? { ticket: String(result.ticketNumber) } : {}),
          }
        : { problem: result.problem },
    );
    res.redirect(303, `${BASE}/${encodeURIComponent(req.params.id)}?${q.toString()}`);
  });
  return router;
}

function flashOf(t: TFunction, query: Record<string, unknown>): { kind: "ok" | "error"; text: string } | null {
  const done = z.enum(VisitOutcome).safeParse(query.done);
  if (done.success)
    return {
      kind: "ok",
      text: t(`${NS}:done.${done.data}`, { ref: String(query.ref ?? ""), ticket: String(query.ticket ?? "") }),
    };
  const problem = z.enum(["noPayout", "notCash", "alreadyPaid", "notAuthorised"]).safeParse(query.problem);
  return problem.success ? { kind: "error", text: t(`${NS}:problem.${problem.data}`) } : null;
}

function searchForm(t: TFunction, q: string): SafeHtml {
  return html`<form class="door-search" method="get" action="${BASE}" role="search">
    <label for="q">${t(`${NS}:search.label`)}</label>
    <div class="row">
      <input id="q" name="q" type="search" value="${q}" autocomplete="off" />
      <button type="submit" class="primary">${t(`${NS}:search.submit`)}</button>
    </div>
    <p class="muted small">${t(`${NS}:search.hint`)}</p>
  </form>`;
}

function results(t: TFunction, rows: DoorRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="muted" id="door-none">${t(`${NS}:search.none`)}</p>`;
  return html`<ul class="door-results">
    ${rows.map(
      (r) =>
        html`<li>
          <a href="${BASE}/${r.id}"><strong>${r.fullName}</strong></a>
          <div class="muted small">
            ${t(`${NS}:born`, { year: r.birthYear })} · ${r.personalIdMasked} · ${r.address ?? ""} · ${r.communeName}
          </div>
        </li>`,
    )}
  </ul>`;
}

function cardView(t: TFunction, locale: string, c: DoorCard, why: string[][], csrf: string): SafeHtml {
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  const action = `${BASE}/${c.id}/record`;
  const one = (outcome: VisitOutcome, label: string, cls = "", extra: SafeHtml = html``) =>
    html`<form method="post" action="${action}" class="door-action">
      ${hidden}<input type="hidden" name="outcome" value="${outcome}" />${extra}
      <button type="submit" class="${cls}">${label}</button>
    </form>`;
  const payable =
    c.payout && c.payout.status !== "PAID" && (CASH_METHODS as readonly string[]).includes(c.payout.method);
  return html`<p><a href="${BASE}">${t(`${NS}:back`)}</a></p>
    <section class="panel door-person">
      <div>${t(`${NS}:born`, { year: c.birthYear })} · ${badge(t, "status", c.status)}</div>
      <div>${t(`${NS}:id`)}: <span id="door-id">${c.personalIdMasked}</span></div>
      <div>${t(`${NS}:address`)}: ${c.address ?? ""}, ${c.communeName}</div>
    </section>
    <section class="panel" id="door-payout">
      <h2>${t(`${NS}:month`, { month: formatMonth(c.month) })}</h2>
      ${
        c.payout
          ? html`<p class="door-amount">${formatVnd(c.payout.amount, locale)}</p>
              <p>
                ${t(`console:method.${c.payout.method}`)} · ${badge(t, "payoutStatus", c.payout.status)}
                ${c.payout.receivedBy ? html` · ${t(`${NS}:paidTo`, { name: c.payout.receivedBy })}` : ""}
              </p>`
          : html`<p class="muted">${t(`${NS}:noPayout`)}</p>`
      }
    </section>
    ${
      why.length
        ? html`<section class="panel" id="door-why">
            <h2>${t(`${NS}:why`)}</h2>
            ${why.map((msg) => html`<div class="door-msg">${msg.map((p) => html`<p>${p}</p>`)}</div>`)}
          </section>`
        : ""
    }
    <section class="panel" id="door-receivers">
      <h2>${t(`${NS}:receivers`)}</h2>
      ${
        c.receivers.length
          ? html`<ul>
              ${c.receivers.map(
                (r) =>
                  html`<li>
                    ${t(`${NS}:receiver`, {
                      name: r.fullName,
                      relation: r.relation,
                      id: r.personalIdMasked ?? "—",
                      until: formatDate(r.validUntil),
                    })}
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t(`${NS}:noReceiver`)}</p>`
      }
    </section>
    <section class="panel door-record">
      <h2>${t(`${NS}:record`)}</h2>
      ${payable ? one("PAID_SELF", t(`${NS}:paidSelf`), "primary") : ""}
      ${
        payable
          ? c.receivers.map((r) =>
              one(
                "PAID_RELATIVE",
                t(`${NS}:paidRelative`, { name: r.fullName }),
                "primary",
                html`<input type="hidden" name="authorisationId" value="${r.authorisationId}" />`,
              ),
            )
          : ""
      }
      ${one("NOT_HOME", t(`${NS}:notHome`), "secondary")}
      <details>
        <summary>${t(`${NS}:died`)}</summary>
        ${one(
          "DIED",
          t(`${NS}:died`),
          "danger",
          html`<label for="death-date">${t(`${NS}:deathDate`)}</label
            ><input id="death-date" type="date" name="date" />`,
        )}
      </details>
      <details>
        <summary>${t(`${NS}:moved`)}</summary>
        ${one(
          "MOVED",
          t(`${NS}:moved`),
          "secondary",
          html`<label for="destination">${t(`${NS}:destination`)}</label
            ><input id="destination" type="text" name="destination" maxlength="200" />`,
        )}
      </details>
      <details>
        <summary>${t(`${NS}:complaint`)}</summary>
        ${one(
          "COMPLAINT",
          t(`${NS}:complaint`),
          "secondary",
          html`<label for="complaint-text">${t(`${NS}:complaintText`)}</label
            ><textarea id="complaint-text" name="note" rows="3" maxlength="1000"></textarea>`,
        )}
      </details>
    </section>
    ${
      c.visits.length
        ? html`<section class="panel">
            <h2>${t(`${NS}:visits`)}</h2>
            <ul id="door-visits">
              ${c.visits.map((v) => html`<li>${formatDateTime(v.at)} · ${t(`${NS}:outcome.${v.outcome}`)}</li>`)}
            </ul>
          </section>`
        : ""
    }`;
}
