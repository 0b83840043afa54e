// One ticket: the conversation (refreshed live), the reply box with canned answers, internal
// notes, hand-over and resolution, and the person's record beside it with numbers masked.
import type { TFunction } from "i18next";
import type { BeneficiaryDetail } from "../../../features/beneficiaries/detail.ts";
import type { TicketDetail } from "../../../features/hotline/tickets.ts";
import { OPEN_STATUSES } from "../../../features/hotline/statuses.ts";
import { formatDate, formatVnd } from "../../../lib/format.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { badge, formatDateTime, formatMonth, selectOptions } from "./common.ts";

const NS = "hotline:console";
export const CANNED = ["greeting", "checking", "payoutDate", "commune", "documents", "scam", "closing"] as const;
export const OUTCOMES = ["answered", "fixed", "referred", "noReply"] as const;

export interface TicketPage {
  ticket: TicketDetail;
  person: BeneficiaryDetail | null;
  assignees: { id: string; label: string }[];
  csrfToken: string;
  staffId: string;
  /** What the live view was rendered with (see hotlineEvents). */
  fp: string;
}

export function hotlineTicketView(t: TFunction, p: TicketPage): SafeHtml {
  const { ticket } = p;
  const open = OPEN_STATUSES.includes(ticket.status);
  const form = (action: string, body: SafeHtml, label: string) =>
    html`<form method="post" action="/console/hotline/${ticket.number}" class="stack">
      <input type="hidden" name="_csrf" value="${p.csrfToken}" /><input
        type="hidden"
        name="action"
        value="${action}"
      />${body}
      <button type="submit" class="${action === "reply" ? "btn" : "btn secondary"}" name="do" value="${action}">
        ${label}
      </button>
    </form>`;
  const cannedOptions = [
    { value: "", label: t(`${NS}.cannedPick`) },
    ...CANNED.map((c) => ({ value: t(`${NS}.canned.${c}`, { lng: "vi" }), label: t(`${NS}.cannedLabel.${c}`) })),
  ];
  return html`<link rel="stylesheet" href="/console/static/hotline.css" />
    <div class="hotline-ticket">
      <section class="panel">
        <p>
          <span class="badge info" id="status">${t(`${NS}.status.${ticket.status}`)}</span> ·
          ${t(`${NS}.topic.${ticket.topic}`, { defaultValue: ticket.topic })} ·
          ${t(`${NS}.priority.${ticket.priority}`)} · ${t(`${NS}.col.assignee`)}: ${ticket.assigneeName ?? "—"}
          ${ticket.dueAt && open ? html` · ${t(`${NS}.col.due`)}: ${formatDateTime(ticket.dueAt)}` : ""}
          ${ticket.outcome ? html` · ${t(`${NS}.outcomeLabel`)}: ${ticket.outcome}` : ""}
          ${ticket.satisfaction ? html` · ${t(`${NS}.satisfaction`)}: ${t(`hotline:chat.rate.${ticket.satisfaction}`)}` : ""}
        </p>
        <div
          id="live"
          data-events="/console/hotline/events?ticket=${ticket.number}&fp=${encodeURIComponent(p.fp)}"
          data-fragment="/console/hotline/${ticket.number}/messages"
        >
          ${ticketMessages(t, ticket)}
        </div>
        ${
          open
            ? html`${form(
                "reply",
                html`<label for="canned">${t(`${NS}.cannedTitle`)}</label
                  ><select id="canned" data-fills="reply-text">
                    ${selectOptions(cannedOptions, "")}
                  </select>
                  <label for="reply-text">${t(`${NS}.replyLabel`)}</label
                  ><textarea id="reply-text" name="text" rows="3" maxlength="2000" required></textarea>`,
                t(`${NS}.send`),
              )}
              ${ticket.assigneeId === p.staffId ? "" : form("claim", html``, t(`${NS}.claim`))}
              ${form(
                "assign",
                html`<label for="assign-to">${t(`${NS}.transferTo`)}</label
                  ><select id="assign-to" name="staffId">
                    ${selectOptions(
                      p.assignees.map((a) => ({ value: a.id, label: a.label })),
                      "",
                    )}
                  </select>`,
                t(`${NS}.transfer`),
              )}
              ${form(
                "resolve",
                html`<label for="outcome">${t(`${NS}.outcomeLabel`)}</label
                  ><select id="outcome" name="outcome">
                    ${selectOptions(
                      OUTCOMES.map((o) => ({ value: t(`${NS}.outcome.${o}`), label: t(`${NS}.outcome.${o}`) })),
                      "",
                    )}
                  </select>`,
                t(`${NS}.resolve`),
              )}`
            : form("reopen", html``, t(`${NS}.reopen`))
        }
        ${form("note", html`<label for="note-text">${t(`${NS}.noteLabel`)}</label><textarea id="note-text" name="text" rows="2" maxlength="2000" required></textarea>`, t(`${NS}.addNote`))}
      </section>
      ${personPanel(t, p.person)}
    </div>
    <script src="/console/static/hotline.js" defer></script>`;
}

/** The conversation; also served alone for the live refresh. */
export function ticketMessages(t: TFunction, ticket: TicketDetail): SafeHtml {
  const recent = ticket.recent.length
    ? html`<details class="recent">
        <summary>${t(`${NS}.recent`)}</summary>
        <ul>
          ${ticket.recent.map((m) => html`<li>${formatDateTime(m.at)} · ${m.text}</li>`)}
        </ul>
      </details>`
    : "";
  return html`${recent}
    <ol class="messages" id="messages">
      ${ticket.messages
        .filter((m) => m.author !== "BOT")
        .map(
          (m) =>
            html`<li class="msg ${m.author.toLowerCase()}" data-author="${m.author}">
              <span class="muted"
                >${formatDateTime(m.at)} ·
                ${m.author === "PERSON" ? signature(t, ticket) : (m.staffName ?? t(`${NS}.system`))}${m.author === "NOTE" ? html` · ${t(`${NS}.internal`)}` : ""}</span
              >
              <p>${m.text}</p>
              ${m.delivery ? delivery(t, m.delivery) : ""}
            </li>`,
        )}
    </ol>`;
}

/** A relative writing for the person signs with their own name, for the person. */
function signature(t: TFunction, ticket: TicketDetail): string {
  if (ticket.relativeName !== null)
    return t(`${NS}.signedForPerson`, {
      name: ticket.relativeName || t(`${NS}.relative`),
      person: ticket.personName ?? "",
    });
  return ticket.personName ?? t(`${NS}.unknownPerson`);
}

function delivery(t: TFunction, d: NonNullable<TicketDetail["messages"][number]["delivery"]>): SafeHtml {
  const failed = d.status === "FAILED" || d.status === "SKIPPED";
  return html`<span class="badge ${failed ? "danger" : d.status === "SENT" ? "" : "muted"} delivery"
    >${t(`${NS}.delivery.${d.status}`)}${failed && d.reason ? html`: ${d.reason}` : ""}</span
  >`;
}

function personPanel(t: TFunction, b: BeneficiaryDetail | null): SafeHtml {
  if (!b) return html`<aside class="panel"><p class="muted">${t(`${NS}.noRecord`)}</p></aside>`;
  return html`<aside class="panel person">
    <h2><a href="/console/beneficiaries/${b.id}">${b.fullName}</a></h2>
    <p>
      <span class="mono">${b.personalIdMasked}</span> · ${formatDate(b.dateOfBirth)} · ${b.commune.name},
      ${b.commune.provinceName} · ${badge(t, "status", b.status)}
    </p>
    <h3>${t(`${NS}.payouts`)}</h3>
    <ul>
      ${b.payouts.slice(0, 3).map((p) => html`<li>${formatMonth(p.month)} · ${formatVnd(p.amount)} · ${badge(t, "payoutStatus", p.status)}${p.accountMasked ? html` · <span class="mono">${p.accountMasked}</span>` : ""}</li>`)}
    </ul>
    <h3>${t(`${NS}.authorisations`)}</h3>
    <ul>
      ${b.authorisations.map((a) => html`<li>${a.relativeName} (${a.relation}) · ${formatDate(a.validFrom)}–${formatDate(a.validUntil)} · ${badge(t, "authStatus", a.status)}</li>`)}
    </ul>
    <h3>${t(`${NS}.accounts`)}</h3>
    <ul>
      ${b.accounts.map((a) => html`<li>${a.provider} · <span class="mono">${a.accountMasked}</span> · ${badge(t, "accountStatus", a.status)}</li>`)}
    </ul>
  </aside>`;
}
