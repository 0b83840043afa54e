// Writes that change who a chat may see. Each link and unlink is audited under the chat's own
// name ("chat:<identity id>"), so officers can tell who linked a record and how.
import { todayInVietnam } from "../../lib/calendarDate.ts";
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import { markCodeUsed } from "../linking/codes.ts";
import { validAuthorisation } from "./identityChecks.ts";
import type { Profile } from "./flows/people/effects.ts";
import type { LinkRequest } from "./flows/consent/state.ts";
import type { PersonRef } from "./personRef.ts";

export type Linked = { outcome: "ok"; person: PersonRef } | { outcome: "codeUsed" } | { outcome: "notAllowed" };

export async function link(tx: Tx, ctx: ChatContext, request: LinkRequest): Promise<Linked> {
  const { person } = request;
  if (request.via === "LINK_CODE") {
    // Another chat may have used the code in the meantime: only one of them links.
    if (!request.linkCodeId || !(await markCodeUsed(tx, request.linkCodeId, ctx.now))) return { outcome: "codeUsed" };
  }
  if (request.via === "AUTHORISATION") {
    // The consent may come long after the check (a resumed conversation): check again.
    const still = request.authorisationId
      ? await validAuthorisation(tx, ctx, {
          beneficiaryId: person.beneficiaryId,
          id: request.authorisationId,
          relativeId: request.relativeId,
        })
      : null;
    if (!still) return { outcome: "notAllowed" };
  }
  const fields = { role: request.role, via: request.via, authorisationId: request.authorisationId ?? null };
  const where = { identityId_beneficiaryId: { identityId: ctx.identityId, beneficiaryId: person.beneficiaryId } };
  const existing = await tx.chatLink.findUnique({ where, select: { role: true, authorisationId: true } });
  // A link never gets weaker by being made again: the person themself stays themself, and a link
  // that holds unconditionally (the officer's code, the identity check) is not swapped for one that
  // holds only while an authorisation does — that would take the chat off notices and broadcasts
  // until the authorisation starts. What the new link proves (who the relative is) is still kept.
  const keep =
    existing !== null &&
    (existing.role === "SELF" || (existing.authorisationId === null && request.role === "REPRESENTATIVE"));
  if (existing === null)
    await tx.chatLink.create({ data: { ...where.identityId_beneficiaryId, linkedAt: ctx.now, ...fields } });
  else if (!keep) await tx.chatLink.update({ where, data: fields });
  await tx.chatIdentity.update({
    where: { id: ctx.identityId },
    data: {
      beneficiaryId: person.beneficiaryId,
      linkedAt: ctx.now,
      consentAt: ctx.now,
      consentWithdrawnAt: null,
      ...(request.relativeId ? { relativeId: request.relativeId } : {}),
    },
  });
  await recordAudit(tx, {
    actor: `chat:${ctx.identityId}`,
    action: "chat.link",
    entity: "beneficiary",
    entityId: person.beneficiaryId,
    detail: {
      channel: ctx.channel,
      role: request.role,
      via: request.via,
      authorisationId: request.authorisationId ?? null,
    },
  });
  return { outcome: "ok", person };
}

export async function unlink(
  tx: Tx,
  ctx: ChatContext,
  beneficiaryIds: string[] | "all",
): Promise<{ removed: number; remaining: number }> {
  const scope = beneficiaryIds === "all" ? {} : { beneficiaryId: { in: beneficiaryIds } };
  const removed = await tx.chatLink.findMany({
    where: { identityId: ctx.identityId, ...scope },
    select: { beneficiaryId: true },
  });
  await tx.chatLink.deleteMany({ where: { identityId: ctx.identityId, ...scope } });
  const left = await tx.chatLink.findMany({
    where: { identityId: ctx.identityId },
    orderBy: { linkedAt: "asc" },
    select: { beneficiaryId: true },
  });
  const identity = await tx.chatIdentity.findUniqueOrThrow({
    where: { id: ctx.identityId },
    select: { beneficiaryId: true, relative: { select: { beneficiaryId: true } } },
  });
  const stillLinked = new Set(left.map((l) => l.beneficiaryId));
  const selected =
    identity.beneficiaryId && stillLinked.has(identity.beneficiaryId)
      ? identity.beneficiaryId
      : (left[0]?.beneficiaryId ?? null);
  const relativeStays = identity.relative !== null && stillLinked.has(identity.relative.beneficiaryId);
  await tx.chatIdentity.update({
    where: { id: ctx.identityId },
    data: {
      beneficiaryId: selected,
      ...(relativeStays ? {} : { relativeId: null }),
      // Nothing left to show: the consent is withdrawn, and a new link asks for it again.
      ...(left.length === 0 ? { consentWithdrawnAt: ctx.now, linkedAt: null } : {}),
    },
  });
  await recordAudit(tx, {
    actor: `chat:${ctx.identityId}`,
    action: "chat.unlink",
    entity: "chatIdentity",
    entityId: ctx.identityId,
    detail: { channel: ctx.channel, beneficiaryIds: removed.map((r) => r.beneficiaryId), remaining: left.length },
  });
  return { removed: removed.length, remaining: left.length };
}

/** Only people linked to this chat can be selected. */
export async function select(tx: Tx, ctx: ChatContext, beneficiaryId: string): Promise<void> {
  const linked = await tx.chatLink.findUnique({
    where: { identityId_beneficiaryId: { identityId: ctx.identityId, beneficiaryId } },
  });
  if (linked) await tx.chatIdentity.update({ where: { id: ctx.identityId }, data: { beneficiaryId } });
}

export async function profile(tx: Tx, ctx: ChatContext, beneficiaryId: string): Promise<{ profile: Profile | null }> {
  const linked = await tx.chatLink.findUnique({
    where: { identityId_beneficiaryId: { identityId: ctx.identityId, beneficiaryId } },
    select: {
      beneficiary: {
        select: {
          fullName: true,
          programme: true,
          status: true,
          personalId: true,
          dateOfBirth: true,
          phone: true,
          address: true,
          commune: { select: { name: true } },
          accounts: {
            where: { status: "VERIFIED" },
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { provider: true, accountLast4: true },
          },
          _count: { select: { chatLinks: true } },
        },
      },
    },
  });
  if (!linked || !ctx.consentGiven) return { profile: null };
  const b = linked.beneficiary;
  const today = new Date(`${todayInVietnam(ctx.now)}T00:00:00.000Z`);
  const authorisation = await tx.authorisation.findFirst({
    where: { beneficiaryId, status: "APPROVED", validFrom: { lte: today }, validUntil: { gte: today } },
    orderBy: { validUntil: "desc" },
    select: { validUntil: true, relative: { select: { fullName: true } } },
  });
  const account = b.accounts[0];
  return {
    profile: {
      fullName: b.fullName,
      communeName: b.commune.name,
      programme: b.programme,
      status: b.status,
      maskedPersonalId: mask(b.personalId),
      dateOfBirth: b.dateOfBirth.toISOString().slice(0, 10),
      maskedPhone: b.phone ? mask(b.phone) : null,
      address: b.address,
      account: account ? `${account.provider} ••••${account.accountLast4}` : null,
      receiver: authorisation
        ? { name: authorisation.relative.fullName, until: authorisation.validUntil.toISOString().slice(0, 10) }
        : null,
      chats: b._count.chatLinks,
    },
  };
}
