// /console/broadcasts: the list, the new-broadcast form with its preview, one broadcast with its
// live progress and report, approve, cancel and the XLSX download. Officers only; a commune outside
// the officer's area is refused by the server (403), and a broadcast outside it answers 404.
import express from "express";
import { AppError } from "../../core/errors.ts";
import { coversAll } from "../../features/broadcasts/access.ts";
import { approveBroadcast, cancelBroadcast } from "../../features/broadcasts/decisions.ts";
import { exportBroadcastReport } from "../../features/broadcasts/exportReport.ts";
import { createBroadcast } from "../../features/broadcasts/lifecycle.ts";
import { listBroadcasts, loadBroadcast, type BroadcastDetail } from "../../features/broadcasts/list.ts";
import { previewBroadcast } from "../../features/broadcasts/preview.ts";
import { broadcastProgress } from "../../features/broadcasts/report.ts";
import { sendDueBroadcasts } from "../../features/broadcasts/send.ts";
import { listCategories } from "../../features/policy/categories.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { broadcastDetailView } from "./views/broadcastsDetailView.ts";
import { broadcastEvents } from "./broadcastsEvents.ts";
import { audienceOf } from "./audienceForm.ts";
import { broadcastForm, formProblems, formTemplate, sendTime, type BroadcastForm } from "./broadcastsForm.ts";
import { broadcastFormView, broadcastListView } from "./views/broadcastsView.ts";
import { localeOf, translator } from "./locale.ts";
import { renderPage } from "./render.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DONE_FLASHES = new Set(["created", "awaiting", "approved", "cancelled"]);

export function createBroadcastsRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const rows = await listBroadcasts(deps.prisma, staff);
    renderPage(deps, req, res, {
      title: t("broadcasts:console.title"),
      active: "broadcasts",
      body: broadcastListView(t, rows),
    });
  });

  router.get("/new", async (req, res) => {
    const form = broadcastForm.parse({});
    await showForm(deps, req, res, form, [], false);
  });

  router.post("/", async (req, res) => {
    const staff = getStaff(res);
    const parsed = broadcastForm.safeParse(req.body);
    if (!parsed.success) throw new AppError("bad_request", "Invalid broadcast form", parsed.error.issues);
    const form = parsed.data;
    // Refused outright, whatever the page showed: nobody targets people outside their area.
    if (!coversAll(staff.communeIds, form.communeIds))
      throw new AppError("forbidden", "A commune is outside your area");
    const now = deps.clock.now();
    const problems = formProblems(form, now);
    if (problems.length > 0 || form.action === "preview") {
      await showForm(deps, req, res, form, problems, problems.length === 0);
      return;
    }
    const created = await createBroadcast(deps.prisma, {
      title: form.title,
      template: formTemplate(form),
      audience: audienceOf(form),
      createdById: staff.id,
      scheduledAt: sendTime(form),
      approvalThreshold: deps.config.BROADCAST_APPROVAL_THRESHOLD,
      now,
      ip: clientIp(req),
    });
    if (created.status === "SCHEDULED" && form.when === "now") sendSoon(deps, created.id);
    res.redirect(
      303,
      `/console/broadcasts/${created.id}?done=${created.status === "AWAITING_APPROVAL" ? "awaiting" : "created"}`,
    );
  });

  router.get("/:id", async (req, res) => {
    const staff = getStaff(res);
    const b = await load(deps, staff, req.params.id);
    const progress = await broadcastProgress(deps.prisma, b.id);
    if (!progress) throw new AppError("not_found", "Unknown broadcast");
    const t = translator(deps, res);
    const categories = await listCategories(deps.prisma, b.audience.categoryCodes ?? []);
    const en = localeOf(res) === "en";
    const done = typeof req.query.done === "string" && DONE_FLASHES.has(req.query.done) ? req.query.done : null;
    renderPage(deps, req, res, {
      title: b.title,
      active: "broadcasts",
      flash: done ? { kind: "ok", text: t(`broadcasts:console.flash.${done}`) } : null,
      body: broadcastDetailView(t, {
        b,
        progress,
        viewerId: staff.id,
        csrfToken: staff.csrfToken,
        categoryNames: new Map(categories.map((c) => [c.code, en ? c.nameEn : c.name])),
      }),
    });
  });

  router.get("/:id/events", async (req, res) => {
    const staff = getStaff(res);
    const b = await load(deps, staff, req.params.id);
    broadcastEvents(deps, res, b.id, translator(deps, res));
  });

  router.post("/:id/approve", async (req, res) => {
    const staff = getStaff(res);
    const b = await load(deps, staff, req.params.id);
    const now = deps.clock.now();
    await approveBroadcast(deps.prisma, { id: b.id, staffId: staff.id, now, ip: clientIp(req) });
    if (!b.scheduledAt || b.scheduledAt.getTime() <= now.getTime()) sendSoon(deps, b.id);
    res.redirect(303, `/console/broadcasts/${b.id}?done=approved`);
  });

  router.post("/:id/cancel", async (req, res) => {
    const staff = getStaff(res);
    const b = await load(deps, staff, req.params.id);
    await cancelBroadcast(deps.prisma, { id: b.id, staffId: staff.id, now: deps.clock.now(), ip: clientIp(req) });
    res.redirect(303, `/console/broadcasts/${b.id}?done=cancelled`);
  });

  router.get("/:id/export", async (req, res) => {
    const staff = getStaff(res);
    const b = await load(deps, staff, req.params.id);
    const file = await exportBroadcastReport(deps, { broadcast: b, staff, locale: localeOf(res), ip: clientIp(req) });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(file.fileName).type(XLSX_TYPE).send(file.data);
  });

  return router;
}

async function load(deps: AppDeps, staff: StaffContext, id: string | undefined): Promise<BroadcastDetail> {
  const b = await loadBroadcast(deps.prisma, staff, id ?? "");
  if (!b) throw new AppError("not_found", "Unknown broadcast");
  return b;
}

async function showForm(
  deps: AppDeps,
  req: express.Request,
  res: express.Response,
  form: BroadcastForm,
  problems: string[],
  withPreview: boolean,
): Promise<void> {
  const staff = getStaff(res);
  const t = translator(deps, res);
  const [communes, categories] = await Promise.all([
    listAreaCommunes(deps.prisma, staff.communeIds),
    listCategories(deps.prisma),
  ]);
  const en = localeOf(res) === "en";
  const preview = withPreview
    ? await previewBroadcast(deps.prisma, {
        audience: audienceOf(form),
        template: formTemplate(form),
        today: todayInVietnam(deps.clock.now()),
        approvalThreshold: deps.config.BROADCAST_APPROVAL_THRESHOLD,
      })
    : null;
  if (preview?.count === 0) problems = [...problems, "nobody"];
  renderPage(deps, req, res, {
    title: t("broadcasts:console.newTitle"),
    active: "broadcasts",
    status: problems.length > 0 && req.method === "POST" ? 422 : 200,
    body: broadcastFormView(t, {
      form,
      communes,
      categories: categories.map((c) => ({ code: c.code, name: en ? c.nameEn : c.name, programme: c.programme })),
      problems,
      preview,
      threshold: deps.config.BROADCAST_APPROVAL_THRESHOLD,
      csrfToken: staff.csrfToken,
    }),
  });
}

/** "Send now" does not wait for the minute: its messages are written at once and the sender woken. */
function sendSoon(deps: AppDeps, id: string): void {
  const kick = deps.kickOutbox;
  void sendDueBroadcasts({ prisma: deps.prisma, config: deps.config, ...(kick ? { kick } : {}) }, deps.clock.now(), {
    onlyId: id,
  }).catch((err: unknown) =>
    deps.log.error({ err, broadcastId: id }, "broadcast not sent at once; the broadcasts job will"),
  );
}
