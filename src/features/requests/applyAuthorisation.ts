// An approved authorisation request: the relative is recorded (or updated) for the beneficiary,
// the authorisation is in force for the stated months, and the payouts of those months not yet
// sent to the payment service name the relative as receiver, so the export lists them.
import type { Prisma } from "../../generated/prisma/client.ts";
import { calendarDate } from "../../lib/calendarDate.ts";
import { authorisationDraft, authorisationEnd, type Relation, type RequestRow } from "./requestData.ts";

type Tx = Prisma.TransactionClient;

/** The words the officers' files use for the relation (Relative.relation). */
const RELATION_WORD: Record<Relation, string> = {
  child: "con",
  grandchild: "cháu",
  spouse: "vợ/chồng",
  sibling: "anh/chị/em",
  other: "khác",
};

export interface AppliedAuthorisation {
  authorisationId: string;
  relativeId: string;
  relativeName: string;
  from: string;
  until: string;
}

export async function applyAuthorisation(
  tx: Tx,
  req: { id: string; beneficiaryId: string },
  row: RequestRow,
  decision: { staffId: string; checklist: string[]; now: Date; communeName: string },
): Promise<AppliedAuthorisation> {
  const draft = authorisationDraft.parse(row.draft);
  const personalId = row.private.relativePersonalId;
  if (!draft.relativeName || !draft.relation || !draft.fromMonth || !draft.months || !personalId)
    throw new Error(`request ${req.id} is incomplete`);
  const from = draft.fromMonth;
  const until = authorisationEnd(from, draft.months);
  const fields = {
    fullName: draft.relativeName,
    relation: RELATION_WORD[draft.relation],
    personalIdLast4: personalId.slice(-4),
    phone: row.private.relativePhone ?? null,
  };
  // The ID is stored encrypted: the match goes through its keyed hash (see db/sensitiveFields).
  const known = await tx.relative.findFirst({
    where: { beneficiaryId: req.beneficiaryId, personalId },
    select: { id: true },
  });
  const relative = known
    ? await tx.relative.update({ where: { id: known.id }, data: fields })
    : await tx.relative.create({ data: { beneficiaryId: req.beneficiaryId, personalId, ...fields } });
  const authorisation = await tx.authorisation.create({
    data: {
      beneficiaryId: req.beneficiaryId,
      relativeId: relative.id,
      validFrom: calendarDate(from),
      validUntil: calendarDate(until),
      status: "APPROVED",
      documentsChecked: decision.checklist,
      certifiedBy: decision.communeName,
      decidedById: decision.staffId,
      decidedAt: decision.now,
      requestId: req.id,
    },
  });
  // Months already sent keep their list; the ones still open name the relative.
  await tx.payout.updateMany({
    where: {
      beneficiaryId: req.beneficiaryId,
      period: { status: "DRAFT", month: { gte: calendarDate(from), lte: calendarDate(until) } },
    },
    data: { authorisationId: authorisation.id, receivedBy: relative.fullName },
  });
  return { authorisationId: authorisation.id, relativeId: relative.id, relativeName: relative.fullName, from, until };
}
