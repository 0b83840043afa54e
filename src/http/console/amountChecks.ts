// GET /console/amount-checks: the payouts of a month whose monthly allowance differs from the
// policy, within the officer's area. Read-only, so a plain GET form.
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { checkAmounts } from "../../features/entitlements/checkAmounts.ts";
import { createPolicyStore } from "../../features/policy/policyStore.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { canSeeCommune, getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";
import { amountChecksView } from "./views/amountChecks.ts";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

const querySchema = z.object({
  month: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM")
      .optional(),
  ),
  communeId: z.preprocess(blankIsUnset, z.string().max(64).optional()),
});

export function createAmountChecksRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  // The policy officers own, reloaded when a confirmed change moves its version.
  const policy = createPolicyStore();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) throw new AppError("bad_request", "Invalid amount check filter", parsed.error.issues);
    const { communeId } = parsed.data;
    // A commune outside the officer's area is answered like an unknown one.
    if (communeId && !canSeeCommune(staff, communeId)) throw new AppError("not_found", "Unknown commune");
    const month = parsed.data.month ?? todayInVietnam(deps.clock.now()).slice(0, 7);
    const [communes, result] = await Promise.all([
      listAreaCommunes(deps.prisma, staff.communeIds),
      checkAmounts(deps.prisma, await policy.current(deps.prisma), {
        month,
        communeIds: communeId ? [communeId] : staff.communeIds,
      }),
    ]);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    renderPage(deps, req, res, {
      title: t("entitlements:amountChecks.title"),
      active: "amountChecks",
      body: amountChecksView(t, locale, { month, communeId, communes, result }),
    });
  });
  return router;
}
