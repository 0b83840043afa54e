// What an agent does to a ticket from the console: claim it, hand it to someone else (an agent or
// the commune officer), answer, write an internal note, resolve. Each change and its audit record
// commit together; an answer to the person is queued for the delivery engine in the same
// transaction, so it is sent once even if the page is submitted twice.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/service.ts";
import { enqueueOutbound } from "../../delivery/enqueue.ts";
import { isChannelName } from "../../core/events.ts";
import { say } from "../../core/reply.ts";
import { assigneeFilter, ticketAccess } from "./access.ts";
import { satisfactionQuestion } from "./satisfaction.ts";
import { OPEN_STATUSES } from "./statuses.ts";
import type { StaffContext } from "../../http/context.ts";
import { redactString } from "../../lib/redact.ts";

export type TicketAction =
  | { kind: "claim" }
  | { kind: "assign"; staffId: string }
  | { kind: "reply"; text: string }
  | { kind: "note"; text: string }
  | { kind: "resolve"; outcome: string }
  | { kind: "reopen" };

export type ActionOutcome = { ok: true } | { ok: false; problem: "notFound" | "closed" | "noAssignee" | "unreachable" };

type Actor = Pick<StaffContext, "id" | "username" | "fullName" | "role" | "communeIds">;

export async function applyTicketAction(
  prisma: PrismaClient,
  staff: Actor,
  number: number,
  action: TicketAction,
  now: Date,
  ip: string | null,
): Promise<ActionOutcome> {
  return prisma.$transaction(async (tx) => {
    const ticket = await tx.hotlineTicket.findFirst({
      where: { AND: [ticketAccess(staff), { number }] },
      include: { identity: true },
    });
    if (!ticket) return { ok: false, problem: "notFound" } as const;
    const open = OPEN_STATUSES.includes(ticket.status);
    // Notes can be added to any ticket; only a resolved one can be reopened.
    if (action.kind === "reopen" ? open : !open && action.kind !== "note")
      return { ok: false, problem: "closed" } as const;
    const audit = (detail: Record<string, unknown>): Promise<void> =>
      recordAudit(tx, {
        staffId: staff.id,
        actor: staff.username,
        action: `hotline.${action.kind}`,
        entity: "hotlineTicket",
        entityId: ticket.id,
        detail,
        ip,
      });

    switch (action.kind) {
      case "claim":
        await tx.hotlineTicket.update({
          where: { id: ticket.id },
          data: {
            assigneeId: staff.id,
            status: ticket.status === "NEW" ? "ASSIGNED" : ticket.status,
            slaWarnedAt: null,
          },
        });
        await audit({ number });
        return { ok: true } as const;
      case "assign": {
        const to = await tx.staffUser.findFirst({
          where: { AND: [{ id: action.staffId }, assigneeFilter(ticket.communeId)] },
        });
        if (!to) return { ok: false, problem: "noAssignee" } as const;
        await tx.hotlineTicket.update({
          where: { id: ticket.id },
          data: { assigneeId: to.id, status: ticket.status === "NEW" ? "ASSIGNED" : ticket.status, slaWarnedAt: null },
        });
        await tx.ticketMessage.create({
          data: { ticketId: ticket.id, author: "NOTE", staffId: staff.id, text: `→ ${to.fullName}`, createdAt: now },
        });
        await audit({ number, to: to.username });
        return { ok: true } as const;
      }
      case "note":
        await tx.ticketMessage.create({
          data: {
            ticketId: ticket.id,
            author: "NOTE",
            staffId: staff.id,
            text: redactString(action.text),
            createdAt: now,
          },
        });
        await tx.hotlineTicket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
        await audit({ number });
        return { ok: true } as const;
      case "reply": {
        const channel = ticket.identity?.channel;
        if (!ticket.identityId || !channel || !isChannelName(channel))
          return { ok: false, problem: "unreachable" } as const;
        const message = await tx.ticketMessage.create({
          data: {
            ticketId: ticket.id,
            author: "STAFF",
            staffId: staff.id,
            text: redactString(action.text),
            createdAt: now,
          },
        });
        await enqueueOutbound(tx, [
          {
            kind: "HOTLINE",
            to: { identityId: ticket.identityId, channel },
            reply: { text: [say("hotline:chat.staffReply", { number, text: action.text })] },
            ticketMessageId: message.id,
            dedupeKey: `hotline:${message.id}`,
          },
        ]);
        await tx.hotlineTicket.update({
          where: { id: ticket.id },
          data: {
            status: "WAITING_FOR_PERSON",
            assigneeId: ticket.assigneeId ?? staff.id,
            firstRespondedAt: ticket.firstRespondedAt ?? now,
            nextResponseDueAt: null,
            slaWarnedAt: null,
          },
        });
        await audit({ number });
        return { ok: true } as const;
      }
      case "reopen":
        await tx.hotlineTicket.update({
          where: { id: ticket.id },
          data: {
            status: "REOPENED",
            resolvedAt: null,
            assigneeId: ticket.assigneeId ?? staff.id,
            nextResponseDueAt: null,
            slaWarnedAt: null,
          },
        });
        await audit({ number });
        return { ok: true } as const;
      case "resolve": {
        await tx.hotlineTicket.update({
          where: { id: ticket.id },
          data: { status: "RESOLVED", resolvedAt: now, outcome: action.outcome, nextResponseDueAt: null },
        });
        await tx.ticketMessage.create({
          data: {
            ticketId: ticket.id,
            author: "NOTE",
            staffId: staff.id,
            text: redactString(action.outcome),
            createdAt: now,
          },
        });
        const channel = ticket.identity?.channel;
        if (ticket.identityId && channel && isChannelName(channel)) {
          await enqueueOutbound(tx, [
            {
              kind: "HOTLINE",
              to: { identityId: ticket.identityId, channel },
              reply: satisfactionQuestion(number),
              dedupeKey: `hotline-rate:${ticket.id}:${now.getTime()}`,
            },
          ]);
        }
        await audit({ number, outcome: action.outcome });
        return { ok: true } as const;
      }
    }
  });
}
