// The printable authorisation (giấy ủy quyền), filled in from the request, at an address only the
// chat that asked for it knows (officers open it from the console). It carries the full personal
// IDs because the paper needs them; so it is never cached or indexed, every opening is audited, and
// the link closes once the request is decided or AUTHORISATION_FORM_DAYS have passed.
import express from "express";
import type { TFunction } from "i18next";
import { requestReference } from "../../features/requests/drafts.ts";
import {
  authorisationDraft,
  authorisationEnd,
  requestRow,
  type Relation,
} from "../../features/requests/requestData.ts";
import { fromDbDate } from "../../lib/calendarDate.ts";
import { formatDate } from "../../lib/format.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { recordAudit } from "../../features/audit/service.ts";
import { formLinkValid, formTokenLookup } from "../../features/requests/formLinks.ts";
import { findFormRequest, type FormRequest } from "../../features/requests/formRequest.ts";
import { clientIp } from "../console/auth.ts";
import type { AppDeps } from "../deps.ts";
import { FORM_CSS } from "./formCss.ts";

export function createFormsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get("/form.css", (_req, res) => {
    res.type("text/css").setHeader("Cache-Control", "public, max-age=3600");
    res.send(FORM_CSS);
  });
  router.get("/authorisation/:token", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Robots-Tag", "noindex, nofollow");
    res.setHeader("Referrer-Policy", "no-referrer");
    const t = deps.i18n.t("vi");
    const now = deps.clock.now();
    const hash = formTokenLookup(req.params.token);
    const found = hash ? await findFormRequest(deps.prisma, { formTokenHash: hash }) : null;
    const open =
      found && formLinkValid(found.formIssuedAt, now, deps.config.AUTHORISATION_FORM_DAYS) ? formBody(t, found) : null;
    if (!found || !open) {
      res
        .status(404)
        .type("html")
        .send(formPage(t, html`<p>${t("requests:form.gone")}</p>`).value);
      return;
    }
    // The form carries both people's full IDs: each opening is personal-data access, audited
    // before it is sent, with the address it came from.
    await recordAudit(deps.prisma, {
      actor: "form-link",
      action: "request.form_open",
      entity: "changeRequest",
      entityId: found.id,
      detail: { beneficiaryId: found.beneficiaryId },
      ip: clientIp(req),
    });
    res.type("html").send(formPage(t, open).value);
  });
  return router;
}

/** The filled-in form, or null when the request is decided or its answers cannot be read. */
export function formBody(t: TFunction, found: FormRequest): SafeHtml | null {
  const row = requestRow.safeParse(found.data);
  const draft = row.success ? authorisationDraft.safeParse(row.data.draft) : null;
  if (!row.success || !draft?.success || (found.status !== "DRAFT" && found.status !== "PENDING")) return null;
  const b = found.beneficiary;
  const d = draft.data;
  const priv = row.data.private;
  const from = d.fromMonth ?? "";
  return html`<header class="nation">
      <strong>${t("requests:form.nation")}</strong><br /><u>${t("requests:form.motto")}</u>
    </header>
    <h1>${t("requests:form.title")}</h1>
    <p class="subtitle">${t("requests:form.subtitle")}</p>
    <p>${t("requests:form.to", { commune: b.commune.name })}</p>
    <h2>${t("requests:form.grantor")}</h2>
    ${facts(t, [
      ["name", b.fullName],
      ["dob", formatDate(fromDbDate(b.dateOfBirth))],
      ["id", b.personalId],
      ["address", b.address ?? ""],
    ])}
    <h2>${t("requests:form.grantee")}</h2>
    ${facts(t, [
      ["name", d.relativeName ?? ""],
      ["id", priv.relativePersonalId ?? ""],
      ["phone", priv.relativePhone ?? ""],
      ["relation", d.relation ? t(`requests:relation.${d.relation satisfies Relation}`) : ""],
    ])}
    <p>${t("requests:form.content", { commune: b.commune.name })}</p>
    <p>
      ${from && d.months ? t("requests:form.period", { from: formatDate(from), until: formatDate(authorisationEnd(from, d.months)) }) : ""}
    </p>
    <p>${t("requests:form.commitment")}</p>
    <p class="place">${t("requests:form.place")}</p>
    <div class="signatures">
      <div><strong>${t("requests:form.signGrantee")}</strong><br /><em>${t("requests:form.signHint")}</em></div>
      <div><strong>${t("requests:form.signGrantor")}</strong><br /><em>${t("requests:form.signHint")}</em></div>
    </div>
    <div class="certification">
      <strong>${t("requests:form.certification")}</strong><br /><em>${t("requests:form.certificationHint")}</em>
    </div>
    <p class="reference">${t("requests:form.reference", { reference: requestReference(found.id) })}</p>`;
}

function facts(t: TFunction, rows: [string, string][]): SafeHtml {
  // Blank dotted lines where a value is missing, to be written by hand.
  return html`<dl>
    ${rows.map(
      ([k, v]) =>
        html`<dt>${t(`requests:form.${k}`)}:</dt>
          <dd>${v || "................................................"}</dd>`,
    )}
  </dl>`;
}

export function formPage(t: TFunction, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${t("requests:form.title")}</title>
        <link rel="stylesheet" href="/forms/form.css" />
      </head>
      <body>
        <main class="sheet">${body}</main>
      </body>
    </html>`;
}
