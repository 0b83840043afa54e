// A small JSON API for the console's own scripts and for tools: the same session cookie, the
// same area rules and the same audit trail as the pages. Not signed in → 401 JSON.
import express from "express";
import { AppError } from "../../core/errors.ts";
import { getBeneficiaryDetail } from "../../features/beneficiaries/detail.ts";
import { searchBeneficiaries } from "../../features/beneficiaries/search.ts";
import { detailShownTo } from "../../features/beneficiaries/visibility.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { jsonOptions, refuseHostileBody } from "../hostileInput.ts";
import { loadStaff, requirePermission, requireStaff } from "../console/auth.ts";
import { auditAccess } from "../console/beneficiaries.ts";
import { beneficiaryQuerySchema } from "../console/beneficiaryQuery.ts";
import { requireCsrf } from "../console/csrf.ts";
import { chooseLocale } from "../console/locale.ts";

export function createApiRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.use(loadStaff(deps), chooseLocale(deps), requireStaff);
  router.use(express.json({ limit: "100kb", ...jsonOptions }), refuseHostileBody);
  router.use(requireCsrf);
  router.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  router.get("/me", async (_req, res) => {
    const staff = getStaff(res);
    const communes = staff.communeIds === null ? null : await listAreaCommunes(deps.prisma, staff.communeIds);
    res.json({
      id: staff.id,
      username: staff.username,
      fullName: staff.fullName,
      role: staff.role,
      locale: staff.locale,
      communes,
      csrfToken: staff.csrfToken,
    });
  });

  router.use("/beneficiaries", requirePermission("people.view"));
  router.get("/beneficiaries", async (req, res) => {
    const staff = getStaff(res);
    const parsed = beneficiaryQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new AppError("bad_request", "Invalid query", parsed.error.issues);
    res.json(await searchBeneficiaries(deps.prisma, staff.communeIds, parsed.data));
  });

  router.get("/beneficiaries/:id", async (req, res) => {
    const staff = getStaff(res);
    const detail = await getBeneficiaryDetail(
      deps.prisma,
      staff.communeIds,
      req.params.id,
      todayInVietnam(deps.clock.now()),
    );
    if (!detail) throw new AppError("not_found", "No such beneficiary");
    await auditAccess(deps, req, staff, detail.id, "beneficiary.view", { via: "api" });
    res.json(detailShownTo(staff.role, detail));
  });

  return router;
}
