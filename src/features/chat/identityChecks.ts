// Proving who a chat belongs to, with a ceiling on failures within `identityWindowHours`:
// - per chat: `identityMaxFailures` wrong codes or identity checks;
// - per origin (chatOrigin.ts: the client a web chat was given to; a Telegram or Zalo chat is its
//   own): four times as many, as people behind one mobile operator's address share it;
// - per personal ID and origin: `identityMaxFailures`, so one person's record cannot be guessed
//   at from many chats of one client. The count for an ID is kept per origin on purpose: a
//   stranger who knows someone's ID and fails with it blocks only themself, never the owner's
//   own check from their own phone.
import { chatOrigin } from "../../core/chatOrigin.ts";
import { cipherOf } from "../../db/sensitiveFields.ts";
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { calendarDate, fromDbDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { findRedeemableCode } from "../linking/codes.ts";
import type { ChatResult } from "./protocol.ts";
import type { PersonRef } from "./state.ts";

type Result<K extends ChatResult["kind"]> = Extract<ChatResult, { kind: K }>;

/** A failure counter and how many failures it allows in the window. */
interface Subject {
  subject: string;
  max: number;
}

/** People sharing one address (a mobile operator's NAT) share its count. */
const ORIGIN_FACTOR = 4;

export function chatSubject(ctx: ChatContext): string {
  return `chat:${ctx.identityId}`;
}

/** The chat's own counter and, when it differs, its origin's. */
async function chatSubjects(tx: Tx, ctx: ChatContext): Promise<{ subjects: Subject[]; origin: string }> {
  const identity = await tx.chatIdentity.findUnique({
    where: { id: ctx.identityId },
    select: { platformUserId: true },
  });
  const origin = chatOrigin({
    channel: ctx.channel,
    platformUserId: identity?.platformUserId ?? "",
    identityId: ctx.identityId,
  });
  const max = ctx.settings.identityMaxFailures;
  const subjects: Subject[] = [{ subject: chatSubject(ctx), max }];
  if (origin !== chatSubject(ctx)) subjects.push({ subject: `origin:${origin}`, max: max * ORIGIN_FACTOR });
  return { subjects, origin };
}

function pidSubject(ctx: ChatContext, pidHash: string, origin: string): Subject {
  return { subject: `pid:${pidHash}:${origin}`, max: ctx.settings.identityMaxFailures };
}

/** True when any of the subjects has used up its failures in the current window. */
export async function isBlocked(tx: Tx, ctx: ChatContext, subjects: Subject[]): Promise<boolean> {
  const since = new Date(ctx.now.getTime() - ctx.settings.identityWindowHours * 3600_000);
  const rows = await tx.identityAttempt.groupBy({
    by: ["subject"],
    where: { subject: { in: subjects.map((s) => s.subject) }, success: false, createdAt: { gt: since } },
    _count: { _all: true },
  });
  return rows.some((r) => r._count._all >= (subjects.find((s) => s.subject === r.subject)?.max ?? 0));
}

export async function recordAttempt(tx: Tx, ctx: ChatContext, subjects: Subject[], success: boolean): Promise<void> {
  await tx.identityAttempt.createMany({
    data: subjects.map((s) => ({ subject: s.subject, success, createdAt: ctx.now })),
  });
}

export async function checkLimit(tx: Tx, ctx: ChatContext): Promise<Result<"limit">> {
  return { kind: "limit", blocked: await isBlocked(tx, ctx, (await chatSubjects(tx, ctx)).subjects) };
}

export async function findCode(tx: Tx, ctx: ChatContext, raw: string): Promise<Result<"code">> {
  const { subjects } = await chatSubjects(tx, ctx);
  if (await isBlocked(tx, ctx, subjects)) return { kind: "code", outcome: "blocked" };
  const found = await findRedeemableCode(tx, raw, ctx.now);
  const person = found ? await personRef(tx, found.beneficiaryId) : null;
  if (!found || !person) {
    await recordAttempt(tx, ctx, subjects, false);
    return { kind: "code", outcome: "notFound" };
  }
  return { kind: "code", outcome: "found", linkCodeId: found.linkCodeId, person };
}

/** Only the hash of the ID leaves this function; the reply shows the masked form. */
export async function lookupId(tx: Tx, personalId: string): Promise<Result<"idLookedUp">> {
  const row = await tx.beneficiary.findFirst({ where: { personalId }, select: { id: true } });
  return {
    kind: "idLookedUp",
    pidHash: cipherOf(tx).subjectHash(personalId),
    candidateId: row?.id ?? null,
    maskedPersonalId: mask(personalId),
  };
}

export async function verifyIdentity(
  tx: Tx,
  ctx: ChatContext,
  input: { pidHash: string; candidateId: string | null; dateOfBirth: string; phoneLast4: string },
): Promise<Result<"identity">> {
  const chat = await chatSubjects(tx, ctx);
  const subjects = [...chat.subjects, pidSubject(ctx, input.pidHash, chat.origin)];
  if (await isBlocked(tx, ctx, subjects)) return { kind: "identity", outcome: "blocked" };
  const row = input.candidateId
    ? await tx.beneficiary.findUnique({
        where: { id: input.candidateId },
        select: { id: true, fullName: true, sex: true, dateOfBirth: true, phone: true, status: true },
      })
    : null;
  // A record without a phone cannot be checked this way; the person needs a code from the commune.
  const match =
    row !== null &&
    row.status !== "DECEASED" &&
    fromDbDate(row.dateOfBirth) === input.dateOfBirth &&
    row.phone !== null &&
    row.phone.slice(-4) === input.phoneLast4;
  await recordAttempt(tx, ctx, subjects, match);
  if (!match) return { kind: "identity", outcome: "mismatch" };
  return { kind: "identity", outcome: "ok", person: { beneficiaryId: row.id, fullName: row.fullName, sex: row.sex } };
}

/** An approved authorisation, not ended, that names a relative of this person with this ID. */
export async function checkAuthorisation(
  tx: Tx,
  ctx: ChatContext,
  beneficiaryId: string,
  relativePersonalId: string,
): Promise<Result<"authorisation">> {
  const { subjects } = await chatSubjects(tx, ctx);
  if (await isBlocked(tx, ctx, subjects)) return { kind: "authorisation", outcome: "blocked" };
  const found = await validAuthorisation(tx, ctx, { beneficiaryId, relative: { personalId: relativePersonalId } });
  if (!found) {
    await recordAttempt(tx, ctx, subjects, false);
    return { kind: "authorisation", outcome: "notFound" };
  }
  return { kind: "authorisation", outcome: "found", authorisationId: found.id, relativeId: found.relativeId };
}

/**
 * Approved and not ended. One approved for a later month counts too: the relative is told of the
 * approval at once and may follow the person's payouts before collecting the first one.
 */
export async function validAuthorisation(
  tx: Tx,
  ctx: ChatContext,
  where: { beneficiaryId: string; id?: string; relativeId?: string; relative?: { personalId: string } },
): Promise<{ id: string; relativeId: string } | null> {
  const today = calendarDate(ctx.today);
  return tx.authorisation.findFirst({
    where: { ...where, status: "APPROVED", validUntil: { gte: today } },
    orderBy: { validUntil: "desc" },
    select: { id: true, relativeId: true },
  });
}

export async function personRef(tx: Tx, beneficiaryId: string): Promise<PersonRef | null> {
  const row = await tx.beneficiary.findUnique({
    where: { id: beneficiaryId },
    select: { id: true, fullName: true, sex: true },
  });
  return row ? { beneficiaryId: row.id, fullName: row.fullName, sex: row.sex } : null;
}
