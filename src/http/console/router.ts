// The staff console under /console: static files, sign-in, then everything else behind a
// session, the CSRF check and role gates.
import path from "node:path";
import express from "express";
import { appRoot } from "../../lib/appRoot.ts";
import type { AppDeps } from "../deps.ts";
import { createAmountChecksRouter } from "./amountChecks.ts";
import { createAuditRouter } from "./audit.ts";
import { OFFICER_ROLES, loadStaff, requireRole, requireStaff } from "./auth.ts";
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

// Resolved from the application folder so the compiled build serves the same files.
const STATIC_DIR = path.join(appRoot, "src", "http", "console", "static");

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
  router.use(express.json({ limit: "1mb" }));
  router.use(requireCsrf);

  router.get("/", homePage(deps));
  router.use("/beneficiaries", createBeneficiariesRouter(deps));
  router.use("/audit", requireRole(...OFFICER_ROLES), createAuditRouter(deps));
  router.use("/imports", requireRole(...OFFICER_ROLES), createImportsRouter(deps));
  router.use("/exports", requireRole(...OFFICER_ROLES), createExportsRouter(deps));
  router.use("/link-codes", requireRole(...OFFICER_ROLES), createLinkCodesRouter(deps));
  router.use("/amount-checks", requireRole(...OFFICER_ROLES), createAmountChecksRouter(deps));
  // Every officer reads the policy; province officers and admins change it (checked inside).
  router.use("/policy", requireRole(...OFFICER_ROLES), createPolicyRouter(deps));
  router.use("/requests", requireRole(...OFFICER_ROLES), createRequestsRouter(deps));
  router.use("/reach", requireRole(...OFFICER_ROLES), createReachRouter(deps));
  router.use("/dashboard", requireRole(...OFFICER_ROLES), createDashboardRouter(deps));
  router.use("/broadcasts", requireRole(...OFFICER_ROLES), createBroadcastsRouter(deps));
  router.use("/campaigns", requireRole(...OFFICER_ROLES), createCampaignsRouter(deps));
  // Commune officers answer the tickets transferred to them; province officers work elsewhere.
  router.use("/hotline", requireRole("ADMIN", "HOTLINE_AGENT", "COMMUNE_OFFICER"), createHotlineRouter(deps));
  return router;
}
