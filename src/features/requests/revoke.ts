// A beneficiary takes back an authorisation: it ends today, so the payout lists of the months
// not yet sent to the payment service carry the beneficiary again, and both people are told.
import { btn, say } from "../../core/reply.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { calendarDate, fromDbDate } from "../../lib/calendarDate.ts";
import { recordAudit } from "../audit/service.ts";
import { notifyRecipients, requestRecipients } from "./notify.ts";

type Tx = Prisma.TransactionClient;

/** Approved authorisations of a person that have not ended. */
export async function authorisationsInForce(tx: Tx, beneficiaryId: string, today: string) {
  const rows = await tx.authorisation.findMany({
    where: { beneficiaryId, status: "APPROVED", validUntil: { gte: calendarDate(today) } },
    orderBy: { validUntil: "asc" },
    select: { id: true, validUntil: true, relative: { select: { fullName: true } } },
  });
  return rows.map((r) => ({ id: r.id, relativeName: r.relative.fullName, validUntil: fromDbDate(r.validUntil) }));
}

export async function revokeAuthorisation(
  tx: Tx,
  o: { identityId: string; beneficiaryId: string; authorisationId: string; today: string },
): Promise<{ ok: boolean; relativeName: string }> {
  const auth = await tx.authorisation.findFirst({
    where: { id: o.authorisationId, beneficiaryId: o.beneficiaryId, status: "APPROVED" },
    include: { relative: true, request: { select: { submittedById: true } } },
  });
  if (!auth) return { ok: false, relativeName: "" };
  const end = fromDbDate(auth.validUntil) < o.today ? fromDbDate(auth.validUntil) : o.today;
  await tx.authorisation.update({
    where: { id: auth.id },
    data: { status: "REVOKED", validUntil: calendarDate(end), reason: "revoked by the beneficiary" },
  });
  // Lists not yet sent name the beneficiary again.
  await tx.payout.updateMany({
    where: { authorisationId: auth.id, period: { status: "DRAFT", month: { gt: calendarDate(end) } } },
    data: { authorisationId: null, receivedBy: null },
  });
  await recordAudit(tx, {
    actor: `chat:${o.identityId}`,
    action: "authorisation.revoke",
    entity: "authorisation",
    entityId: auth.id,
    detail: { beneficiaryId: o.beneficiaryId, until: end },
  });
  const recipients = await requestRecipients(tx, {
    beneficiaryId: o.beneficiaryId,
    relativeId: auth.relativeId,
    submittedById: auth.request?.submittedById ?? null,
  });
  await notifyRecipients(
    tx,
    recipients.filter((r) => r.identityId !== o.identityId),
    {
      key: `authorisation:${auth.id}:revoked`,
      beneficiaryId: o.beneficiaryId,
      replyFor: () => ({
        text: [say("requests:notice.revoked", { name: auth.relative.fullName, date: { date: end } })],
        buttons: [[btn("chat:button.menu", "menu")]],
      }),
    },
  );
  // The relative's chat no longer sees the beneficiary's payouts.
  await tx.chatLink.deleteMany({ where: { beneficiaryId: o.beneficiaryId, authorisationId: auth.id } });
  return { ok: true, relativeName: auth.relative.fullName };
}
