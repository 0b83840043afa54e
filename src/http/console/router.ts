// The staff console under /console: static files, sign-in, then everything else behind a
// session, the CSRF check and the permission of its section (sections.ts, roles.ts). A new page
// is one entry in SECTIONS and its router here.
import path from "node:path";
import express from "express";
import { appRoot } from "../../lib/appRoot.ts";
import type { AppDeps } from "../deps.ts";
import { jsonOptions, refuseHostileBody } from "../hostileInput.ts";
import { createAmountChecksRouter } from "./amountChecks.ts";
import { createAuditRouter } from "./audit.ts";
import { loadStaff, requirePermission, requireStaff } from "./auth.ts";
import { createBeneficiariesRouter } from "./beneficiaries.ts";
import { createDashboardRouter } from "./dashboard.ts";
import { createBroadcastsRouter } from "./broadcasts.ts";
import { createCampaignsRouter } from "./campaigns.ts";
import { requireCsrf } from "./csrf.ts";
import { createExportsRouter } from "./exports.ts";
import { homePage } from "./home.ts";
import { createHotlineRouter } from "./hotline.ts";
import { createImportsRouter } from "./imports.ts";
import { createLinkCodesRouter } from "./linkCodes.ts";
import { chooseLocale } from "./locale.ts";
import { createLoginRouter } from "./login.ts";
import { createRequestsRouter } from "./requests.ts";
import { createReachRouter } from "./reach.ts";
import { createPolicyRouter } from "./policy.ts";
import { createPostOfficeRouter } from "./postOffice.ts";
import { createCollectorsRouter } from "./collectors.ts";
import { SECTIONS, type SectionKey } from "./sections.ts";
import { createSlipsRouter } from "./slips.ts";

// Resolved from the application folder so the compiled build serves the same files.
const STATIC_DIR = path.join(appRoot, "src", "http", "console", "static");

const SECTION_ROUTERS: Record<SectionKey, (deps: AppDeps) => express.Router> = {
  dashboard: createDashboardRouter,
  beneficiaries: createBeneficiariesRouter,
  hotline: createHotlineRouter,
  requests: createRequestsRouter,
  collectors: createCollectorsRouter,
  postOffice: createPostOfficeRouter,
  imports: createImportsRouter,
  exports: createExportsRouter,
  linkCodes: createLinkCodesRouter,
  slips: createSlipsRouter,
  amountChecks: createAmountChecksRouter,
  // Every officer reads the policy; changing it is checked inside (policy.edit).
  policy: createPolicyRouter,
  reach: createReachRouter,
  broadcasts: createBroadcastsRouter,
  campaigns: createCampaignsRouter,
  audit: createAuditRouter,
};

export function createConsoleRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.use("/static", express.static(STATIC_DIR, { index: false, maxAge: "1h", fallthrough: true }));

  router.use(loadStaff(deps), chooseLocale(deps));
  router.use(createLoginRouter(deps));

  // Everything below needs a signed-in staff member. Bodies are parsed only for them, with room
  // for an import file carried as base64 in a form field between the check and apply steps.
  router.use(requireStaff);
  const formLimit = `${Math.ceil(deps.config.IMPORT_MAX_MB * 1.4) + 1}mb`;
  router.use(express.urlencoded({ extended: false, limit: formLimit, parameterLimit: 2000 }));
  router.use(express.json({ limit: "1mb", ...jsonOptions }));
  router.use(refuseHostileBody);
  router.use(requireCsrf);

  router.get("/", homePage(deps));
  // Each section behind the permissions sections.ts gives it (the menu reads the same list).
  for (const section of SECTIONS) {
    router.use(section.path, requirePermission(...section.anyOf), SECTION_ROUTERS[section.key](deps));
  }
  return router;
}
