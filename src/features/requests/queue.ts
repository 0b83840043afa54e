// The officer's review queue: requests of the communes they cover, and one request with what the
// officer needs to decide (the answers, the papers to check, what happened before). Sensitive
// numbers are masked here; the printable form shows them in full for the paper itself.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { mask } from "../../lib/redact.ts";
import { requestReference } from "./drafts.ts";
import { CHECKLIST, requestRow } from "./requestData.ts";

export type QueueStatus = "PENDING" | "APPROVED" | "REJECTED" | "ALL";

export interface QueueRow {
  id: string;
  reference: string;
  kind: keyof typeof CHECKLIST;
  status: string;
  beneficiaryId: string;
  fullName: string;
  communeName: string;
  createdAt: Date;
}

const PAGE = 200;

export async function listQueue(
  prisma: PrismaClient,
  communeIds: string[] | null,
  status: QueueStatus,
): Promise<QueueRow[]> {
  const rows = await prisma.changeRequest.findMany({
    where: {
      status: status === "ALL" ? { not: "DRAFT" } : status,
      ...(communeIds === null ? {} : { beneficiary: { communeId: { in: communeIds } } }),
    },
    // Oldest waiting first: people have waited longest for those.
    orderBy: { createdAt: status === "PENDING" ? "asc" : "desc" },
    take: PAGE,
    include: { beneficiary: { select: { fullName: true, commune: { select: { name: true } } } } },
  });
  return rows.map((r) => queueRow(r, r.beneficiary));
}

type Person = { fullName: string; commune: { name: string } };

function queueRow(
  r: { id: string; kind: QueueRow["kind"]; status: string; beneficiaryId: string; createdAt: Date },
  person: Person,
): QueueRow {
  return {
    id: r.id,
    reference: requestReference(r.id),
    kind: r.kind,
    status: r.status,
    beneficiaryId: r.beneficiaryId,
    fullName: person.fullName,
    communeName: person.commune.name,
    createdAt: r.createdAt,
  };
}

export interface RequestDetail extends QueueRow {
  personalIdMasked: string;
  channel: string | null;
  draft: Record<string, unknown>;
  /** Masked sensitive answers, by field. */
  masked: Record<string, string>;
  formPath: string | null;
  checklistItems: readonly string[];
  checked: string[];
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  history: { at: Date; actor: string; action: string }[];
  others: QueueRow[];
}

export async function loadRequest(
  prisma: PrismaClient,
  communeIds: string[] | null,
  id: string,
): Promise<RequestDetail | null> {
  const r = await prisma.changeRequest.findFirst({
    where: {
      id,
      status: { not: "DRAFT" },
      ...(communeIds === null ? {} : { beneficiary: { communeId: { in: communeIds } } }),
    },
    include: {
      beneficiary: { select: { fullName: true, personalId: true, commune: { select: { name: true } } } },
      decidedBy: { select: { fullName: true } },
    },
  });
  if (!r) return null;
  const row = requestRow.safeParse(r.data);
  const priv = row.success ? row.data.private : {};
  const masked: Record<string, string> = {};
  for (const [k, v] of Object.entries(priv)) if (typeof v === "string") masked[k] = mask(v);
  const [identity, history, others] = await Promise.all([
    r.submittedById
      ? prisma.chatIdentity.findUnique({ where: { id: r.submittedById }, select: { channel: true } })
      : null,
    prisma.auditLog.findMany({
      where: { entity: "changeRequest", entityId: r.id },
      orderBy: { at: "asc" },
      select: { at: true, actor: true, action: true },
    }),
    prisma.changeRequest.findMany({
      where: { beneficiaryId: r.beneficiaryId, id: { not: r.id }, status: { not: "DRAFT" } },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  ]);
  const checked = Array.isArray(r.checklist) ? r.checklist.filter((c): c is string => typeof c === "string") : [];
  return {
    ...queueRow(r, r.beneficiary),
    personalIdMasked: mask(r.beneficiary.personalId),
    channel: identity?.channel ?? null,
    draft: row.success ? row.data.draft : {},
    masked,
    // Officers open the form through the console (audited); the person's link is theirs alone.
    formPath: r.kind === "AUTHORISATION" ? `/console/requests/${r.id}/form` : null,
    checklistItems: CHECKLIST[r.kind],
    checked,
    decidedBy: r.decidedBy?.fullName ?? null,
    decidedAt: r.decidedAt,
    reason: r.reason,
    history,
    others: others.map((o) => queueRow(o, r.beneficiary)),
  };
}
