// Officers' file imports: upload a file to be checked (a job, off the request path), follow its
// progress, read the report, then import the same file — whole, or only its valid rows.
import { createHash } from "node:crypto";
import express, { type Request, type Response } from "express";
import multer from "multer";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { importJobsFromConfig, type ImportJobs } from "../../features/imports/importJobs.ts";
import { findImportJob, findImportRun, importJobFile } from "../../features/imports/jobRecords.ts";
import { listImportRuns } from "../../features/imports/listImportRuns.ts";
import { readStoredReport } from "../../features/imports/storedReport.ts";
import { IMPORT_KINDS, type ImportKind } from "../../features/imports/types.ts";
import { html, type SafeHtml } from "../../lib/html.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { createImportAliasesRouter } from "./importAliases.ts";
import { importJobView } from "./views/importJobView.ts";
import { importsView } from "./views/importsView.ts";
import { localeOf } from "./locale.ts";
import { renderPage } from "./render.ts";

const checkBody = z.object({ kind: z.enum(IMPORT_KINDS) });
const applyBody = z.object({ skipInvalid: z.literal("1").optional() });
const jobId = z.uuid();
const KIND_BACK = { BENEFICIARIES: "beneficiaries", PAYOUTS: "payouts", AREAS: "areas" } as const;

/** The areas list is reference data for the whole deployment: not for commune officers. */
function kindsFor(staff: StaffContext): readonly ImportKind[] {
  return staff.communeIds === null ? IMPORT_KINDS : IMPORT_KINDS.filter((k) => k !== "areas");
}

// One job runner per application, started with it when the composition root did not pass one.
const runners = new WeakMap<AppDeps, ImportJobs>();
export function importJobsOf(deps: AppDeps): ImportJobs {
  if (deps.importJobs) return deps.importJobs;
  let jobs = runners.get(deps);
  if (!jobs) {
    jobs = importJobsFromConfig(deps.config, deps);
    jobs.start();
    runners.set(deps, jobs);
  }
  return jobs;
}

export function createImportsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const jobs = importJobsOf(deps);
  const maxMb = deps.config.IMPORT_MAX_MB;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxMb * 1024 * 1024, files: 1, fields: 10 },
  }).single("file");

  const page = (
    req: Request,
    res: Response,
    body: SafeHtml,
    flash?: { kind: "ok" | "error"; text: string },
    status = 200,
  ) => {
    const t = deps.i18n.t(localeOf(res));
    renderPage(deps, req, res, { title: t("imports:page.title"), active: "imports", body, flash, status });
  };
  /** The upload form alone, with a message saying why the last attempt went nowhere. */
  const formAgain = (req: Request, res: Response, message: SafeHtml | string, status: number) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    page(
      req,
      res,
      html`${importsView.intro(t)}${importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb })}`,
      { kind: "error", text: String(message) },
      status,
    );
  };
  const ownJob = async (res: Response, id: string) => {
    const staff = getStaff(res);
    const parsed = jobId.safeParse(id);
    const job = parsed.success ? await findImportJob(deps.prisma, parsed.data) : null;
    // Someone else's job reads as no job at all.
    if (!job || (job.staffId !== staff.id && staff.role !== "ADMIN")) throw new AppError("not_found", "No such import");
    return job;
  };

  router.use("/aliases", createImportAliasesRouter(deps));

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const runs = await listImportRuns(deps.prisma, staff);
    page(
      req,
      res,
      html`${importsView.intro(t)} ${importsView.uploadForm(t, staff, { kinds: kindsFor(staff), maxMb })}
      ${importsView.runs(t, runs)}`,
    );
  });

  router.post("/check", async (req, res) => {
    const staff = getStaff(res);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const uploaded = await new Promise<"ok" | "too_large" | "bad">((resolve) =>
      upload(req, res, (err: unknown) =>
        resolve(
          !err ? "ok" : err instanceof multer.MulterError && err.code === "LIMIT_FILE_SIZE" ? "too_large" : "bad",
        ),
      ),
    );
    if (uploaded === "too_large") return formAgain(req, res, t("imports:errors.file_too_large", { max: maxMb }), 413);
    const body = checkBody.safeParse(req.body);
    if (uploaded === "bad" || !req.file || !body.success || !kindsFor(staff).includes(body.data.kind)) {
      return formAgain(req, res, t("imports:errors.file_missing"), 400);
    }
    // Browsers send the file name as UTF-8 bytes; multer reads them as Latin-1.
    const fileName = Buffer.from(req.file.originalname, "latin1").toString("utf8");
    const data = req.file.buffer;
    const queued = await jobs.enqueue({
      kind: body.data.kind,
      fileName,
      data,
      fileHash: createHash("sha256").update(data).digest("hex"),
      dryRun: true,
      staff,
      locale,
    });
    if (!queued.ok) return formAgain(req, res, t("imports:jobs.busy"), 409);
    res.redirect(303, `/console/imports/jobs/${queued.id}`);
  });

  router.get("/jobs/:id", async (req, res) => {
    const staff = getStaff(res);
    const t = deps.i18n.t(localeOf(res));
    const job = await ownJob(res, req.params.id);
    if (job.status === "QUEUED" || job.status === "RUNNING") return page(req, res, importJobView.progress(t, job));
    const run = job.runId ? await findImportRun(deps.prisma, job.runId) : null;
    const report = run ? readStoredReport(run.report, run.id) : null;
    const kinds = kindsFor(staff);
    const again = importsView.uploadForm(t, staff, { kinds, maxMb, selected: KIND_BACK[job.kind], again: true });
    if (job.status === "FAILED" || !report)
      return page(req, res, again, { kind: "error", text: t("imports:jobs.failed", { fileName: job.fileName }) });
    const importable = report.dryRun && report.created + report.updated > 0 && report.errors.every((e) => e.row > 0);
    const next = report.dryRun
      ? html`${importable ? importsView.applyForm(t, staff, job.id, report) : ""}${report.errorCount > 0 ? again : ""}`
      : report.applied
        ? null
        : again;
    const flash = report.dryRun
      ? report.errorCount > 0
        ? { kind: "error" as const, text: t("imports:report.checkErrors", { count: report.errorCount }) }
        : undefined
      : report.applied
        ? { kind: "ok" as const, text: t("imports:report.applied", { fileName: report.fileName }) }
        : { kind: "error" as const, text: t("imports:report.refused", { count: report.errorCount }) };
    page(req, res, importsView.report(t, report, next), flash);
  });

  router.get("/jobs/:id/status", async (req, res) => {
    const t = deps.i18n.t(localeOf(res));
    const job = await ownJob(res, req.params.id);
    res.setHeader("Cache-Control", "no-store");
    res.json({
      status: job.status,
      done: job.status === "DONE" || job.status === "FAILED",
      phase: job.phase,
      rows: job.rowsRead,
      text: importJobView.progressText(t, job),
    });
  });

  router.post("/jobs/:id/apply", async (req, res) => {
    const staff = getStaff(res);
    const locale = localeOf(res);
    const t = deps.i18n.t(locale);
    const job = await ownJob(res, req.params.id);
    const body = applyBody.safeParse(req.body);
    const file = await importJobFile(deps.prisma, job.id);
    const kind = KIND_BACK[job.kind];
    if (!body.success || !job.dryRun || job.status !== "DONE" || !file || !kindsFor(staff).includes(kind)) {
      return formAgain(req, res, t("imports:jobs.expired"), 400);
    }
    const queued = await jobs.enqueue({
      kind,
      fileName: job.fileName,
      data: Buffer.from(file),
      fileHash: job.fileHash,
      dryRun: false,
      skipInvalid: body.data.skipInvalid === "1",
      staff,
      locale,
      checkedJobId: job.id,
    });
    if (!queued.ok) return formAgain(req, res, t("imports:jobs.busy"), 409);
    res.redirect(303, `/console/imports/jobs/${queued.id}`);
  });
  return router;
}
