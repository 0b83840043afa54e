// GET /console/reach: how the people of the officer's area can be reached by payout notices, per
// commune, and whom to visit; GET /console/reach/export: the same as an XLSX file. Read-only, so
// plain GET forms. A commune outside the area is answered like an unknown one.
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { exportReach } from "../../features/notifications/exportReach.ts";
import { peopleToVisit } from "../../features/notifications/peopleToVisit.ts";
import { reachByCommune } from "../../features/notifications/reachByCommune.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { canSeeCommune, getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { reachView } from "./views/reach.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PAGE_SIZE = 100;

const query = z.object({
  communeId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export function createReachRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const { communeId, page } = parse(req.query, staff);
    const today = todayInVietnam(deps.clock.now());
    const area = communeId ? [communeId] : staff.communeIds;
    const [communes, rows, visits] = await Promise.all([
      listAreaCommunes(deps.prisma, staff.communeIds),
      reachByCommune(deps.prisma, area, today),
      peopleToVisit(deps.prisma, area, { today, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
    ]);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    renderPage(deps, req, res, {
      title: t("console:reach.title"),
      active: "reach",
      body: reachView(t, { communeId, communes, rows, visits, page, pageSize: PAGE_SIZE }),
    });
  });

  router.get("/export", async (req, res) => {
    const staff = getStaff(res);
    const { communeId } = parse(req.query, staff);
    const file = await exportReach(deps, {
      staff,
      communeId,
      today: todayInVietnam(deps.clock.now()),
      locale: localeOf(res),
    });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(file.fileName).type(XLSX_TYPE).send(file.data);
  });
  return router;
}

function parse(raw: unknown, staff: StaffContext): z.infer<typeof query> {
  const parsed = query.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "Invalid reach filter", parsed.error.issues);
  if (parsed.data.communeId && !canSeeCommune(staff, parsed.data.communeId))
    throw new AppError("not_found", "Unknown commune");
  return parsed.data;
}
