// The wordings page: officers teach the import how their lists write categories and communes.
import express, { type Request, type Response } from "express";
import { z } from "zod";
import { addAlias, listAliases, removeAlias } from "../../features/imports/aliases.ts";
import { listCategories } from "../../features/policy/categories.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { getStaff } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { importAliasesView } from "./views/importAliasesView.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const addBody = z.object({
  kind: z.enum(["CATEGORY", "COMMUNE"]),
  wording: z.string().max(500),
  target: z.string().min(1).max(64),
});

export function createImportAliasesRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const show = async (req: Request, res: Response, flash?: { kind: "ok" | "error"; text: string }, status = 200) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const [aliases, categories, communes] = await Promise.all([
      listAliases(deps.prisma, staff),
      listCategories(deps.prisma),
      listAreaCommunes(deps.prisma, staff.communeIds),
    ]);
    renderPage(deps, req, res, {
      title: t("imports:aliases.title"),
      active: "imports",
      flash,
      status,
      body: importAliasesView(t, staff, { aliases, categories, communes }),
    });
  };

  router.get("/", (req, res) => show(req, res));

  router.post("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const body = addBody.safeParse(req.body);
    if (!body.success) return show(req, res, { kind: "error", text: t("imports:aliases.errors.wording_invalid") }, 400);
    const added = await addAlias(deps.prisma, staff, body.data);
    if (!added.ok) return show(req, res, { kind: "error", text: t(`imports:aliases.errors.${added.code}`) }, 400);
    await show(req, res, { kind: "ok", text: t("imports:aliases.added", { wording: body.data.wording.trim() }) });
  });

  router.post("/:id/delete", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const id = z.uuid().safeParse(req.params.id);
    const removed = id.success && (await removeAlias(deps.prisma, staff, id.data));
    await show(
      req,
      res,
      removed
        ? { kind: "ok", text: t("imports:aliases.removed") }
        : { kind: "error", text: t("imports:aliases.errors.not_removed") },
      removed ? 200 : 404,
    );
  });
  return router;
}
