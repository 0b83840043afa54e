// Officers print the payout slips the post office puts in the envelopes it hands over at home: a
// form to choose the commune, month and paper, then the printable page. Printing issues link
// codes (audited), so it is a POST behind the CSRF check and the page is never cached.
import type { Request } from "express";
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { linkQrSvg, linkTarget } from "../../features/linking/linkTarget.ts";
import { createPolicyStore } from "../../features/policy/policyStore.ts";
import { buildSlips, slipHotline } from "../../features/slips/slips.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { html } from "../../lib/html.ts";
import { canSeeCommune, getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { slipSheets } from "./views/slipSheets.ts";

const printForm = z.object({
  communeId: z.string().min(1).max(64),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  layout: z.enum(["a4", "a5"]).default("a4"),
});

export function createSlipsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  // The policy officers own, reloaded when a confirmed change moves its version (as the chat's).
  const policy = createPolicyStore();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const communes = await listAreaCommunes(deps.prisma, staff.communeIds);
    const month = todayInVietnam(deps.clock.now()).slice(0, 7);
    const body =
      communes.length === 0
        ? html`<p class="muted">${t("slips:form.noCommunes")}</p>`
        : html`<p>${t("slips:form.intro")}</p>
            <form class="panel" method="post" action="/console/slips">
              <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
              <label for="communeId">${t("slips:form.commune")}</label>
              <select id="communeId" name="communeId">
                ${communes.map((c) => html`<option value="${c.id}">${c.name} (${c.code})</option>`)}
              </select>
              <label for="month">${t("slips:form.month")}</label>
              <input type="month" id="month" name="month" value="${month}" required />
              <fieldset>
                <legend>${t("slips:form.layout")}</legend>
                <label class="check"
                  ><input type="radio" name="layout" value="a4" checked /> ${t("slips:form.layoutA4")}</label
                >
                <label class="check"><input type="radio" name="layout" value="a5" /> ${t("slips:form.layoutA5")}</label>
              </fieldset>
              <p class="muted">${t("slips:form.validity", { days: deps.config.LINK_CODE_DAYS })}</p>
              <button type="submit" class="primary">${t("slips:form.submit")}</button>
            </form>`;
    renderPage(deps, req, res, { title: t("slips:form.title"), active: "slips", body });
  });

  router.post("/", async (req, res) => {
    const staff = getStaff(res);
    const form = printForm.safeParse(req.body);
    if (!form.success) throw new AppError("bad_request", "Invalid slips form");
    const { communeId, month, layout } = form.data;
    // Checked here too so that nothing is read for a commune outside the area.
    if (!canSeeCommune(staff, communeId)) throw new AppError("forbidden", "Commune outside the staff area");
    const batch = await buildSlips(deps.prisma, {
      communeId,
      month,
      policy: await policy.current(deps.prisma),
      validDays: deps.config.LINK_CODE_DAYS,
      now: deps.clock.now(),
      staff,
      ip: clientIp(req),
    });
    const target = linkTarget({
      telegramBot: deps.config.TELEGRAM_BOT_USERNAME,
      origin: deps.config.PUBLIC_URL ?? originOf(req),
    });
    const qr = new Map<string, string>();
    for (const s of batch.slips) if (s.code) qr.set(s.beneficiaryId, await linkQrSvg(target.url(s.code.code)));
    const locale = localeOf(res);
    const page = slipSheets({
      t: deps.i18n.t(locale),
      locale,
      slipT: deps.i18n.t("vi"),
      batch,
      qr,
      viaTelegram: target.viaTelegram,
      layout,
      hotline: slipHotline(deps.config),
      assets: { kind: "linked", backHref: "/console/slips" },
    });
    // The page carries live codes: never cache it anywhere.
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(page.value);
  });
  return router;
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}
