// Response-time watch for hotline tickets, every minute: a warning to the assignee shortly before
// an answer is due, and when it is overdue the ticket goes to another agent and the supervisors
// are alerted. Several instances may run it: the scheduler lets one run at a time, every change
// is conditional on the ticket being as it was read, and alerts are unique by key.
import type { Config } from "../../config.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { assigneeFilter } from "./access.ts";
import { OPEN_STATUSES } from "./statuses.ts";
import { addWorkingMinutes, workingHours, type WorkingHours } from "./workingHours.ts";

export interface SlaDeps {
  prisma: PrismaClient;
  config: Pick<
    Config,
    | "HOTLINE_WORKING_HOURS"
    | "HOTLINE_FIRST_RESPONSE_MINUTES"
    | "HOTLINE_NEXT_RESPONSE_MINUTES"
    | "HOTLINE_SLA_WARNING_MINUTES"
  >;
}

/** Waiting for an agent (not for the person, not resolved). */
const AWAITING_AGENT = OPEN_STATUSES.filter((s) => s !== "WAITING_FOR_PERSON");

export function hotlineSlaJob(deps: SlaDeps): Job {
  return { name: "hotline-sla", schedule: "* * * * *", run: (now) => runHotlineSla(deps, now) };
}

export async function runHotlineSla(
  deps: SlaDeps,
  now: Date,
): Promise<{ started: number; warned: number; reassigned: number }> {
  const { prisma, config } = deps;
  const hours = workingHours(config.HOTLINE_WORKING_HOURS);
  const started = await startNextResponseTimers(deps, hours);
  const tickets = await prisma.hotlineTicket.findMany({ where: { status: { in: AWAITING_AGENT } } });
  let warned = 0;
  let reassigned = 0;
  for (const t of tickets) {
    const field = t.firstRespondedAt ? "nextResponseDueAt" : "firstResponseDueAt";
    const due = t[field];
    if (!due) continue;
    if (due <= now) {
      const next = addWorkingMinutes(
        hours,
        now,
        t.firstRespondedAt ? config.HOTLINE_NEXT_RESPONSE_MINUTES : config.HOTLINE_FIRST_RESPONSE_MINUTES,
      );
      if (await reassign(prisma, t, field, due, next, now)) reassigned++;
    } else if (
      t.assigneeId &&
      !t.slaWarnedAt &&
      due.getTime() - config.HOTLINE_SLA_WARNING_MINUTES * 60_000 <= now.getTime()
    ) {
      const { count } = await prisma.hotlineTicket.updateMany({
        where: { id: t.id, slaWarnedAt: null, [field]: due },
        data: { slaWarnedAt: now },
      });
      if (count === 1) {
        await prisma.hotlineAlert.createMany({
          data: [
            { key: `warning:${t.id}:${due.toISOString()}`, ticketId: t.id, staffId: t.assigneeId, kind: "warning" },
          ],
          skipDuplicates: true,
        });
        warned++;
      }
    }
  }
  return { started, warned, reassigned };
}

/**
 * After the person writes again (or an agent reopens the ticket), the next answer is due a set
 * time after that moment.
 */
async function startNextResponseTimers(deps: SlaDeps, hours: WorkingHours): Promise<number> {
  const waiting = await deps.prisma.hotlineTicket.findMany({
    where: { status: { in: AWAITING_AGENT }, firstRespondedAt: { not: null }, nextResponseDueAt: null },
    include: { messages: { where: { author: "PERSON" }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  let started = 0;
  for (const t of waiting) {
    const written = t.messages[0]?.createdAt.getTime() ?? 0;
    const from = new Date(Math.max(written, t.updatedAt.getTime()));
    const due = addWorkingMinutes(hours, from, deps.config.HOTLINE_NEXT_RESPONSE_MINUTES);
    const { count } = await deps.prisma.hotlineTicket.updateMany({
      where: { id: t.id, nextResponseDueAt: null },
      data: { nextResponseDueAt: due },
    });
    started += count;
  }
  return started;
}

interface Overdue {
  id: string;
  communeId: string | null;
  assigneeId: string | null;
}

async function reassign(
  prisma: PrismaClient,
  t: Overdue,
  field: "firstResponseDueAt" | "nextResponseDueAt",
  due: Date,
  next: Date,
  now: Date,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // The least busy other agent of the area; none left keeps the ticket where it is.
    const candidates = await tx.staffUser.findMany({
      // Supervisors receive the alert, not the overflow.
      where: {
        AND: [
          assigneeFilter(t.communeId),
          { role: "HOTLINE_AGENT", hotlineSupervisor: false },
          t.assigneeId ? { id: { not: t.assigneeId } } : {},
        ],
      },
      select: {
        id: true,
        fullName: true,
        _count: { select: { tickets: { where: { status: { in: OPEN_STATUSES } } } } },
      },
    });
    candidates.sort((a, b) => a._count.tickets - b._count.tickets || a.id.localeCompare(b.id));
    const to = candidates[0] ?? null;
    const { count } = await tx.hotlineTicket.updateMany({
      where: { id: t.id, assigneeId: t.assigneeId, [field]: due },
      data: {
        assigneeId: to?.id ?? t.assigneeId,
        status: to || t.assigneeId ? "ASSIGNED" : "NEW",
        [field]: next,
        slaWarnedAt: null,
        reassignments: { increment: 1 },
      },
    });
    if (count === 0) return false;
    await tx.ticketMessage.create({
      data: { ticketId: t.id, author: "NOTE", text: to ? `SLA → ${to.fullName}` : "SLA", createdAt: now },
    });
    const supervisors = await tx.staffUser.findMany({
      where: { AND: [{ hotlineSupervisor: true, active: true }, supervisorArea(t.communeId)] },
      select: { id: true },
    });
    const alerts = [...supervisors.map((s) => s.id), ...(to ? [to.id] : [])].map((staffId) => ({
      key: `breach:${t.id}:${due.toISOString()}:${staffId}`,
      ticketId: t.id,
      staffId,
      kind: staffId === to?.id ? "assigned" : "breach",
    }));
    await tx.hotlineAlert.createMany({ data: alerts, skipDuplicates: true });
    return true;
  });
}

/** Supervisors who cover the ticket's area (or have no area limit). */
function supervisorArea(communeId: string | null): Prisma.StaffUserWhereInput {
  if (!communeId) return {};
  return {
    OR: [
      { role: "ADMIN" },
      { scopes: { some: { OR: [{ communeId }, { province: { communes: { some: { id: communeId } } } }] } } },
    ],
  };
}
