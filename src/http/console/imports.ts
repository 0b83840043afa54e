// Officers' file imports: upload and check (dry run), then import the same file.
import express, { type Request, type Response } from "express";
import multer from "multer";
import { z } from "zod";
import { listImportRuns } from "../../features/imports/listImportRuns.ts";
import { runImport } from "../../features/imports/service.ts";
import { IMPORT_KINDS, type ImportKind } from "../../features/imports/types.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { importsView } from "./importsView.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const checkBody = z.object({ kind: z.enum(IMPORT_KINDS) });
const applyBody = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string().min(1).max(255),
  data: z.base64().min(1),
});

/** The areas list is reference data for the whole deployment: not for commune officers. */
function kindsFor(staff: StaffContext): readonly ImportKind[] {
  return staff.communeIds === null ? IMPORT_KINDS : IMPORT_KINDS.filter((k) => k !== "areas");
}

export function createImportsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const maxBytes = deps.config.IMPORT_MAX_MB * 1024 * 1024;
  const maxMb = deps.config.IMPORT_MAX_MB;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 10 } }).single("file");

  const page = (req: Request, res: Response, body: SafeHtml, flash?: { kind: "ok" | "error"; text: string }, status = 200) => {
    const t = deps.i18n.t(localeOf(res));
    renderPage(deps, req, res, { title: t("imports:page.title"), active: "imports", body, flash, status });
  };
  /** The upload form alone, with a message saying why the last attempt went nowhere. */
  const formAgain = (req: Request, res: Response, message: string, status: number) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    page(req, res, html`${importsView.intro(t)}${importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb })}`, { kind: "error", text: message }, status);
  };

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const runs = await listImportRuns(deps.prisma, staff);
    page(req, res, html`${importsView.intro(t)}
${importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb })}
${importsView.runs(t, runs)}`);
  });

  router.post("/check", async (req, res) => {
    const staff = getStaff(res);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const uploaded = await new Promise<"ok" | "too_large" | "bad">((resolve) =>
      upload(req, res, (err: unknown) =>
        resolve(!err ? "ok" : err instanceof multer.MulterError && err.code === "LIMIT_FILE_SIZE" ? "too_large" : "bad"),
      ),
    );
    if (uploaded === "too_large") return formAgain(req, res, t("imports:errors.file_too_large", { max: maxMb }), 413);
    const body = checkBody.safeParse(req.body);
    if (uploaded === "bad" || !req.file || !body.success || !kindsFor(staff).includes(body.data.kind)) {
      return formAgain(req, res, t("imports:errors.file_missing"), 400);
    }
    // Browsers send the file name as UTF-8 bytes; multer reads them as Latin-1.
    const fileName = Buffer.from(req.file.originalname, "latin1").toString("utf8");
    const report = await runImport(deps, { kind: body.data.kind, fileName, data: req.file.buffer, dryRun: true, staff, locale });
    const hasErrors = report.errors.length > 0;
    const next = hasErrors
      ? importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb, selected: report.kind, again: true })
      : report.created + report.updated > 0
        ? importsView.applyForm(t, staff, report, req.file.buffer)
        : null;
    page(req, res, importsView.report(t, report, next), hasErrors ? { kind: "error", text: t("imports:report.checkErrors", { count: report.errors.length }) } : undefined);
  });

  router.post("/apply", async (req, res) => {
    const staff = getStaff(res);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const body = applyBody.safeParse(req.body);
    const data = body.success ? Buffer.from(body.data.data, "base64") : null;
    if (!body.success || !data || !kindsFor(staff).includes(body.data.kind)) return formAgain(req, res, t("imports:errors.file_missing"), 400);
    if (data.length > maxBytes) return formAgain(req, res, t("imports:errors.file_too_large", { max: maxMb }), 413);
    const report = await runImport(deps, { kind: body.data.kind, fileName: body.data.fileName, data, dryRun: false, staff, locale });
    // Between the check and the import someone else may have changed the data: say what failed.
    const next = report.applied ? null : importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb, selected: report.kind, again: true });
    page(
      req,
      res,
      importsView.report(t, report, next),
      report.applied
        ? { kind: "ok", text: t("imports:report.applied", { fileName: report.fileName }) }
        : { kind: "error", text: t("imports:report.refused", { count: report.errors.length }) },
    );
  });
  return router;
}
