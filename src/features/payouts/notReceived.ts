// "Tôi chưa nhận được": a person told that their money was paid to someone else says it never
// reached them. One function for every channel (the chat button under the notice today; an SMS
// keyword or a call later): it checks the payout was indeed paid to someone else, records the
// report once per payout, and opens an URGENT hotline ticket (topic payout_missing) with what
// agents need to call the person and the receiver. The report also feeds the officers' list of
// relatives to check and the dashboard.
import type { Prisma } from "../../generated/prisma/client.ts";
import { fromDbDate } from "../../lib/calendarDate.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { vietnamDate } from "../../lib/vietnamTime.ts";
import { recordAudit } from "../audit/service.ts";
import { openTicket, type HotlineTimes } from "../hotline/openTicket.ts";
import { OPEN_STATUSES } from "../hotline/statuses.ts";

export interface NotReceivedInput {
  beneficiaryId: string;
  payoutId: string;
  /** Where the report came from: TELEGRAM, ZALO, WEB, SMS, PHONE… (kept on the report). */
  channel: string;
  /** The chat it came from, so agents can answer there; none for SMS or a call. */
  identityId?: string | null;
  now: Date;
  times?: HotlineTimes;
}

export type NotReceivedOutcome =
  | { outcome: "opened" | "already"; ticketNumber: number }
  /** No such payout of this person, or it was not recorded as paid to someone else. */
  | { outcome: "notApplicable" };

/** A paid payout handed to someone other than the person: through an authorisation, or to another name. */
export function paidToSomeoneElse(p: {
  status: string;
  authorisationId: string | null;
  receivedBy: string | null;
  beneficiaryName: string;
}): boolean {
  if (p.status !== "PAID") return false;
  if (p.authorisationId) return true;
  return p.receivedBy !== null && foldVietnamese(p.receivedBy) !== foldVietnamese(p.beneficiaryName);
}

export async function reportNotReceived(
  tx: Prisma.TransactionClient,
  input: NotReceivedInput,
): Promise<NotReceivedOutcome> {
  const payout = await tx.payout.findFirst({
    where: { id: input.payoutId, beneficiaryId: input.beneficiaryId },
    select: {
      id: true,
      amount: true,
      status: true,
      paidAt: true,
      receivedBy: true,
      authorisationId: true,
      period: { select: { month: true } },
      authorisation: { select: { relative: { select: { fullName: true, personalIdLast4: true, phone: true } } } },
      beneficiary: { select: { fullName: true, communeId: true } },
    },
  });
  if (!payout || !paidToSomeoneElse({ ...payout, beneficiaryName: payout.beneficiary.fullName }))
    return { outcome: "notApplicable" };
  // Pressed twice, or reported by chat and then by SMS: one report, one ticket.
  const earlier = await tx.nonReceiptReport.findUnique({ where: { payoutId: payout.id }, select: { ticketId: true } });
  if (earlier) {
    const t = await tx.hotlineTicket.findUnique({ where: { id: earlier.ticketId }, select: { number: true } });
    return { outcome: "already", ticketNumber: t?.number ?? 0 };
  }
  const relative = payout.authorisation?.relative;
  const receiver = relative?.fullName ?? payout.receivedBy ?? "?";
  const month = fromDbDate(payout.period.month).slice(0, 7);
  const note =
    `Người hưởng báo CHƯA NHẬN tiền tháng ${month} (${payout.amount.toLocaleString("vi-VN")} đ), ` +
    `ghi là đã trả cho ${receiver}${relative?.personalIdLast4 ? ` (định danh ••••${relative.personalIdLast4})` : ""}` +
    `${payout.paidAt ? ` ngày ${vietnamDate(payout.paidAt)}` : ""}. Kênh: ${input.channel}.`;
  const today = vietnamDate(input.now);
  const ticket = await urgentTicket(tx, input, note, today);
  await tx.nonReceiptReport.create({
    data: {
      payoutId: payout.id,
      beneficiaryId: input.beneficiaryId,
      communeId: payout.beneficiary.communeId,
      channel: input.channel,
      ticketId: ticket.id,
      createdAt: input.now,
    },
  });
  await recordAudit(tx, {
    actor: input.identityId ? `chat:${input.identityId}` : `channel:${input.channel}`,
    action: "payout.not_received",
    entity: "payout",
    entityId: payout.id,
    detail: { beneficiaryId: input.beneficiaryId, channel: input.channel, ticket: ticket.number },
    at: input.now,
  });
  return { outcome: "opened", ticketNumber: ticket.number };
}

/**
 * A chat has one open ticket at a time: an open one is raised to missing money and urgent, with
 * the note added; otherwise a new urgent ticket is opened.
 */
async function urgentTicket(
  tx: Prisma.TransactionClient,
  input: NotReceivedInput,
  note: string,
  today: string,
): Promise<{ id: string; number: number }> {
  if (input.identityId) {
    const open = await tx.hotlineTicket.findFirst({
      where: { identityId: input.identityId, status: { in: OPEN_STATUSES } },
      orderBy: { createdAt: "desc" },
      select: { id: true, number: true },
    });
    if (open) {
      await tx.hotlineTicket.update({
        where: { id: open.id },
        data: { topic: "payout_missing", priority: "URGENT", beneficiaryId: input.beneficiaryId, updatedAt: input.now },
      });
      await tx.ticketMessage.create({ data: { ticketId: open.id, author: "NOTE", text: note, createdAt: input.now } });
      return open;
    }
  }
  return openTicket(tx, {
    identityId: input.identityId ?? null,
    beneficiaryId: input.beneficiaryId,
    topic: "payout_missing",
    now: input.now,
    today,
    times: input.times ?? {},
    message: { author: "NOTE", text: note },
  });
}

/**
 * The person's latest payout paid to someone else, within the last three months: what "I did not
 * get it" means when it is typed (an SMS keyword) rather than pressed under one notice.
 */
export async function latestPaidToSomeoneElse(
  tx: Prisma.TransactionClient,
  beneficiaryId: string,
  now: Date,
): Promise<string | null> {
  const since = new Date(now.getTime() - 92 * 24 * 3600_000);
  const paid = await tx.payout.findMany({
    where: { beneficiaryId, status: "PAID", paidAt: { gte: since } },
    orderBy: [{ paidAt: "desc" }],
    take: 6,
    select: {
      id: true,
      status: true,
      authorisationId: true,
      receivedBy: true,
      beneficiary: { select: { fullName: true } },
    },
  });
  const found = paid.find((p) => paidToSomeoneElse({ ...p, beneficiaryName: p.beneficiary.fullName }));
  return found?.id ?? null;
}
