// Officers' XLSX downloads: the payout list of a commune for a month, and the beneficiary list
// in the layout the import reads. Only the officer's own communes are offered (and allowed).
import express from "express";
import { z } from "zod";
import { exportBeneficiaryList } from "../../features/exports/beneficiaryList.ts";
import { exportPayoutList } from "../../features/exports/payoutList.ts";
import { addMonths, todayInVietnam } from "../../lib/calendarDate.ts";
import { html } from "../../lib/html.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const downloadQuery = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("payouts"),
    communeId: z.string().min(1).max(64),
    month: z.string().regex(/^\d{4}-\d{2}$/),
  }),
  z.object({ kind: z.literal("beneficiaries"), communeId: z.string().min(1).max(64) }),
]);

// Payout lists go to the payment service before the month starts, and officers look back over a
// year at most; older months stay reachable through the download address and the command line.
const MONTHS_AHEAD = 1;
const MONTHS_BACK = 12;

export function createExportsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const communes = await listAreaCommunes(deps.prisma, staff.communeIds);
    const thisMonth = `${todayInVietnam(deps.clock.now()).slice(0, 7)}-01`;
    const months = Array.from({ length: MONTHS_AHEAD + MONTHS_BACK + 1 }, (_, i) =>
      addMonths(thisMonth, MONTHS_AHEAD - i).slice(0, 7),
    );
    const communeSelect = (id: string) =>
      html`<label for="${id}">${t("imports:exports.commune")}</label>
        <select id="${id}" name="communeId">
          ${communes.map((c) => html`<option value="${c.id}">${c.name} (${c.code})</option>`)}
        </select>`;
    const body =
      communes.length === 0
        ? html`<p class="muted">${t("imports:exports.noCommunes")}</p>`
        : html`<p>${t("imports:exports.intro")}</p>
            <div class="grid-2">
              <form class="panel" method="get" action="/console/exports/download" aria-labelledby="payouts-title">
                <h2 id="payouts-title">${t("imports:exports.payouts")}</h2>
                <p class="muted">${t("imports:exports.payoutsHint")}</p>
                <input type="hidden" name="kind" value="payouts" />
                ${communeSelect("payouts-commune")}
                <label for="payouts-month">${t("imports:exports.month")}</label>
                <select id="payouts-month" name="month">
                  ${months.map((m) => {
                    const label = t("imports:exports.monthOption", { month: m.slice(5), year: m.slice(0, 4) });
                    const selected = m === thisMonth.slice(0, 7) ? html`selected` : "";
                    return html`<option value="${m}" ${selected}>${label}</option>`;
                  })}
                </select>
                <p><button type="submit" class="primary">${t("imports:exports.downloadPayouts")}</button></p>
              </form>
              <form class="panel" method="get" action="/console/exports/download" aria-labelledby="beneficiaries-title">
                <h2 id="beneficiaries-title">${t("imports:exports.beneficiaries")}</h2>
                <p class="muted">${t("imports:exports.beneficiariesHint")}</p>
                <input type="hidden" name="kind" value="beneficiaries" />
                ${communeSelect("beneficiaries-commune")}
                <p><button type="submit" class="primary">${t("imports:exports.downloadBeneficiaries")}</button></p>
              </form>
            </div>`;
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
