// The officers' review queue at /console/requests: requests of their communes, one request with
// its papers to tick, approve or reject with a reason. Someone outside the officer's area answers
// 404, like an unknown id; every view and every decision is audited.
import express from "express";
import type { TFunction } from "i18next";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { recordAudit } from "../../features/audit/service.ts";
import { findFormRequest } from "../../features/requests/formRequest.ts";
import { loadHistoryActors } from "../../features/requests/historyActors.ts";
import { listQueue, loadRequest, type RequestDetail } from "../../features/requests/queue.ts";
import { decideRequest } from "../../features/requests/review.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { formBody, formPage } from "../forms/authorisationForm.ts";
import { clientIp } from "./auth.ts";
import { translator } from "./locale.ts";
import { renderPage } from "./render.ts";
import { requestDetailView, requestListView } from "./views/requestViews.ts";

const listQuery = z.object({ status: z.enum(["PENDING", "APPROVED", "REJECTED", "ALL"]).default("PENDING") });

const decisionForm = z.object({
  decision: z.enum(["approve", "reject"]),
  // One ticked box arrives as a string, several as an array.
  checklist: z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]).optional(),
  reason: z.string().max(500).optional(),
});

export function createRequestsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const query = listQuery.safeParse(req.query);
    if (!query.success) throw new AppError("bad_request", "Invalid filter");
    const rows = await listQueue(deps.prisma, staff.communeIds, query.data.status);
    renderPage(deps, req, res, {
      title: t("requests:console.title"),
      active: "requests",
      body: requestListView(t, { status: query.data.status, rows }),
    });
  });

  router.get("/:id", async (req, res) => {
    const staff = getStaff(res);
    const detail = await load(deps, staff, req.params.id);
    await recordAudit(deps.prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: "request.view",
      entity: "changeRequest",
      entityId: detail.id,
      ip: clientIp(req),
    });
    await show(deps, req, res, staff, detail, null);
  });

  // The printable form, for the officer to print or check: area-scoped and audited like the page.
  router.get("/:id/form", async (req, res) => {
    const staff = getStaff(res);
    const detail = await load(deps, staff, req.params.id);
    const found = detail.kind === "AUTHORISATION" ? await findFormRequest(deps.prisma, { id: detail.id }) : null;
    const t = deps.i18n.t("vi");
    const body = found ? formBody(t, found) : null;
    if (!body) throw new AppError("not_found", "No printable form for this request");
    await recordAudit(deps.prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: "request.form_open",
      entity: "changeRequest",
      entityId: detail.id,
      detail: { beneficiaryId: detail.beneficiaryId },
      ip: clientIp(req),
    });
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(formPage(t, body).value);
  });

  router.post("/:id", async (req, res) => {
    const staff = getStaff(res);
    const form = decisionForm.safeParse(req.body);
    if (!form.success) throw new AppError("bad_request", "Invalid decision");
    const t = translator(deps, res);
    const outcome = await decideRequest(
      deps.prisma,
      staff,
      {
        requestId: req.params.id ?? "",
        decision: form.data.decision,
        checklist: [form.data.checklist ?? []].flat(),
        reason: form.data.reason,
        ip: clientIp(req),
      },
      deps.clock.now(),
    );
    if (!outcome.ok && outcome.problem === "notFound") throw new AppError("not_found", "No such request");
    const detail = await load(deps, staff, req.params.id);
    const flash = outcome.ok
      ? {
          kind: "ok" as const,
          text: t(`requests:console.flash.${form.data.decision === "approve" ? "approved" : "rejected"}`, {
            reference: outcome.reference,
          }),
        }
      : { kind: "error" as const, text: t(`requests:console.flash.${outcome.problem}`) };
    await show(deps, req, res, staff, detail, flash, outcome.ok ? 200 : 422);
  });

  return router;
}

async function load(deps: AppDeps, staff: StaffContext, id: string | undefined): Promise<RequestDetail> {
  const detail = await loadRequest(deps.prisma, staff.communeIds, id ?? "");
  if (!detail) throw new AppError("not_found", "No such request");
  return detail;
}

async function show(
  deps: AppDeps,
  req: express.Request,
  res: express.Response,
  staff: StaffContext,
  detail: RequestDetail,
  flash: { kind: "ok" | "error"; text: string } | null,
  status = 200,
): Promise<void> {
  const t = translator(deps, res);
  renderPage(deps, req, res, {
    title: t("requests:console.detailTitle", { reference: detail.reference }),
    active: "requests",
    body: requestDetailView(
      t,
      detail,
      staff.csrfToken,
      await historyActors(
        deps,
        t,
        detail.history.map((h) => h.actor),
      ),
    ),
    flash,
    status,
  });
}

/**
 * Who the history's entries name, as officers know them: staff by name, a chat as the person or
 * relative it is linked to and its channel (the log keeps "chat:<id>"), the form's link as such.
 */
async function historyActors(deps: AppDeps, t: TFunction, actors: string[]): Promise<Map<string, string>> {
  const found = await loadHistoryActors(deps.prisma, actors);
  const names = new Map<string, string>([["form-link", t("requests:console.historyFormLink")], ...found.staff]);
  for (const [actor, c] of found.chats) {
    const who = c.relative
      ? t("requests:console.historyRelative", { name: c.relative.name, person: c.relative.personName })
      : (c.personName ?? t("requests:console.historyUnlinked"));
    names.set(actor, t("requests:console.historyChat", { who, channel: t(`console:channel.${c.channel}`) }));
  }
  return names;
}
