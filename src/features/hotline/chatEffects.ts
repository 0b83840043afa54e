// The chat's hotline work, in the transaction of the person's message: a ticket is opened, or a
// message lands in it, together with the reply that says so; neither can happen without the other.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { isWorkingTime, workingHours } from "./workingHours.ts";
import { DEFAULT_HOURS, openTicket } from "./openTicket.ts";
import type { TicketPriority } from "../../generated/prisma/enums.ts";
import { isHotlineTopic, type HotlineEffect, type HotlineResult, type HotlineTopic } from "./protocol.ts";
import { isMoreUrgent, ticketPriority } from "./priority.ts";
import { OPEN_STATUSES } from "./statuses.ts";
import { redactString } from "../../lib/redact.ts";
import { vietnamClock, vietnamDate } from "../../lib/vietnamTime.ts";

export async function performHotlineEffect(
  tx: Tx,
  effect: HotlineEffect,
  ctx: ChatContext,
): Promise<HotlineResult | null> {
  switch (effect.kind) {
    case "escalate":
      return { ...(await escalate(tx, ctx, effect.topic, effect.question)), ...(effect.auto ? { auto: true } : {}) };
    case "addToTicket":
      await addPersonMessage(tx, effect.ticketId, ctx.identityId, effect.text, ctx.now);
      return null;
    case "rateTicket": {
      const { count } = await tx.hotlineTicket.updateMany({
        where: { number: effect.number, identityId: ctx.identityId, status: "RESOLVED" },
        data: { satisfaction: effect.score },
      });
      return { kind: "rated", ok: count > 0 };
    }
  }
}

async function escalate(
  tx: Tx,
  ctx: ChatContext,
  topic: HotlineTopic,
  question: string | undefined,
): Promise<Extract<HotlineResult, { kind: "escalated" }>> {
  const hours = workingHours(ctx.settings.hotlineWorkingHours ?? DEFAULT_HOURS);
  const openNow = isWorkingTime(hours, ctx.now);
  const existing = await tx.hotlineTicket.findFirst({
    where: { identityId: ctx.identityId, status: { in: OPEN_STATUSES } },
    orderBy: { createdAt: "desc" },
  });
  if (existing) {
    await raiseTopic(tx, existing, topic, ctx);
    if (question) await addPersonMessage(tx, existing.id, ctx.identityId, question, ctx.now);
    return {
      kind: "escalated",
      topic,
      number: existing.number,
      ...due(existing.firstResponseDueAt ?? ctx.now),
      openNow,
      existing: true,
    };
  }
  const ticket = await openTicket(tx, {
    identityId: ctx.identityId,
    beneficiaryId: ctx.activeBeneficiaryId,
    topic,
    now: ctx.now,
    today: ctx.today,
    times: {
      workingHours: ctx.settings.hotlineWorkingHours,
      firstResponseMinutes: ctx.settings.hotlineFirstResponseMinutes,
    },
    ...(question ? { message: { author: "PERSON" as const, text: question } } : {}),
  });
  const dueAt = ticket.firstResponseDueAt;
  return { kind: "escalated", topic, number: ticket.number, ...due(dueAt), openNow, existing: false };
}

/**
 * One chat, one open ticket: a more urgent topic (missing money or fraud after a general question)
 * takes the ticket over, and its priority goes up with it; it never goes down.
 */
async function raiseTopic(
  tx: Tx,
  ticket: { id: string; topic: string; priority: TicketPriority; beneficiaryId: string | null },
  topic: HotlineTopic,
  ctx: ChatContext,
): Promise<void> {
  const current = isHotlineTopic(ticket.topic) ? ticketPriority(ticket.topic, null, ctx.today) : "LOW";
  if (!isMoreUrgent(ticketPriority(topic, null, ctx.today), current)) return;
  const priority = ticketPriority(topic, await person(tx, ticket.beneficiaryId), ctx.today);
  await tx.hotlineTicket.update({
    where: { id: ticket.id },
    data: { topic, ...(isMoreUrgent(priority, ticket.priority) ? { priority } : {}), updatedAt: ctx.now },
  });
}

function person(tx: Tx, beneficiaryId: string | null) {
  if (!beneficiaryId) return Promise.resolve(null);
  return tx.beneficiary.findUnique({
    where: { id: beneficiaryId },
    select: {
      id: true,
      communeId: true,
      dateOfBirth: true,
      categories: { select: { category: { select: { code: true } } } },
    },
  });
}

/**
 * Stores the person's message; a ticket that waited for them is back with the agent. Its next
 * response time is set by the SLA job from this message's time (it knows the configured minutes).
 */
async function addPersonMessage(tx: Tx, ticketId: string, identityId: string, text: string, now: Date): Promise<void> {
  const ticket = await tx.hotlineTicket.findFirst({ where: { id: ticketId, identityId } });
  if (!ticket) return;
  // Kept like the chat keeps what people typed: an ID, phone or account number masked.
  await tx.ticketMessage.create({ data: { ticketId, author: "PERSON", text: redactString(text), createdAt: now } });
  const back = ticket.status === "WAITING_FOR_PERSON";
  await tx.hotlineTicket.update({
    where: { id: ticketId },
    // Touched either way: the console's live view watches updatedAt.
    data: back
      ? { status: ticket.assigneeId ? "ASSIGNED" : "NEW", nextResponseDueAt: null, slaWarnedAt: null }
      : { updatedAt: now },
  });
}

function due(at: Date): { dueTime: string; dueDate: string } {
  return { dueTime: vietnamClock(at), dueDate: vietnamDate(at) };
}
