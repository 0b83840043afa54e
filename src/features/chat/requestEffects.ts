// Runs the request walkthroughs' effects inside the transaction of the message being answered.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { calendarDate } from "../../lib/calendarDate.ts";
import { discardDraft, findDraft, saveDraft } from "../requests/drafts.ts";
import { authorisationsInForce, revokeAuthorisation } from "../requests/revoke.ts";
import { submitRequest } from "../requests/submit.ts";
import { personRef } from "./identityChecks.ts";
import type { RequestEffect, RequestResult } from "./requestProtocol.ts";

export async function performRequestEffect(tx: Tx, effect: RequestEffect, ctx: ChatContext): Promise<RequestResult | null> {
  switch (effect.kind) {
    case "saveDraft":
      // Only for someone this chat may act for: a person it is linked to, or one it proved it knows.
      await saveDraft(tx, { identityId: ctx.identityId, kind: effect.request, beneficiaryId: effect.beneficiaryId, step: effect.step, draft: effect.draft, private: effect.private });
      return null;
    case "loadDraft": {
      const found = await findDraft(tx, ctx.identityId, effect.request);
      const person = found ? await personRef(tx, found.beneficiaryId) : null;
      return { kind: "draft", flow: effect.flow, saved: found && person ? { person, step: found.row.step, draft: found.row.draft } : null };
    }
    case "discardDraft":
      await discardDraft(tx, ctx.identityId, effect.request);
      return null;
    case "submitRequest": {
      const r = await submitRequest(tx, { ...effect, identityId: ctx.identityId, channel: ctx.channel, now: ctx.now, today: ctx.today });
      return { kind: "submitted", ...r };
    }
    case "listAuthorisations": {
      const person = linked(ctx, effect.beneficiaryId) ? await personRef(tx, effect.beneficiaryId) : null;
      if (!person) return { kind: "revoked", ok: false, relativeName: "" };
      return { kind: "authorisations", person, items: await authorisationsInForce(tx, effect.beneficiaryId, ctx.today) };
    }
    case "revokeAuthorisation": {
      // Only the beneficiary themself takes an authorisation back.
      const self = ctx.links.some((l) => l.beneficiaryId === effect.beneficiaryId && l.role === "SELF");
      if (!self) return { kind: "revoked", ok: false, relativeName: "" };
      return { kind: "revoked", ...(await revokeAuthorisation(tx, { identityId: ctx.identityId, ...effect, today: ctx.today })) };
    }
    case "linkFromRequest":
      return linkFromRequest(tx, ctx, effect.requestId);
  }
}

/** The chat that asked for an authorisation may link to the person once it is approved and not ended. */
async function linkFromRequest(tx: Tx, ctx: ChatContext, requestId: string): Promise<RequestResult> {
  const auth = await tx.authorisation.findFirst({
    where: { requestId, request: { submittedById: ctx.identityId }, status: "APPROVED", validUntil: { gte: calendarDate(ctx.today) } },
    select: { id: true, relativeId: true, beneficiaryId: true },
  });
  const person = auth ? await personRef(tx, auth.beneficiaryId) : null;
  // The beneficiary's own chat stays linked as themself.
  const self = ctx.links.some((l) => l.beneficiaryId === auth?.beneficiaryId && l.role === "SELF");
  if (!auth || !person || self) return { kind: "requestLink", outcome: "notAllowed" };
  return { kind: "requestLink", outcome: "ok", person, authorisationId: auth.id, relativeId: auth.relativeId };
}

function linked(ctx: ChatContext, beneficiaryId: string): boolean {
  return ctx.links.some((l) => l.beneficiaryId === beneficiaryId);
}
