// Beneficiary search and detail pages. A person outside the staff member's area answers 404, the
// same as an unknown id, so the console never confirms that someone exists elsewhere.
import express, { type Request, type Response } from "express";
import { AppError } from "../../core/errors.ts";
import { recordAudit } from "../../features/audit/service.ts";
import { getBeneficiaryDetail, type BeneficiaryDetail } from "../../features/beneficiaries/detail.ts";
import { revealForStaff } from "../../features/beneficiaries/reveal.ts";
import { detailShownTo } from "../../features/beneficiaries/visibility.ts";
import { can } from "../../features/staff/roles.ts";
import { searchBeneficiaries } from "../../features/beneficiaries/search.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { z } from "zod";
import { copyChatData, eraseChatData, type ErasureCounts } from "../../features/privacy/chatData.ts";
import { clientIp, requirePermission } from "./auth.ts";
import { beneficiaryQuerySchema } from "./beneficiaryQuery.ts";
import { localeOf, translator } from "./locale.ts";
import { renderPage } from "./render.ts";
import { beneficiaryDetailView } from "./views/beneficiaryDetail.ts";
import { beneficiaryListView } from "./views/beneficiaryList.ts";

export function createBeneficiariesRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const parsed = beneficiaryQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new AppError("bad_request", "Invalid search", parsed.error.issues);
    const query = parsed.data;
    const [communes, result] = await Promise.all([
      listAreaCommunes(deps.prisma, staff.communeIds),
      searchBeneficiaries(deps.prisma, staff.communeIds, query),
    ]);
    renderPage(deps, req, res, {
      title: t("console:search.title"),
      active: "beneficiaries",
      body: beneficiaryListView(t, { query, communes, result }),
    });
  });

  router.get("/:id", async (req, res) => {
    const staff = getStaff(res);
    const detail = await loadDetail(deps, staff, req.params.id);
    // Recorded before the page is sent: a view that cannot be audited is not shown.
    await auditAccess(deps, req, staff, detail.id, "beneficiary.view");
    showDetail(deps, req, res, staff, detail, null);
  });

  // A copy of what the chats hold about the person, for them (a data subject's right of access).
  router.get("/:id/chat-data", requirePermission("people.chatData"), async (req: Request<{ id: string }>, res) => {
    const staff = getStaff(res);
    const detail = await loadDetail(deps, staff, req.params.id);
    const copy = await copyChatData(deps.prisma, deps.i18n, detail.id, deps.clock.now());
    if (!copy) throw new AppError("not_found", "No such beneficiary");
    await auditAccess(deps, req, staff, detail.id, "privacy.chat_data_copy", {
      chats: copy.chats.length,
      tickets: copy.tickets.length,
    });
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Content-Disposition", `attachment; filename="chat-data-${detail.id}.json"`);
    res.type("application/json").send(JSON.stringify(copy, null, 2));
  });

  router.post(
    "/:id/chat-data/erase",
    requirePermission("people.chatData"),
    async (req: Request<{ id: string }>, res) => {
      const staff = getStaff(res);
      const detail = await loadDetail(deps, staff, req.params.id);
      if (eraseForm.safeParse(req.body).success === false) throw new AppError("bad_request", "Erasure not confirmed");
      const erased = await eraseChatData(deps.prisma, detail.id, deps.clock.now());
      if (!erased) throw new AppError("not_found", "No such beneficiary");
      await auditAccess(deps, req, staff, detail.id, "privacy.chat_data_erase", { ...erased });
      deps.log.info({ beneficiaryId: detail.id, ...erased }, "chat data erased on request");
      showDetail(deps, req, res, staff, await loadDetail(deps, staff, detail.id), null, erased);
    },
  );

  router.post("/:id/reveal", requirePermission("people.revealId"), async (req: Request<{ id: string }>, res) => {
    const staff = getStaff(res);
    const detail = await loadDetail(deps, staff, req.params.id);
    const outcome = await revealForStaff(deps.prisma, staff, detail.id, {
      now: deps.clock.now(),
      perHour: deps.config.ID_REVEALS_PER_HOUR,
      ip: clientIp(req),
    });
    if (outcome.ok) return showDetail(deps, req, res, staff, detail, outcome.personalId);
    if (outcome.problem === "limit") {
      const flash = {
        kind: "error" as const,
        text: translator(deps, res)("console:detail.revealLimit", { count: outcome.perHour }),
      };
      return showDetail(deps, req, res, staff, detail, null, null, { flash, status: 429 });
    }
    throw outcome.problem === "forbidden"
      ? new AppError("forbidden", "Not allowed for this role")
      : new AppError("not_found", "No such beneficiary");
  });

  return router;
}

async function loadDetail(deps: AppDeps, staff: StaffContext, id: string | undefined): Promise<BeneficiaryDetail> {
  const detail = await getBeneficiaryDetail(deps.prisma, staff.communeIds, id ?? "", todayInVietnam(deps.clock.now()));
  if (!detail) throw new AppError("not_found", "No such beneficiary");
  return detail;
}

function showDetail(
  deps: AppDeps,
  req: Request,
  res: Response,
  staff: StaffContext,
  detail: BeneficiaryDetail,
  revealedId: string | null,
  erased: ErasureCounts | null = null,
  page: { flash?: { kind: "ok" | "error"; text: string }; status?: number } = {},
) {
  const t = translator(deps, res);
  renderPage(deps, req, res, {
    title: detail.fullName,
    active: "beneficiaries",
    body: beneficiaryDetailView(t, {
      detail: detailShownTo(staff.role, detail),
      locale: localeOf(res),
      csrfToken: staff.csrfToken,
      revealedId,
      canReveal: can(staff.role, "people.revealId"),
      privacyActions: can(staff.role, "people.chatData"),
      erased,
    }),
    flash: page.flash,
    status: page.status,
  });
}

const eraseForm = z.object({ confirm: z.literal("yes") });

export function auditAccess(
  deps: AppDeps,
  req: Request,
  staff: StaffContext,
  beneficiaryId: string,
  action: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(deps.prisma, {
    staffId: staff.id,
    actor: staff.username,
    action,
    entity: "beneficiary",
    entityId: beneficiaryId,
    detail,
    ip: clientIp(req),
  });
}
