// GET /console/audit: who did what, newest first, within what the viewer may see.
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { listAuditEntries } from "../../features/staff/auditTrail.ts";
import { isCalendarDate } from "../../lib/calendarDate.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { translator } from "./locale.ts";
import { renderPage } from "./render.ts";
import { auditView } from "./views/audit.ts";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const day = z.string().refine(isCalendarDate, "expected YYYY-MM-DD");

export const auditQuerySchema = z.object({
  actor: z.preprocess(blankIsUnset, z.string().trim().max(64).optional()),
  action: z.preprocess(blankIsUnset, z.string().trim().max(64).optional()),
  from: z.preprocess(blankIsUnset, day.optional()),
  to: z.preprocess(blankIsUnset, day.optional()),
  page: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(100_000).optional()),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function createAuditRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const parsed = auditQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new AppError("bad_request", "Invalid filter", parsed.error.issues);
    const result = await listAuditEntries(
      deps.prisma,
      { staffId: staff.id, communeIds: staff.communeIds },
      parsed.data,
    );
    const t = translator(deps, res);
    renderPage(deps, req, res, {
      title: t("console:audit.title"),
      active: "audit",
      body: auditView(t, { query: parsed.data, result, everyone: staff.communeIds === null }),
    });
  });
  return router;
}
