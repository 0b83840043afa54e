// Approved changes to the record itself: a new phone or address; a move (the old commune forwards
// the file and stops paying; the new commune pays from the following month, Decree 20/2021 art. 8);
// a death (payment stops from the month after the date of death, not the day it was recorded).
// Payouts not yet sent to the payment service for the months after are removed; sent ones stay
// for the officer to settle with the payment service.
import type { Prisma } from "../../generated/prisma/client.ts";
import { addMonths, calendarDate, firstOfMonth } from "../../lib/calendarDate.ts";
import { firstOpenMonth, openPayoutsFrom } from "./openMonth.ts";
import { changeDraft, type RequestRow } from "./requestData.ts";

type Tx = Prisma.TransactionClient;

/** The first month no longer paid (moves and deaths), or null. */
export async function applyRecord(
  tx: Tx,
  req: { id: string; beneficiaryId: string; kind: "UPDATE_INFO" | "MOVE" | "DEATH" },
  row: RequestRow,
  today: string,
  now: Date,
): Promise<{ stopMonth: string | null }> {
  const draft = changeDraft.parse(row.draft);
  if (req.kind === "UPDATE_INFO") {
    if (draft.what === "phone" && row.private.phone)
      await tx.beneficiary.update({ where: { id: req.beneficiaryId }, data: { phone: row.private.phone } });
    if (draft.what === "address" && draft.address)
      await tx.beneficiary.update({ where: { id: req.beneficiaryId }, data: { address: draft.address } });
    return { stopMonth: null };
  }
  const open = await firstOpenMonth(tx, today);
  const afterDeath = draft.date ? addMonths(firstOfMonth(draft.date), 1) : open;
  const stopMonth = req.kind === "DEATH" && afterDeath > open ? afterDeath : open;
  await tx.beneficiary.update({
    where: { id: req.beneficiaryId },
    data:
      req.kind === "DEATH"
        ? {
            status: "DECEASED",
            statusReason: `Mất ngày ${draft.date ?? "?"}`,
            statusChangedAt: now,
            statusEffectiveOn: draft.date ? calendarDate(draft.date) : null,
          }
        : { status: "ENDED", statusReason: `Chuyển đến: ${draft.destination ?? "?"}`, statusChangedAt: now },
  });
  await tx.payout.deleteMany({ where: { ...openPayoutsFrom(req.beneficiaryId, stopMonth), status: "SCHEDULED" } });
  return { stopMonth };
}
