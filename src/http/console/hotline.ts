// The hotline console at /console/hotline: the live queue, one ticket with the person's record,
// and the agent's actions. A ticket outside the caller's reach answers 404 like an unknown number;
// every view and every change is audited.
import express from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { recordAudit } from "../../features/audit/service.ts";
import { getBeneficiaryDetail } from "../../features/beneficiaries/detail.ts";
import { markAlertsSeen, possibleAssignees, unseenAlerts } from "../../features/hotline/alerts.ts";
import { queueFingerprint, ticketFingerprint } from "../../features/hotline/changes.ts";
import { HOTLINE_TOPICS } from "../../features/hotline/protocol.ts";
import { applyTicketAction, type TicketAction } from "../../features/hotline/ticketActions.ts";
import { listTickets, loadTicket, type QueueFilter, type TicketDetail } from "../../features/hotline/tickets.ts";
import { listAreaCommunes } from "../../features/staff/scope.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { getStaff, type StaffContext } from "../context.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "./auth.ts";
import { hotlineEvents, ticketNumber } from "./hotlineEvents.ts";
import { hotlineQueueView, queueTable } from "./views/hotlineQueueView.ts";
import { hotlineTicketView, ticketMessages } from "./views/hotlineTicketView.ts";
import { translator } from "./locale.ts";
import { renderPage } from "./render.ts";

const queueQuery = z.object({
  status: z.enum(["OPEN", "NEW", "ASSIGNED", "WAITING_FOR_PERSON", "REOPENED", "RESOLVED", "ALL"]).default("OPEN"),
  topic: z.enum(HOTLINE_TOPICS).or(z.literal("")).optional(),
  commune: z.string().max(64).optional(),
  mine: z.literal("1").optional(),
});

const text = z.string().trim().min(1).max(2000);
const actionForm = z.discriminatedUnion("action", [
  z.object({ action: z.literal("claim") }),
  z.object({ action: z.literal("reopen") }),
  z.object({ action: z.literal("assign"), staffId: z.string().min(1).max(64) }),
  z.object({ action: z.literal("reply"), text }),
  z.object({ action: z.literal("note"), text }),
  z.object({ action: z.literal("resolve"), outcome: z.string().trim().min(1).max(300) }),
]);

export function createHotlineRouter(deps: AppDeps): express.Router {
  const router = express.Router();

  router.get("/", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const filter = parseFilter(req.query);
    // Taken before the queue is read, never alongside: a change landing while the page is built then
    // still differs from the page's fingerprint, and the live view fetches it.
    const fp = await queueFingerprint(deps.prisma, staff);
    const [rows, communes, alerts] = await Promise.all([
      listTickets(deps.prisma, staff, filter),
      listAreaCommunes(deps.prisma, staff.communeIds),
      unseenAlerts(deps.prisma, staff.id),
    ]);
    const query = new URLSearchParams(
      Object.entries(req.query).flatMap(([k, v]) => (typeof v === "string" && k !== "lang" ? [[k, v]] : [])),
    );
    query.set("fp", fp);
    renderPage(deps, req, res, {
      title: t("hotline:console.title"),
      active: "hotline",
      body: hotlineQueueView(t, {
        filter,
        rows,
        communes,
        alerts: alerts.map((a) => ({ number: a.ticket.number, kind: a.kind, at: a.createdAt })),
        query: query.toString(),
      }),
    });
  });

  router.get("/queue", async (req, res) => {
    const staff = getStaff(res);
    const rows = await listTickets(deps.prisma, staff, parseFilter(req.query));
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(queueTable(translator(deps, res), rows).value);
  });

  router.get("/events", hotlineEvents(deps));

  router.get("/:number/messages", async (req, res) => {
    const ticket = await load(deps, getStaff(res), req.params.number);
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(ticketMessages(translator(deps, res), ticket).value);
  });

  router.get("/:number", async (req, res) => {
    const staff = getStaff(res);
    const fp = await fingerprintBefore(deps, staff, req.params.number);
    const ticket = await load(deps, staff, req.params.number);
    await recordAudit(deps.prisma, {
      staffId: staff.id,
      actor: staff.username,
      action: "hotline.view",
      entity: "hotlineTicket",
      entityId: ticket.id,
      ip: clientIp(req),
    });
    await markAlertsSeen(deps.prisma, staff.id, ticket.id, deps.clock.now());
    await show(deps, req, res, staff, ticket, fp, null);
  });

  router.post("/:number", async (req, res) => {
    const staff = getStaff(res);
    const t = translator(deps, res);
    const form = actionForm.safeParse(req.body);
    if (!form.success) throw new AppError("bad_request", "Invalid ticket action");
    const ticket = await load(deps, staff, req.params.number);
    const outcome = await applyTicketAction(
      deps.prisma,
      staff,
      ticket.number,
      toAction(form.data),
      deps.clock.now(),
      clientIp(req),
    );
    if (!outcome.ok && outcome.problem === "notFound") throw new AppError("not_found", "No such ticket");
    // The reply's delivery can finish while the page is being built: the fingerprint comes first.
    const fp = await fingerprintBefore(deps, staff, req.params.number);
    deps.kickOutbox?.();
    const fresh = await load(deps, staff, req.params.number);
    const flash = outcome.ok
      ? { kind: "ok" as const, text: t(`hotline:console.flash.${form.data.action}`) }
      : { kind: "error" as const, text: t(`hotline:console.flash.${outcome.problem}`) };
    await show(deps, req, res, staff, fresh, fp, flash, outcome.ok ? 200 : 422);
  });

  return router;
}

function parseFilter(raw: unknown): QueueFilter {
  const q = queueQuery.safeParse(raw);
  if (!q.success) throw new AppError("bad_request", "Invalid filter");
  return {
    status: q.data.status,
    topic: q.data.topic || undefined,
    communeId: q.data.commune || undefined,
    mine: q.data.mine === "1",
  };
}

function toAction(f: z.infer<typeof actionForm>): TicketAction {
  switch (f.action) {
    case "claim":
      return { kind: "claim" };
    case "reopen":
      return { kind: "reopen" };
    case "assign":
      return { kind: "assign", staffId: f.staffId };
    case "reply":
      return { kind: "reply", text: f.text };
    case "note":
      return { kind: "note", text: f.text };
    case "resolve":
      return { kind: "resolve", outcome: f.outcome };
  }
}

async function load(deps: AppDeps, staff: StaffContext, raw: string | undefined): Promise<TicketDetail> {
  const number = ticketNumber(raw);
  const ticket = number === null ? null : await loadTicket(deps.prisma, staff, number);
  if (!ticket) throw new AppError("not_found", "No such ticket");
  return ticket;
}

/**
 * The ticket's fingerprint for the page about to be built, read before the ticket itself: a change
 * (a delivery finishing, a person's answer) made while the page is built then differs from it and
 * the live view fetches it, instead of the page showing the old state under the new fingerprint.
 */
async function fingerprintBefore(deps: AppDeps, staff: StaffContext, raw: string | undefined): Promise<string> {
  const number = ticketNumber(raw);
  return number === null ? "" : ((await ticketFingerprint(deps.prisma, staff, number)) ?? "");
}

async function show(
  deps: AppDeps,
  req: express.Request,
  res: express.Response,
  staff: StaffContext,
  ticket: TicketDetail,
  fp: string,
  flash: { kind: "ok" | "error"; text: string } | null,
  status = 200,
): Promise<void> {
  const t = translator(deps, res);
  const [person, assignees] = await Promise.all([
    ticket.beneficiaryId
      ? getBeneficiaryDetail(deps.prisma, null, ticket.beneficiaryId, todayInVietnam(deps.clock.now()))
      : null,
    possibleAssignees(deps.prisma, ticket.communeId, staff.id),
  ]);
  renderPage(deps, req, res, {
    title: t("hotline:console.ticketTitle", { number: ticket.number }),
    active: "hotline",
    body: hotlineTicketView(t, {
      ticket,
      person,
      fp,
      assignees: assignees.map((a) => ({ id: a.id, label: `${a.fullName} · ${t(`console:roles.${a.role}`)}` })),
      csrfToken: staff.csrfToken,
      staffId: staff.id,
    }),
    flash,
    status,
  });
}
