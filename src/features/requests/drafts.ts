// Unfinished requests, one per chat and kind, kept as ChangeRequest rows in DRAFT: saved after
// every answer, so a person who leaves half-way (or presses "menu") finds their answers again,
// even days later. Submitting turns the draft into a PENDING request in the officer's queue.
import type { Prisma } from "../../generated/prisma/client.ts";
import { toJsonValue } from "../../lib/json.ts";
import { requestRow, type PrivateData, type RequestKindName, type RequestRow } from "./requestData.ts";

type Tx = Prisma.TransactionClient;

export interface DraftRow {
  id: string;
  kind: RequestKindName;
  beneficiaryId: string;
  row: RequestRow;
}

export async function findDraft(tx: Tx, identityId: string, kind: RequestKindName): Promise<DraftRow | null> {
  const found = await tx.changeRequest.findFirst({
    where: { submittedById: identityId, kind, status: "DRAFT" },
    orderBy: { updatedAt: "desc" },
  });
  if (!found) return null;
  const parsed = requestRow.safeParse(found.data);
  // A draft written by an older version that no longer fits is dropped, not trusted.
  if (!parsed.success) {
    await tx.changeRequest.update({ where: { id: found.id }, data: { status: "CANCELLED" } });
    return null;
  }
  return { id: found.id, kind: found.kind, beneficiaryId: found.beneficiaryId, row: parsed.data };
}

export interface DraftInput {
  identityId: string;
  kind: RequestKindName;
  beneficiaryId: string;
  step: string;
  draft: Record<string, unknown>;
  private?: PrivateData;
}

export async function saveDraft(tx: Tx, input: DraftInput): Promise<DraftRow> {
  const existing = await findDraft(tx, input.identityId, input.kind);
  // Answers about another person (a relative who started over for someone else) are not carried over.
  const kept = existing && existing.beneficiaryId === input.beneficiaryId ? existing.row.private : {};
  const row: RequestRow = { step: input.step, draft: input.draft, private: { ...kept, ...input.private } };
  const data = toJsonValue(row);
  if (existing) {
    await tx.changeRequest.update({ where: { id: existing.id }, data: { data, beneficiaryId: input.beneficiaryId } });
    return { ...existing, beneficiaryId: input.beneficiaryId, row };
  }
  const created = await tx.changeRequest.create({
    data: {
      kind: input.kind,
      beneficiaryId: input.beneficiaryId,
      submittedById: input.identityId,
      status: "DRAFT",
      data,
    },
  });
  return { id: created.id, kind: input.kind, beneficiaryId: input.beneficiaryId, row };
}

export async function discardDraft(tx: Tx, identityId: string, kind: RequestKindName): Promise<void> {
  await tx.changeRequest.updateMany({
    where: { submittedById: identityId, kind, status: "DRAFT" },
    data: { status: "CANCELLED" },
  });
}

/** What people quote to the commune: "YC-1A2B3C4D". */
export function requestReference(id: string): string {
  return `YC-${id.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}
