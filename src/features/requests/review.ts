// The officer's decision on a request: approve (every paper on the checklist seen) or reject (with
// a reason). The change, the audit entry and the messages to both people are written in one
// transaction, so a decision is never half-made and never announced twice.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { applyAccount } from "./applyAccount.ts";
import { applyAuthorisation, type AppliedAuthorisation } from "./applyAuthorisation.ts";
import { applyRecord } from "./applyRecord.ts";
import { requestReference } from "./drafts.ts";
import { notifyRecipients, requestRecipients, type Recipient } from "./notify.ts";
import {
  authorisationDraft,
  CHECKLIST,
  monthLabel,
  requestRow,
  type RequestKindName,
  type RequestRow,
} from "./requestData.ts";

export interface DecisionInput {
  requestId: string;
  decision: "approve" | "reject";
  checklist: string[];
  reason?: string;
  ip?: string | null;
}

export type DecisionOutcome =
  { ok: true; reference: string } | { ok: false; problem: "notFound" | "notPending" | "checklist" | "reason" };

const MIN_REASON = 5;

export async function decideRequest(
  prisma: PrismaClient,
  staff: StaffContext,
  input: DecisionInput,
  now: Date,
): Promise<DecisionOutcome> {
  return prisma.$transaction(async (tx) => {
    const req = await tx.changeRequest.findUnique({
      where: { id: input.requestId },
      include: { beneficiary: { select: { fullName: true, communeId: true, commune: { select: { name: true } } } } },
    });
    // Outside the officer's area is the same as not there at all.
    if (
      !req ||
      req.status === "DRAFT" ||
      (staff.communeIds !== null && !staff.communeIds.includes(req.beneficiary.communeId))
    )
      return { ok: false, problem: "notFound" };
    if (req.status !== "PENDING") return { ok: false, problem: "notPending" };
    const needed = CHECKLIST[req.kind];
    const checklist = needed.filter((c) => input.checklist.includes(c));
    const reason = input.reason?.trim() ?? "";
    if (input.decision === "approve" && checklist.length < needed.length) return { ok: false, problem: "checklist" };
    if (input.decision === "reject" && reason.length < MIN_REASON) return { ok: false, problem: "reason" };
    const row = requestRow.parse(req.data);
    const reference = requestReference(req.id);
    const today = todayInVietnam(now);

    let applied: { reply: (r: Recipient) => Reply | null; relativeId: string | null; effectiveMonth: string | null } = {
      reply: () => rejection(reference, reason),
      relativeId: null,
      effectiveMonth: null,
    };
    if (input.decision === "approve")
      applied = await apply(tx, { ...req, beneficiary: req.beneficiary }, row, {
        staffId: staff.id,
        checklist,
        now,
        today,
      });

    const stored: RequestRow = applied.effectiveMonth ? { ...row, effectiveMonth: applied.effectiveMonth } : row;
    await tx.changeRequest.update({
      where: { id: req.id },
      data: {
        status: input.decision === "approve" ? "APPROVED" : "REJECTED",
        checklist,
        decidedById: staff.id,
        decidedAt: now,
        reason: reason || null,
        data: toJsonValue(stored),
      },
    });
    await recordAudit(tx, {
      staffId: staff.id,
      actor: staff.username,
      action: input.decision === "approve" ? "request.approve" : "request.reject",
      entity: "changeRequest",
      entityId: req.id,
      detail: { kind: req.kind, beneficiaryId: req.beneficiaryId, checklist, reason: reason || null },
      ip: input.ip ?? null,
    });
    const recipients = await requestRecipients(tx, {
      beneficiaryId: req.beneficiaryId,
      submittedById: req.submittedById,
      relativeId: applied.relativeId,
    });
    await notifyRecipients(tx, recipients, {
      key: `request:${req.id}:${input.decision === "approve" ? "approved" : "rejected"}`,
      beneficiaryId: req.beneficiaryId,
      replyFor: applied.reply,
    });
    return { ok: true, reference };
  });
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function apply(
  tx: Tx,
  req: {
    id: string;
    kind: RequestKindName;
    beneficiaryId: string;
    submittedById: string | null;
    beneficiary: { fullName: string; commune: { name: string } };
  },
  row: RequestRow,
  d: { staffId: string; checklist: string[]; now: Date; today: string },
) {
  const person = req.beneficiary.fullName;
  const menuRow = [[btn("chat:button.menu", "menu")]];
  switch (req.kind) {
    case "AUTHORISATION": {
      const a = await applyAuthorisation(tx, req, row, { ...d, communeName: req.beneficiary.commune.name });
      const byRelative = authorisationDraft.parse(row.draft).starter === "RELATIVE";
      // The chat that asked to collect is the relative's: from now on it is known by their name (the
      // officer's page and the hotline show it), whatever way it was linked.
      if (byRelative && req.submittedById)
        await tx.chatIdentity.update({ where: { id: req.submittedById }, data: { relativeId: a.relativeId } });
      // Only a relative's chat not linked yet is offered to link: a linked chat keeps its link.
      const offerLink = (r: Recipient) =>
        !r.linked && (r.role === "relative" || (byRelative && r.role === "submitter"));
      return {
        reply: (r: Recipient) => authorisationApproved(a, person, req.id, offerLink(r)),
        relativeId: a.relativeId,
        effectiveMonth: a.from,
      };
    }
    case "ACCOUNT":
    case "CHANGE_METHOD": {
      const a = await applyAccount(tx, { ...req, kind: req.kind }, row, d.today, d.now);
      const text = a.provider
        ? say("requests:notice.approvedAccount", {
            provider: a.provider,
            account: `••••••••${a.accountLast4 ?? ""}`,
            person,
            month: monthLabel(a.month),
          })
        : say("requests:notice.approvedCash", { person, month: monthLabel(a.month) });
      return {
        reply: () => ({ text: [text, say("chat:help.safety")], buttons: menuRow }),
        relativeId: null,
        effectiveMonth: a.month,
      };
    }
    case "UPDATE_INFO":
    case "MOVE":
    case "DEATH": {
      const { stopMonth } = await applyRecord(tx, { ...req, kind: req.kind }, row, d.today, d.now);
      const month = stopMonth ? monthLabel(stopMonth) : "";
      const key = req.kind === "UPDATE_INFO" ? "approvedInfo" : req.kind === "MOVE" ? "approvedMove" : "approvedDeath";
      const text = [say(`requests:notice.${key}`, { person, month })];
      // After a death the family hears again how to claim the funeral support.
      if (req.kind === "DEATH")
        text.push(
          say("chat:death.funeralBtxhRule"),
          say("chat:death.funeralNcc"),
          say("chat:death.how"),
          say("chat:death.bring"),
        );
      return { reply: () => ({ text, buttons: menuRow }), relativeId: null, effectiveMonth: stopMonth };
    }
  }
}

/** Both people are told; the relative's own chat may link at once to follow the payouts. */
function authorisationApproved(a: AppliedAuthorisation, person: string, requestId: string, toRelative: boolean): Reply {
  const text = [
    say("requests:notice.approvedAuthorisation", {
      name: a.relativeName,
      person,
      from: monthLabel(a.from),
      until: { date: a.until },
    }),
    say("requests:auth.warning"),
  ];
  if (!toRelative) return { text, buttons: [[btn("chat:button.menu", "menu")]] };
  return {
    text: [...text, say("requests:notice.approvedLink")],
    buttons: [[btn("requests:button.link", `rq:link:${requestId}`)], [btn("chat:button.menu", "menu")]],
  };
}

function rejection(reference: string, reason: string): Reply {
  return {
    text: [say("requests:notice.rejected", { reference, reason }), say("requests:notice.rejectedNext")],
    buttons: [[btn("chat:button.menu", "menu")]],
  };
}
