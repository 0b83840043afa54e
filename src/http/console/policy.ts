// /console/policy: the policy officers own. Every officer reads it; province officers and admins
// enter changes (forms, a whole rate table from the decree's appendix, the tables' workbook),
// which wait for a second person to confirm them; the author cannot confirm their own.
import express, { type Request, type Response } from "express";
import multer from "multer";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { changeValue, currentValue } from "../../features/policy/changeSchema.ts";
import {
  canEditPolicy,
  confirmChange,
  declineChange,
  listChanges,
  loadChange,
  proposeChange,
  type PolicyActor,
} from "../../features/policy/policyChanges.ts";
import { exportPolicyWorkbook, readPolicyWorkbook } from "../../features/policy/policyWorkbook.ts";
import { readRateTableFile } from "../../features/policy/rateTableFile.ts";
import { loadProvenance } from "../../features/policy/provenance.ts";
import { readPolicy } from "../../features/policy/readPolicy.ts";
import { areaProvinceCodes, listProvinces } from "../../features/staff/areaNames.ts";
import type { SafeHtml } from "../../lib/html.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { localeOf } from "./locale.ts";
import { changePage, historyPage } from "./views/policyChangeView.ts";
import { formEnvelope, parseForm, type FormTable } from "./views/policyForms.ts";
import { entryForm } from "./views/policyEntry.ts";
import { policyPage } from "./views/policyView.ts";
import { renderPage } from "./render.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FORM_TABLES = ["BASE_LEVEL", "CATEGORY_AMOUNT", "CATEGORY", "RESOLUTION"] as const;
const formTable = z.enum(FORM_TABLES);
const decideBody = z.object({
  decision: z.enum(["confirm", "reject", "withdraw"]),
  note: z.string().trim().max(500).optional(),
});
const money = z.preprocess(
  (v) => (typeof v === "string" ? Number(v.replace(/[.\s,đ]/g, "")) : v),
  z.number().int().positive(),
);
const rateTableBody = z.object({
  code: z.string().trim().min(1),
  description: z.string().trim().min(1),
  baseLevel: money,
  effectiveFrom: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .transform((m) => `${m}-01`),
  legalBasis: z.string().trim().min(1),
  source: z.string().trim().optional(),
});

export function createPolicyRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.config.IMPORT_MAX_MB * 1024 * 1024, files: 1, fields: 20 },
  }).single("file");
  const t = (res: Response) => deps.i18n.t(localeOf(res));
  const page = (
    req: Request,
    res: Response,
    title: string,
    body: SafeHtml,
    flash?: { kind: "ok" | "error"; text: string },
    status = 200,
  ) => renderPage(deps, req, res, { title, body, active: "policy", flash, status });

  const overview = async (
    req: Request,
    res: Response,
    flash?: { kind: "ok" | "error"; text: string },
    status = 200,
  ) => {
    const staff = getStaff(res);
    const [stored, pending, provenance] = await Promise.all([
      readPolicy(deps.prisma),
      listChanges(deps.prisma, { pending: true }),
      loadProvenance(deps.prisma),
    ]);
    const body = policyPage(t(res), localeOf(res), staff, {
      ...stored,
      pending,
      canEdit: canEditPolicy(staff),
      provenance,
    });
    page(req, res, t(res)("policy:title"), body, flash, status);
  };

  router.get("/", (req, res) => overview(req, res));

  router.get("/form/:table", async (req, res) => {
    const staff = requireEditor(getStaff(res));
    const table = tableOf(req.params.table);
    const target = typeof req.query.target === "string" && req.query.target ? req.query.target : null;
    const stored = await readPolicy(deps.prisma);
    const current = target
      ? currentValue({ ...stored.policy, resolutionIds: stored.resolutionIds }, table, target)
      : null;
    if (target && !current) throw new AppError("not_found", "Unknown policy row");
    const body = entryForm(t(res), staff, await provincesOf(deps, table, staff), table, target, current, stored.policy);
    page(req, res, t(res)(`policy:${target ? "edit" : "new"}.${table}`), body);
  });

  router.post("/form/:table", async (req, res) => {
    const staff = requireEditor(getStaff(res));
    const table: FormTable = tableOf(req.params.table);
    const envelope = formEnvelope.parse(req.body);
    const parsed = parseForm(table, req.body);
    const again = async (message: string, status: number) => {
      const stored = await readPolicy(deps.prisma);
      const body = entryForm(
        t(res),
        staff,
        await provincesOf(deps, table, staff),
        table,
        envelope.target,
        parsed.ok ? parsed.value : null,
        stored.policy,
      );
      page(
        req,
        res,
        t(res)(`policy:${envelope.target ? "edit" : "new"}.${table}`),
        body,
        { kind: "error", text: message },
        status,
      );
    };
    if (!parsed.ok) return again(t(res)("policy:errors.form", { problems: parsed.problems.join("; ") }), 400);
    try {
      const change = await proposeChange(
        deps.prisma,
        await actorOf(deps, req, staff),
        { table, target: envelope.target, value: parsed.value },
        envelope.note,
      );
      res.redirect(303, `/console/policy/changes/${change.id}?entered=1`);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return again(err.message, err.status);
      throw err;
    }
  });

  router.post("/rate-tables", async (req, res) => {
    const staff = requireEditor(getStaff(res));
    const tr = t(res);
    const ok = await new Promise<boolean>((resolve) => upload(req, res, (err: unknown) => resolve(!err)));
    const body = rateTableBody.safeParse(req.body);
    if (!ok || !req.file || !body.success)
      return overview(req, res, { kind: "error", text: tr("policy:rateUpload.missing") }, 400);
    const read = await readRateTableFile(
      Buffer.from(req.file.originalname, "latin1").toString("utf8"),
      req.file.buffer,
    );
    if (!read.ok) {
      const lines = read.problems.map((p) =>
        tr(`policy:rateUpload.problem.${p.code}`, { row: p.row ?? "", value: p.value ?? "" }),
      );
      return overview(
        req,
        res,
        { kind: "error", text: `${tr("policy:rateUpload.refused")} ${lines.join(" · ")}` },
        400,
      );
    }
    const value = changeValue.parse({
      table: "RATE_TABLE",
      value: { ...body.data, source: body.data.source || null, confirmed: true, rows: read.rows },
    });
    const stored = await readPolicy(deps.prisma);
    const key = `${body.data.code}:${body.data.baseLevel}`;
    const exists = currentValue({ ...stored.policy, resolutionIds: stored.resolutionIds }, "RATE_TABLE", key) !== null;
    const change = await proposeChange(
      deps.prisma,
      await actorOf(deps, req, staff),
      { table: "RATE_TABLE", target: exists ? key : null, value },
      null,
    );
    res.redirect(303, `/console/policy/changes/${change.id}?entered=1`);
  });

  router.post("/import", async (req, res) => {
    const staff = requireEditor(getStaff(res));
    const tr = t(res);
    const ok = await new Promise<boolean>((resolve) => upload(req, res, (err: unknown) => resolve(!err)));
    if (!ok || !req.file) return overview(req, res, { kind: "error", text: tr("policy:import.missing") }, 400);
    const stored = await readPolicy(deps.prisma);
    const read = await readPolicyWorkbook(req.file.buffer, { ...stored.policy, resolutionIds: stored.resolutionIds });
    const actor = await actorOf(deps, req, staff);
    const problems = read.problems.map((p) => `${p.sheet} ${tr("policy:import.row", { row: p.row })}: ${p.message}`);
    let entered = 0;
    for (const c of read.changes) {
      try {
        await proposeChange(
          deps.prisma,
          actor,
          { table: c.table, target: c.target, value: c.value },
          tr("policy:import.note"),
        );
        entered += 1;
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        problems.push(`${c.sheet} ${tr("policy:import.row", { row: c.row })}: ${err.message}`);
      }
    }
    const text = `${tr("policy:import.done", { entered, unchanged: read.unchanged })}${problems.length ? ` ${problems.join(" · ")}` : ""}`;
    return overview(
      req,
      res,
      { kind: problems.length ? "error" : "ok", text },
      problems.length && entered === 0 ? 400 : 200,
    );
  });

  router.get("/export", async (_req, res) => {
    const stored = await readPolicy(deps.prisma);
    const data = await exportPolicyWorkbook({ ...stored.policy, resolutionIds: stored.resolutionIds });
    res.setHeader("Cache-Control", "no-store");
    res.attachment(`chinh-sach-v${stored.version}.xlsx`).type(XLSX_TYPE).send(data);
  });

  router.get("/history", async (req, res) => {
    page(
      req,
      res,
      t(res)("policy:history.title"),
      historyPage(t(res), localeOf(res), await listChanges(deps.prisma, {})),
    );
  });

  router.get("/changes/:id", async (req, res) => {
    const staff = getStaff(res);
    const change = await loadChange(deps.prisma, idOf(req.params.id));
    const flash = req.query.entered ? { kind: "ok" as const, text: t(res)("policy:change.entered") } : undefined;
    page(
      req,
      res,
      t(res)("policy:change.title"),
      changePage(t(res), localeOf(res), staff, change, canEditPolicy(staff)),
      flash,
    );
  });

  router.post("/changes/:id/decide", async (req, res) => {
    const staff = requireEditor(getStaff(res));
    const id = idOf(req.params.id);
    const body = decideBody.safeParse(req.body);
    if (!body.success) throw new AppError("bad_request", "Invalid decision");
    const actor = await actorOf(deps, req, staff);
    const note = body.data.note || null;
    try {
      const change =
        body.data.decision === "confirm"
          ? await confirmChange(deps.prisma, actor, id, note)
          : await declineChange(deps.prisma, actor, id, note);
      const flash = { kind: "ok" as const, text: t(res)(`policy:change.done.${change.status}`) };
      page(req, res, t(res)("policy:change.title"), changePage(t(res), localeOf(res), staff, change, true), flash);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const change = await loadChange(deps.prisma, id);
      const reason =
        typeof err.details === "object" && err.details !== null && "reason" in err.details
          ? String(err.details.reason)
          : "";
      const text = reason === "own_change" ? t(res)("policy:change.ownChange") : err.message;
      page(
        req,
        res,
        t(res)("policy:change.title"),
        changePage(t(res), localeOf(res), staff, change, true),
        { kind: "error", text },
        err.status,
      );
    }
  });
  return router;
}

/** Unknown tables and ids in the address are answered like any unknown page. */
function tableOf(raw: unknown): FormTable {
  const parsed = formTable.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "Unknown policy table");
  return parsed.data;
}

function idOf(raw: unknown): string {
  const parsed = z.uuid().safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "Unknown policy change");
  return parsed.data;
}

function requireEditor(staff: StaffContext): StaffContext {
  if (!canEditPolicy(staff)) throw new AppError("forbidden", "Policy is read-only for this role");
  return staff;
}

/** The provinces a provincial resolution may be entered for: those of the officer's area. */
async function provincesOf(deps: AppDeps, table: FormTable, staff: StaffContext) {
  if (table !== "RESOLUTION") return [];
  return listProvinces(deps.prisma, await areaProvinceCodes(deps.prisma, staff.communeIds));
}

/** The staff member as a policy actor: the provinces their area covers (all for an admin). */
async function actorOf(deps: AppDeps, req: Request, staff: StaffContext): Promise<PolicyActor> {
  const provinceCodes = await areaProvinceCodes(deps.prisma, staff.communeIds);
  return { id: staff.id, username: staff.username, role: staff.role, provinceCodes, ip: clientIp(req) };
}
