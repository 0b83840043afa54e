// GET /console/dashboard: the results dashboard of the staff member's area for a month;
// GET /console/dashboard/list: the people or items behind one figure; both as XLSX under
// /export; POST /console/dashboard/recount counts the month again now. A commune outside the area
// is answered like an unknown one.
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { exportDashboard, exportFigureList } from "../../features/dashboard/exportDashboard.ts";
import { figureList, figureListCount, LIST_FIGURES } from "../../features/dashboard/figureLists.ts";
import { loadDashboard } from "../../features/dashboard/loadDashboard.ts";
import { choosePeriod, listPeriods } from "../../features/dashboard/periods.ts";
import { recountPeriod } from "../../features/dashboard/storedFigures.ts";
import { receiptFigures, type ReceiptFigures } from "../../features/dashboard/receiptFigures.ts";
import { unmatchedPayouts } from "../../features/entitlements/unmatchedPayouts.ts";
import { createPolicyStore } from "../../features/policy/policyStore.ts";
import { communeNames } from "../../features/staff/areaNames.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import type { TFunction } from "i18next";
import { canSeeCommune, getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { dashboardListView } from "./views/dashboardListView.ts";
import { dashboardView } from "./views/dashboardView.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PAGE_SIZE = 100;

const blank = (v: unknown) => (v === "" ? undefined : v);
const month = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
);
const pageQuery = z.object({
  month,
  sort: z.preprocess(blank, z.enum(["share", "unreachable", "name"]).default("share")),
});
const listQuery = z.object({
  figure: z.enum(LIST_FIGURES),
  month,
  communeId: z.preprocess(blank, z.string().max(64).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export function createDashboardRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const policy = createPolicyStore();
  const at = (m?: string) => {
    const now = deps.clock.now();
    return { now, today: todayInVietnam(now), ...(m ? { month: m } : {}) };
  };

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const query = parse(pageQuery, req.query);
    const dashboard = await loadDashboard(deps.prisma, staff.communeIds, at(query.month));
    if (query.month && !dashboard.period) throw new AppError("not_found", "No such period");
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    // For the admin: payouts of the month that match no confirmed level (counted live).
    const unmatched =
      staff.role === "ADMIN" && dashboard.period
        ? await unmatchedPayouts(
            deps.prisma,
            await policy.current(deps.prisma),
            dashboard.period.month,
            staff.communeIds,
          )
        : null;
    const policyPanel = unmatched
      ? html`<section class="panel" id="policy-unmatched">
          <h2>${t("policy:dashboard.title")}</h2>
          <p>
            <strong class="stat-num">${unmatched.unmatched}</strong>
            ${t("policy:dashboard.of", { payouts: unmatched.payouts })}
          </p>
          <p class="muted">
            ${t("policy:dashboard.detail", { outdated: unmatched.outdated, unpriced: unmatched.unpriced, mismatched: unmatched.mismatched })}
            <a href="/console/amount-checks?month=${unmatched.month.slice(0, 7)}">${t("policy:dashboard.link")}</a>
          </p>
        </section>`
      : html``;
    const receipts = dashboard.period ? await receiptFigures(deps.prisma, dashboard.period.id, staff.communeIds) : [];
    renderPage(deps, req, res, {
      title: t("dashboard:title"),
      active: "dashboard",
      body: html`${policyPanel}${dashboardView(t, { dashboard, sort: query.sort, locale, csrfToken: staff.csrfToken })}${receiptsPanel(t, receipts)}`,
    });
  });

  router.get("/export", async (req, res) => {
    const staff = getStaff(res);
    const query = parse(pageQuery, req.query);
    const dashboard = await loadDashboard(deps.prisma, staff.communeIds, at(query.month));
    const file = await exportDashboard(deps, { staff, dashboard, locale: localeOf(res) });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(file.fileName).type(XLSX_TYPE).send(file.data);
  });

  router.post("/recount", async (req, res) => {
    const form = parse(z.object({ month }), req.body);
    const now = deps.clock.now();
    const period = choosePeriod(await listPeriods(deps.prisma), form.month, todayInVietnam(now));
    if (period) await recountPeriod(deps.prisma, period.id, now, { communeIds: getStaff(res).communeIds });
    res.redirect(303, `/console/dashboard${form.month ? `?month=${form.month}` : ""}`);
  });

  router.get("/list", async (req, res) => {
    const staff = getStaff(res);
    const q = await listScope(deps, staff, req.query);
    const [total, rows] = await Promise.all([
      figureListCount(deps.prisma, q.area, q.figure, q.scope),
      figureList(deps.prisma, q.area, q.figure, q.scope, { take: PAGE_SIZE, skip: (q.page - 1) * PAGE_SIZE }),
    ]);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const communeName = q.communeId ? (await communeNames(deps.prisma, [q.communeId])).get(q.communeId) : undefined;
    renderPage(deps, req, res, {
      title: t("dashboard:listTitle", {
        figure: t(`dashboard:figure.${q.figure}`),
        where: communeName ?? t("dashboard:wholeArea"),
        month: q.periodMonth ? `${q.periodMonth.slice(5, 7)}/${q.periodMonth.slice(0, 4)}` : "–",
      }),
      active: "dashboard",
      body: dashboardListView(t, {
        figure: q.figure,
        month: q.month,
        communeId: q.communeId,
        total,
        rows,
        page: q.page,
        pageSize: PAGE_SIZE,
        locale,
      }),
    });
  });

  router.get("/list/export", async (req, res) => {
    const staff = getStaff(res);
    const q = await listScope(deps, staff, req.query);
    const file = await exportFigureList(deps, {
      staff,
      area: q.area,
      figure: q.figure,
      scope: q.scope,
      month: q.month,
      locale: localeOf(res),
    });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(file.fileName).type(XLSX_TYPE).send(file.data);
  });
  return router;
}

async function listScope(deps: AppDeps, staff: StaffContext, raw: unknown) {
  const q = parse(listQuery, raw);
  if (q.communeId && !canSeeCommune(staff, q.communeId)) throw new AppError("not_found", "Unknown commune");
  const now = deps.clock.now();
  const today = todayInVietnam(now);
  const period = choosePeriod(await listPeriods(deps.prisma), q.month, today);
  if (q.month && !period) throw new AppError("not_found", "No such period");
  return {
    ...q,
    area: q.communeId ? [q.communeId] : staff.communeIds,
    periodMonth: period?.month ?? null,
    scope: { periodId: period?.id ?? null, today, now },
  };
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "Invalid dashboard filter", parsed.error.issues);
  return parsed.data;
}

/** Handed over at the door, and complaints that the money did not arrive, per commune (live). */
function receiptsPanel(t: TFunction, rows: ReceiptFigures[]): SafeHtml {
  const NS = "dashboard:receipts";
  return html`<section class="panel" id="receipts">
    <h2>${t(`${NS}.title`)}</h2>
    ${
      rows.length === 0
        ? html`<p class="muted">${t(`${NS}.none`)}</p>`
        : html`<table class="receipts">
            <thead>
              <tr>
                <th>${t(`${NS}.commune`)}</th>
                <th>${t(`${NS}.confirmedSelf`)}</th>
                <th>${t(`${NS}.confirmedRelative`)}</th>
                <th>${t(`${NS}.notReceived`)}</th>
                <th>${t(`${NS}.doorComplaints`)}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.communeName}</td>
                    <td>${r.confirmedSelf}</td>
                    <td>${r.confirmedRelative}</td>
                    <td>${r.notReceived}</td>
                    <td>${r.doorComplaints}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
