// What a post-office worker records at the door, in one transaction with everything it causes:
// - paid to the person, or to the relative of an authorisation valid that day: the payout is paid
//   (the payout notices job then tells the person, and, when a relative took it, tells the person
//   to whom, with "Tôi chưa nhận được" one tap away);
// - not at home: only the visit is kept;
// - the person has died or moved: a DEATH or MOVE request in the officer's review queue, the same
//   request the chat's change walkthrough sends;
// - the person wants to complain: a hotline ticket (topic complaint), as the chat opens one.
// Each is a PayoutVisit row and an audit entry under the worker's name.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { VisitOutcome } from "../../generated/prisma/enums.ts";
import { calendarDate, firstOfMonth, type CalendarDate } from "../../lib/calendarDate.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { openTicket, type HotlineTimes } from "../hotline/openTicket.ts";
import { requestReference } from "../requests/drafts.ts";
import type { RequestRow } from "../requests/requestData.ts";
import { validReceivers } from "./door.ts";

export interface VisitInput {
  staff: { id: string; username: string; communeIds: string[] };
  beneficiaryId: string;
  outcome: VisitOutcome;
  /** PAID_RELATIVE: which authorisation the relative showed. */
  authorisationId?: string;
  /** DIED: the date of death, when the family knows it. */
  date?: CalendarDate;
  /** MOVED: where to, when known. */
  destination?: string;
  /** What the person said (COMPLAINT), or anything the worker adds. */
  note?: string;
  now: Date;
  today: CalendarDate;
  times: HotlineTimes;
  ip?: string | null;
}

export type VisitResult =
  | { ok: true; outcome: VisitOutcome; reference?: string; ticketNumber?: number }
  | { ok: false; problem: "notFound" | "noPayout" | "notCash" | "alreadyPaid" | "notAuthorised" };

/** What a post-office worker hands over: cash (at home, or at a point the post office runs). */
export const CASH_METHODS = ["CASH_HOME", "CASH_POINT"] as const;

/** Records a visit in its own transaction: the visit, its request or ticket and the audit entry together. */
export function recordVisitAtDoor(
  db: { $transaction<R>(fn: (tx: Prisma.TransactionClient) => Promise<R>): Promise<R> },
  v: VisitInput,
): Promise<VisitResult> {
  return db.$transaction((tx) => recordVisit(tx, v));
}

export async function recordVisit(tx: Prisma.TransactionClient, v: VisitInput): Promise<VisitResult> {
  const person = await tx.beneficiary.findFirst({
    where: { id: v.beneficiaryId, communeId: { in: v.staff.communeIds } },
    select: { id: true, fullName: true, communeId: true },
  });
  if (!person) return { ok: false, problem: "notFound" };
  const payout = await tx.payout.findFirst({
    where: { beneficiaryId: person.id, period: { month: calendarDate(firstOfMonth(v.today)) } },
    select: { id: true, status: true, method: true },
  });
  const visit: Prisma.PayoutVisitUncheckedCreateInput = {
    payoutId: payout?.id ?? null,
    beneficiaryId: person.id,
    communeId: person.communeId,
    staffId: v.staff.id,
    outcome: v.outcome,
    note: v.note?.trim() || null,
    createdAt: v.now,
  };
  let result: VisitResult = { ok: true, outcome: v.outcome };

  switch (v.outcome) {
    case "PAID_SELF":
    case "PAID_RELATIVE": {
      if (!payout) return { ok: false, problem: "noPayout" };
      // Money paid into an account is not the worker's to hand over.
      if (!(CASH_METHODS as readonly string[]).includes(payout.method)) return { ok: false, problem: "notCash" };
      let receivedBy = person.fullName;
      let authorisationId: string | null = null;
      if (v.outcome === "PAID_RELATIVE") {
        const receivers = await validReceivers(tx, person.id, calendarDate(v.today));
        const chosen = receivers.find((r) => r.authorisationId === v.authorisationId);
        if (!chosen) return { ok: false, problem: "notAuthorised" };
        receivedBy = chosen.fullName;
        authorisationId = chosen.authorisationId;
      }
      // Conditional, so two workers (or a double tap) never pay the same month twice.
      const { count } = await tx.payout.updateMany({
        where: { id: payout.id, status: { not: "PAID" } },
        data: { status: "PAID", paidAt: v.now, receivedBy, authorisationId, statusNote: null },
      });
      if (count === 0) return { ok: false, problem: "alreadyPaid" };
      visit.authorisationId = authorisationId;
      break;
    }
    case "NOT_HOME":
      break;
    case "DIED":
    case "MOVED": {
      const kind = v.outcome === "DIED" ? "DEATH" : "MOVE";
      const waiting = await tx.changeRequest.findFirst({
        where: { beneficiaryId: person.id, kind, status: "PENDING" },
        select: { id: true },
      });
      const draft =
        kind === "DEATH"
          ? { what: "death", ...(v.date ? { date: v.date } : {}) }
          : { what: "move", ...(v.destination?.trim() ? { destination: v.destination.trim().slice(0, 200) } : {}) };
      const row: RequestRow = { step: "postOffice", draft, private: {} };
      // One pending request of a kind per person, as in the chat: a second report joins the first.
      const request =
        waiting ??
        (await tx.changeRequest.create({
          data: { kind, status: "PENDING", beneficiaryId: person.id, data: toJsonValue(row), createdAt: v.now },
          select: { id: true },
        }));
      if (!waiting)
        await recordAudit(tx, {
          staffId: v.staff.id,
          actor: v.staff.username,
          action: "request.submit",
          entity: "changeRequest",
          entityId: request.id,
          detail: { kind, beneficiaryId: person.id, channel: "POST_OFFICE" },
          ip: v.ip ?? null,
          at: v.now,
        });
      visit.requestId = request.id;
      result = { ok: true, outcome: v.outcome, reference: requestReference(request.id) };
      break;
    }
    case "COMPLAINT": {
      const said = v.note?.trim();
      const ticket = await openTicket(tx, {
        identityId: null,
        beneficiaryId: person.id,
        topic: "complaint",
        now: v.now,
        today: v.today,
        times: v.times,
        message: {
          author: "NOTE",
          staffId: v.staff.id,
          text: `Bưu điện ghi tại nhà (${v.staff.username}): người hưởng muốn khiếu nại.${said ? ` Nội dung: ${said}` : ""}`,
        },
      });
      visit.ticketId = ticket.id;
      result = { ok: true, outcome: v.outcome, ticketNumber: ticket.number };
      break;
    }
  }
  const saved = await tx.payoutVisit.create({ data: visit, select: { id: true } });
  await recordAudit(tx, {
    staffId: v.staff.id,
    actor: v.staff.username,
    action: "postoffice.record",
    entity: "beneficiary",
    entityId: person.id,
    detail: { outcome: v.outcome, visitId: saved.id, payoutId: payout?.id ?? null },
    ip: v.ip ?? null,
    at: v.now,
  });
  return result;
}
