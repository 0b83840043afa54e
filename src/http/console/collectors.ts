// Officers' list of relatives to check (features/payouts/collectors.ts): who collects for several
// households, and whose beneficiaries said the money never reached them. Opening it is audited.
import express from "express";
import { recordAudit } from "../../features/audit/service.ts";
import { collectorsToCheck, COLLECTOR_MONTHS, MANY_HOUSEHOLDS } from "../../features/payouts/collectors.ts";
import { html } from "../../lib/html.ts";
import { vietnamDate } from "../../lib/vietnamTime.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const NS = "console:collectors";

export function createCollectorsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const list = await collectorsToCheck(deps.prisma, staff.communeIds, vietnamDate(deps.clock.now()));
    await recordAudit(deps.prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: "collectors.view",
      detail: { listed: list.length },
      ip: clientIp(req),
    });
    const body = html`<p>${t(`${NS}.intro`, { months: COLLECTOR_MONTHS, households: MANY_HOUSEHOLDS })}</p>
      ${
        list.length === 0
          ? html`<p class="muted" id="collectors-none">${t(`${NS}.none`)}</p>`
          : html`<table class="collectors">
              <thead>
                <tr>
                  <th>${t(`${NS}.name`)}</th>
                  <th>${t(`${NS}.households`)}</th>
                  <th>${t(`${NS}.nonReceipts`)}</th>
                  <th>${t(`${NS}.people`)}</th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (c) =>
                    html`<tr>
                      <td>
                        ${c.name}
                        <div class="muted small">${c.personalIdMasked ?? ""}</div>
                      </td>
                      <td>${c.households} (${t(`${NS}.collections`, { count: c.collections })})</td>
                      <td>${c.nonReceipts > 0 ? html`<span class="badge danger">${c.nonReceipts}</span>` : "0"}</td>
                      <td>
                        ${c.beneficiaries.map(
                          (b) =>
                            html`<div>
                              <a href="/console/beneficiaries/${b.id}">${b.fullName}</a>
                              <span class="muted small">${b.communeName}</span>
                              ${b.reported ? html`<span class="badge danger">${t(`${NS}.reported`)}</span>` : ""}
                            </div>`,
                        )}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
    renderPage(deps, req, res, { title: t(`${NS}.title`), active: "collectors", body });
  });
  return router;
}
