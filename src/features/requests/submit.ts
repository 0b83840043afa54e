// Sending a finished walkthrough to the officer's queue. The request keeps everything the officer
// needs; the beneficiary's own chats hear at once that a request names someone to receive their
// money (or a new account), so nobody can do that behind their back.
import { btn, say } from "../../core/reply.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { findDraft, requestReference } from "./drafts.ts";
import { issueFormLink } from "./formLinks.ts";
import { notifyRecipients, requestRecipients } from "./notify.ts";
import { firstOpenMonth } from "./openMonth.ts";
import {
  accountDraft,
  authorisationDraft,
  type PrivateData,
  type RequestKindName,
  type RequestRow,
} from "./requestData.ts";

type Tx = Prisma.TransactionClient;

export interface SubmitInput {
  identityId: string;
  channel: string;
  now: Date;
  today: string;
  request: RequestKindName;
  beneficiaryId: string;
  draft: Record<string, unknown>;
  step: string;
}

export type SubmitOutcome =
  | {
      outcome: "ok";
      request: RequestKindName;
      reference: string;
      formPath: string | null;
      effectiveMonth: string | null;
    }
  | { outcome: "duplicate" | "gone"; request: RequestKindName };

export async function submitRequest(tx: Tx, input: SubmitInput): Promise<SubmitOutcome> {
  const existing = await findDraft(tx, input.identityId, input.request);
  const kind = finalKind(input.request, input.draft);
  const priv: PrivateData = existing?.beneficiaryId === input.beneficiaryId ? existing.row.private : {};
  if (!complete(kind, input.draft, priv)) return { outcome: "gone", request: kind };
  const waiting = await tx.changeRequest.count({
    where: { beneficiaryId: input.beneficiaryId, kind, status: "PENDING" },
  });
  if (waiting > 0) return { outcome: "duplicate", request: kind };

  const row: RequestRow = { step: input.step, draft: input.draft, private: priv };
  const data = { kind, status: "PENDING" as const, beneficiaryId: input.beneficiaryId, data: toJsonValue(row) };
  const saved = existing
    ? await tx.changeRequest.update({ where: { id: existing.id }, data })
    : await tx.changeRequest.create({ data: { ...data, submittedById: input.identityId } });
  await recordAudit(tx, {
    actor: `chat:${input.identityId}`,
    action: "request.submit",
    entity: "changeRequest",
    entityId: saved.id,
    detail: { kind, beneficiaryId: input.beneficiaryId, channel: input.channel },
  });
  const reference = requestReference(saved.id);
  // The printable form's link is made now, so its only copy is the one the person is given.
  const form = kind === "AUTHORISATION" ? await issueFormLink(tx, saved.id, input.now) : null;
  await warnBeneficiary(tx, {
    id: saved.id,
    kind,
    beneficiaryId: input.beneficiaryId,
    identityId: input.identityId,
    draft: input.draft,
    reference,
  });
  const effectiveMonth = kind === "ACCOUNT" || kind === "CHANGE_METHOD" ? await firstOpenMonth(tx, input.today) : null;
  return {
    outcome: "ok",
    request: kind,
    reference,
    formPath: form,
    effectiveMonth,
  };
}

/** Going back to cash is asked for in the account walkthrough but is its own kind of request. */
function finalKind(kind: RequestKindName, draft: Record<string, unknown>): RequestKindName {
  return kind === "ACCOUNT" && draft.type === "CASH" ? "CHANGE_METHOD" : kind;
}

/** The sensitive answers the officer needs are in the row (they never travel in the chat state). */
function complete(kind: RequestKindName, draft: Record<string, unknown>, priv: PrivateData): boolean {
  if (kind === "AUTHORISATION")
    return authorisationDraft.safeParse(draft).success && !!priv.relativePersonalId && !!priv.relativePhone;
  if (kind === "ACCOUNT") return accountDraft.safeParse(draft).success && !!priv.accountNumber;
  if (kind === "UPDATE_INFO" && draft.what === "phone") return !!priv.phone;
  return true;
}

async function warnBeneficiary(
  tx: Tx,
  r: {
    id: string;
    kind: RequestKindName;
    beneficiaryId: string;
    identityId: string;
    draft: Record<string, unknown>;
    reference: string;
  },
): Promise<void> {
  if (r.kind !== "AUTHORISATION" && r.kind !== "ACCOUNT") return;
  const recipients = (await requestRecipients(tx, { beneficiaryId: r.beneficiaryId })).filter(
    (x) => x.identityId !== r.identityId,
  );
  const name = typeof r.draft.relativeName === "string" ? r.draft.relativeName : "";
  const text =
    r.kind === "AUTHORISATION"
      ? say("requests:notice.submittedAuthorisation", { name, reference: r.reference })
      : say("requests:notice.submittedAccount", { reference: r.reference });
  await notifyRecipients(tx, recipients, {
    key: `request:${r.id}:submitted`,
    beneficiaryId: r.beneficiaryId,
    replyFor: () => ({ text: [text, say("requests:notice.notYou")], buttons: [[btn("chat:button.menu", "menu")]] }),
  });
}
