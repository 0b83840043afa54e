// Officers print one-time link codes for the people of their communes: a form to choose the
// commune, then a printable page with one sheet per person. Issuing changes data (codes are
// created and renewed), so it is a POST behind the CSRF check; the codes never appear in a URL.
import type { Request } from "express";
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { issueLinkCodes } from "../../features/linking/codes.ts";
import { linkQrSvg, linkTarget, type LinkTarget } from "../../features/linking/linkTarget.ts";
import { html, raw, type SafeHtml } from "../../lib/html.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { linkCodeSheets } from "./views/linkCodeSheets.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";

const issueForm = z.object({
  communeId: z.string().min(1).max(64),
  // A checkbox: present when ticked.
  onlyUnlinked: z.string().optional(),
  // One person's sheet, from a link next to their record.
  beneficiaryId: z.union([z.string().max(64), z.array(z.string().max(64)).max(1000)]).optional(),
});

export function createLinkCodesRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const communes = await listAreaCommunes(deps.prisma, staff.communeIds);
    const body =
      communes.length === 0
        ? html`<p class="muted">${t("linkCodes:form.noCommunes")}</p>`
        : html`<p>${t("linkCodes:form.intro")}</p>
            <form class="panel" method="post" action="/console/link-codes">
              <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
              <label for="communeId">${t("linkCodes:form.commune")}</label>
              <select id="communeId" name="communeId">
                ${communes.map((c) => html`<option value="${c.id}">${c.name} (${c.code})</option>`)}
              </select>
              <p>
                <label class="check"
                  ><input type="checkbox" id="onlyUnlinked" name="onlyUnlinked" value="1" checked />
                  ${t("linkCodes:form.onlyUnlinked")}</label
                >
              </p>
              <p class="muted">${t("linkCodes:form.onlyUnlinkedHint")}</p>
              <p class="muted">${t("linkCodes:form.validity", { days: deps.config.LINK_CODE_DAYS })}</p>
              <button type="submit" class="primary">${t("linkCodes:form.submit")}</button>
            </form>`;
    renderPage(deps, req, res, { title: t("linkCodes:form.title"), active: "linkCodes", body });
  });

  router.post("/", async (req, res) => {
    const staff = getStaff(res);
    const form = issueForm.safeParse(req.body);
    if (!form.success) throw new AppError("bad_request", "Invalid link code form");
    const { communeId, onlyUnlinked, beneficiaryId } = form.data;
    const issued = await issueLinkCodes(deps.prisma, {
      communeId,
      beneficiaryIds: beneficiaryId === undefined ? undefined : [beneficiaryId].flat(),
      onlyUnlinked: onlyUnlinked !== undefined,
      validDays: deps.config.LINK_CODE_DAYS,
      now: deps.clock.now(),
      staff,
      ip: clientIp(req),
    });
    const target = targetFor(deps, req);
    const qr = new Map<string, SafeHtml>();
    for (const c of issued.codes) qr.set(c.linkCodeId, raw(await linkQrSvg(target.url(c.code))));
    const locale = localeOf(res);
    const page = linkCodeSheets({
      t: deps.i18n.t(locale),
      locale,
      sheetT: deps.i18n.t("vi"),
      issued,
      qr,
      viaTelegram: target.viaTelegram,
    });
    // The page carries live codes: never cache it anywhere.
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(page.value);
  });
  return router;
}

function targetFor(deps: AppDeps, req: Request): LinkTarget {
  return linkTarget({
    telegramBot: deps.config.TELEGRAM_BOT_USERNAME,
    origin: deps.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host") ?? "localhost"}`,
  });
}
