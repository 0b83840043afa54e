// Officers' XLSX downloads: the payout list of a commune for a month, and the beneficiary list
// in the layout the import reads. Only the officer's own communes are offered (and allowed).
import express from "express";
import { z } from "zod";
import { exportBeneficiaryList } from "../../features/exports/beneficiaryList.ts";
import { exportPayoutList } from "../../features/exports/payoutList.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { html } from "../../lib/html.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const downloadQuery = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("payouts"), communeId: z.string().min(1).max(64), month: z.string().regex(/^\d{4}-\d{2}$/) }),
  z.object({ kind: z.literal("beneficiaries"), communeId: z.string().min(1).max(64) }),
]);

export function createExportsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const communes = await deps.prisma.commune.findMany({
      where: staff.communeIds === null ? {} : { id: { in: staff.communeIds } },
      orderBy: [{ province: { name: "asc" } }, { name: "asc" }],
      select: { id: true, code: true, name: true },
    });
    const month = todayInVietnam(deps.clock.now()).slice(0, 7);
    const body =
      communes.length === 0
        ? html`<p class="muted">${t("imports:exports.noCommunes")}</p>`
        : html`<p>${t("imports:exports.intro")}</p>
<form class="panel" method="get" action="/console/exports/download">
  <label for="kind">${t("imports:exports.kind")}</label>
  <select id="kind" name="kind">
    <option value="payouts">${t("imports:exports.payouts")}</option>
    <option value="beneficiaries">${t("imports:exports.beneficiaries")}</option>
  </select>
  <label for="communeId">${t("imports:exports.commune")}</label>
  <select id="communeId" name="communeId">${communes.map((c) => html`<option value="${c.id}">${c.name} (${c.code})</option>`)}</select>
  <label for="month">${t("imports:exports.month")}</label>
  <input id="month" type="month" name="month" value="${month}" pattern="[0-9]{4}-[0-9]{2}">
  <p class="muted">${t("imports:exports.monthHint")}</p>
  <button type="submit" class="primary">${t("imports:exports.download")}</button>
</form>`;
    renderPage(deps, req, res, { title: t("imports:exports.title"), active: "exports", body });
  });

  router.get("/download", async (req, res) => {
    const staff = getStaff(res);
    const query = downloadQuery.safeParse(req.query);
    if (!query.success) {
      res.redirect("/console/exports");
      return;
    }
    const q = query.data;
    const file =
      q.kind === "payouts"
        ? await exportPayoutList(deps, { communeId: q.communeId, month: q.month, staff, locale: "vi" })
        : await exportBeneficiaryList(deps, { communeId: q.communeId, staff });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(file.fileName).type(XLSX_TYPE).send(file.data);
  });
  return router;
}
