// The request walkthroughs' database work: a draft kept as a request in DRAFT (one per chat and
// kind, so a person can leave at any point and carry on another day), sending it to the officer,
// and linking a chat through the authorisation it asked for once approved.
import { z } from "zod";
import { defineEffect } from "../../../../conversation/effect.ts";
import { calendarDate } from "../../../../lib/calendarDate.ts";
import { discardDraft as dropDraft, findDraft, saveDraft as writeDraft } from "../../../requests/drafts.ts";
import { privateData } from "../../../requests/requestData.ts";
import { submitRequest as submit } from "../../../requests/submit.ts";
import { personRef as loadPerson } from "../../identityChecks.ts";
import { personRef } from "../../personRef.ts";

const id = z.string().min(1).max(64);
const KINDS = ["AUTHORISATION", "ACCOUNT", "CHANGE_METHOD", "UPDATE_INFO", "MOVE", "DEATH"] as const;
const kind = z.enum(KINDS);
const draft = z.record(z.string(), z.unknown());

/** Writes the draft (and any sensitive answer) to this chat's unfinished request of that kind. */
export const saveDraft = defineEffect({
  kind: "saveDraft",
  payload: { request: kind, beneficiaryId: id, step: z.string().max(40), draft, private: privateData.optional() },
  output: z.null(),
  async perform(tx, p, ctx) {
    await writeDraft(tx, {
      identityId: ctx.identityId,
      kind: p.request,
      beneficiaryId: p.beneficiaryId,
      step: p.step,
      draft: p.draft,
      private: p.private,
    });
    return null;
  },
});

/** This chat's unfinished request of that kind, if any. */
export const loadDraft = defineEffect({
  kind: "loadDraft",
  payload: { request: kind },
  output: z.object({ saved: z.object({ person: personRef, step: z.string(), draft }).nullable() }),
  async perform(tx, { request }, ctx) {
    const found = await findDraft(tx, ctx.identityId, request);
    const person = found ? await loadPerson(tx, found.beneficiaryId) : null;
    return { saved: found && person ? { person, step: found.row.step, draft: found.row.draft } : null };
  },
});

export const discardDraft = defineEffect({
  kind: "discardDraft",
  payload: { request: kind },
  output: z.null(),
  async perform(tx, { request }, ctx) {
    await dropDraft(tx, ctx.identityId, request);
    return null;
  },
});

/** Sends the draft to the officer's queue. */
export const submitRequest = defineEffect({
  kind: "submitRequest",
  payload: { request: kind, beneficiaryId: id, draft, step: z.string().max(40) },
  output: z.discriminatedUnion("outcome", [
    z.object({
      outcome: z.literal("ok"),
      request: kind,
      reference: z.string(),
      /** Path of the printable form (authorisations only). */
      formPath: z.string().nullable(),
      /** The first payout month the change can apply to. */
      effectiveMonth: z.string().nullable(),
    }),
    /** The same kind of request is already waiting for the officer; nothing was sent twice. */
    z.object({ outcome: z.enum(["duplicate", "gone"]), request: kind }),
  ]),
  perform: async (tx, p, ctx) =>
    submit(tx, { ...p, identityId: ctx.identityId, channel: ctx.channel, now: ctx.now, today: ctx.today }),
});

/**
 * "Link my chat" from the approval message: the request must be this chat's and approved. A chat
 * already linked to the person keeps its link as it is (see linkWrites.ts); it only learns who the
 * relative is, so the officer and the hotline see their name.
 */
export const linkFromRequest = defineEffect({
  kind: "linkFromRequest",
  payload: { requestId: id },
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("ok"), person: personRef, authorisationId: id, relativeId: id }),
    z.object({ outcome: z.literal("already"), person: personRef }),
    z.object({ outcome: z.literal("notAllowed") }),
  ]),
  async perform(tx, { requestId }, ctx) {
    const auth = await tx.authorisation.findFirst({
      where: {
        requestId,
        request: { submittedById: ctx.identityId },
        status: "APPROVED",
        validUntil: { gte: calendarDate(ctx.today) },
      },
      select: { id: true, relativeId: true, beneficiaryId: true },
    });
    const person = auth ? await loadPerson(tx, auth.beneficiaryId) : null;
    if (!auth || !person) return { outcome: "notAllowed" as const };
    if (ctx.links.some((l) => l.beneficiaryId === auth.beneficiaryId)) {
      const self = ctx.links.some((l) => l.beneficiaryId === auth.beneficiaryId && l.role === "SELF");
      // The beneficiary's own chat stays theirs; a relative's chat now knows whose it is.
      if (!self) await tx.chatIdentity.update({ where: { id: ctx.identityId }, data: { relativeId: auth.relativeId } });
      return { outcome: "already" as const, person };
    }
    return { outcome: "ok" as const, person, authorisationId: auth.id, relativeId: auth.relativeId };
  },
});
