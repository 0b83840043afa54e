// Campaigns at /console/campaigns: the list, the form (preview before saving), one campaign's
// page with its switches and past fires. A campaign outside the officer's area answers 404 like
// an unknown id; defining one over another area's commune, or previewing it, is refused (403).
import express from "express";
import { AppError } from "../../core/errors.ts";
import type { CampaignInput, StoredCampaign } from "../../features/broadcasts/campaignModel.ts";
import { previewCampaign, type CampaignPreview } from "../../features/broadcasts/campaignPreview.ts";
import {
  approveCampaign,
  checkArea,
  listVisible,
  loadVisible,
  saveCampaign,
  setCampaignActive,
  type CampaignActor,
} from "../../features/broadcasts/campaignService.ts";
import { campaignHistory, firedOn } from "../../features/broadcasts/campaignHistory.ts";
import { listCategories } from "../../features/policy/categories.ts";
import { communeNames, staffNamesById } from "../../features/staff/areaNames.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { campaignDetailView, campaignListView } from "./views/campaignsDetail.ts";
import {
  campaignFormSchema,
  contentFingerprint,
  EMPTY_FORM,
  formOf,
  readCampaignForm,
  type CampaignForm,
} from "./campaignsForm.ts";
import { campaignFormView } from "./views/campaignsView.ts";
import { localeOf, translator } from "./locale.ts";
import { renderPage } from "./render.ts";

const DONE = ["saved", "activated", "deactivated", "approved"] as const;
const FIRES_SHOWN = 60;

export function createCampaignsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const actorOf = (req: express.Request, res: express.Response): CampaignActor => ({
    ...getStaff(res),
    ip: clientIp(req),
  });
  const settings = () => ({ approvalThreshold: deps.config.BROADCAST_APPROVAL_THRESHOLD, now: deps.clock.now() });

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const rows = await listVisible(deps.prisma, staff);
    const names = await communeNames(
      deps.prisma,
      rows.flatMap((c) => c.audience.communeIds),
    );
    renderPage(deps, req, res, {
      title: t("campaigns:list.title"),
      active: "campaigns",
      body: campaignListView(t, rows, names),
    });
  });

  router.get("/new", async (req, res) => {
    const staff = getStaff(res);
    const communes = await listAreaCommunes(deps.prisma, staff.communeIds);
    // An officer of one commune has nothing to choose.
    const form: CampaignForm = { ...EMPTY_FORM, communeIds: communes.length === 1 ? [communes[0]!.id] : [] };
    await showForm(req, res, { form, issues: [], preview: null });
  });

  router.post("/new", (req, res) => submit(req, res, null));

  router.get("/:id", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const c = await loadVisible(deps.prisma, staff, req.params.id);
    const now = deps.clock.now();
    // Days on which the rule picked nobody are not listed one by one: only the latest check is.
    const { fires, lastCheck } = await campaignHistory(deps.prisma, c.id, FIRES_SHOWN);
    const preview = await previewOf(
      c,
      c.active && c.activatedAt ? c.activatedAt : now,
      lastCheck?.fireKey === todayInVietnam(now),
    );
    const categories = await listCategories(deps.prisma, c.audience.categoryCodes ?? []);
    const staffIds = [c.createdById, c.activatedById, c.approvedById].filter((id): id is string => id !== null);
    const staffNames = await staffNamesById(deps.prisma, staffIds);
    const done = DONE.find((d) => d === req.query.done);
    renderPage(deps, req, res, {
      title: c.name,
      active: "campaigns",
      flash: done ? { kind: "ok", text: t(`campaigns:done.${done}`) } : null,
      body: campaignDetailView(t, {
        campaign: c,
        csrfToken: staff.csrfToken,
        communeNames: await communeNames(deps.prisma, c.audience.communeIds),
        categoryNames: new Map(categories.map((k) => [k.code, localeOf(res) === "en" ? k.nameEn : k.name])),
        staffNames,
        preview,
        fires,
        quietDay: lastCheck && lastCheck.recipients === 0 ? lastCheck.fireKey : null,
        canApprove:
          c.active && c.approvalRequired && !c.approvedAt && staff.id !== c.createdById && staff.id !== c.activatedById,
      }),
    });
  });

  router.get("/:id/edit", async (req, res) => {
    const c = await loadVisible(deps.prisma, getStaff(res), req.params.id);
    await showForm(req, res, { form: formOf(c), issues: [], preview: null, campaignId: c.id });
  });

  router.post("/:id/edit", (req, res) => submit(req, res, req.params.id));

  for (const [path, done] of [
    ["activate", "activated"],
    ["deactivate", "deactivated"],
  ] as const) {
    router.post(`/:id/${path}`, async (req, res) => {
      await setCampaignActive(deps.prisma, actorOf(req, res), req.params.id, path === "activate", settings());
      res.redirect(303, `/console/campaigns/${req.params.id}?done=${done}`);
    });
  }

  router.post("/:id/approve", async (req, res) => {
    await approveCampaign(deps.prisma, actorOf(req, res), req.params.id, deps.clock.now());
    res.redirect(303, `/console/campaigns/${req.params.id}?done=approved`);
  });

  async function submit(req: express.Request, res: express.Response, id: string | null): Promise<void> {
    const staff = getStaff(res);
    const parsed = campaignFormSchema.safeParse(req.body);
    if (!parsed.success) throw new AppError("bad_request", "Invalid campaign form");
    const form = parsed.data;
    const existing = id ? await loadVisible(deps.prisma, staff, id) : null;
    const { input, issues } = readCampaignForm(form);
    if (!input) return showForm(req, res, { form, issues, preview: null, campaignId: id }, 422);
    // Previewing shows people's names and amounts: the same area rule as saving.
    await checkArea(deps.prisma, staff, input.audience.communeIds);
    const fingerprint = contentFingerprint(input);
    if (form.intent === "save" && form.previewed === fingerprint) {
      const savedId = await saveCampaign(deps.prisma, actorOf(req, res), input, settings(), id ?? undefined);
      res.redirect(303, `/console/campaigns/${savedId}?done=saved`);
      return;
    }
    const now = deps.clock.now();
    // A running campaign that stays on keeps its activation time, hence its next send.
    const activatedAt = existing?.active && input.active && existing.activatedAt ? existing.activatedAt : now;
    const firedToday = id ? await firedOn(deps.prisma, id, todayInVietnam(now)) : false;
    const preview = await previewOf(input, activatedAt, firedToday);
    await showForm(req, res, {
      form,
      issues: [],
      preview: { result: preview, fingerprint },
      stale: form.intent === "save",
      campaignId: id,
    });
  }

  async function previewOf(
    c: CampaignInput | StoredCampaign,
    activatedAt: Date,
    firedToday: boolean,
  ): Promise<CampaignPreview> {
    return previewCampaign(deps.prisma, c, {
      now: deps.clock.now(),
      approvalThreshold: deps.config.BROADCAST_APPROVAL_THRESHOLD,
      activatedAt,
      firedToday,
    });
  }

  async function showForm(
    req: express.Request,
    res: express.Response,
    o: {
      form: CampaignForm;
      issues: string[];
      preview: { result: CampaignPreview; fingerprint: string } | null;
      stale?: boolean;
      campaignId?: string | null;
    },
    status = 200,
  ): Promise<void> {
    const staff: StaffContext = getStaff(res);
    const t = translator(deps, res);
    const en = localeOf(res) === "en";
    const categories = (await listCategories(deps.prisma)).map((c) => ({
      code: c.code,
      name: en ? c.nameEn : c.name,
      programme: c.programme,
    }));
    const body = campaignFormView(t, {
      action: o.campaignId ? `/console/campaigns/${o.campaignId}/edit` : "/console/campaigns/new",
      csrfToken: staff.csrfToken,
      form: o.form,
      communes: await listAreaCommunes(deps.prisma, staff.communeIds),
      categories,
      issues: o.issues,
      preview: o.preview,
      stale: o.stale,
    });
    renderPage(deps, req, res, {
      title: t(o.campaignId ? "campaigns:form.editTitle" : "campaigns:form.newTitle"),
      active: "campaigns",
      body,
      status,
    });
  }

  return router;
}
