// The identity checks of self-service linking, as effects other flows may ask for too (the
// authorisation walkthrough proves whom a relative collects for the same way). The checks
// themselves, with their failure limits, live in identityChecks.ts.
import { z } from "zod";
import { defineEffect } from "../../../../conversation/effect.ts";
import {
  checkAuthorisation,
  checkLimit as readLimit,
  lookupId as readId,
  verifyIdentity as check,
} from "../../identityChecks.ts";
import { personRef } from "../../personRef.ts";

const id = z.string().min(1).max(64);
export const pidHash = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Is this chat still allowed to try codes and identity checks? */
export const checkLimit = defineEffect({
  kind: "checkLimit",
  payload: {},
  output: z.object({ blocked: z.boolean() }),
  perform: async (tx, _p, ctx) => readLimit(tx, ctx),
});

/** Resolves a typed personal ID to a record (or none) without telling the person which. */
export const lookupId = defineEffect({
  kind: "lookupId",
  payload: { personalId: z.string().regex(/^\d{12}$/) },
  output: z.object({ pidHash, candidateId: id.nullable(), maskedPersonalId: z.string().max(40) }),
  perform: async (tx, { personalId }) => readId(tx, personalId),
});

export const verifyIdentity = defineEffect({
  kind: "verifyIdentity",
  payload: { pidHash, candidateId: id.nullable(), dateOfBirth: isoDate, phoneLast4: z.string().regex(/^\d{4}$/) },
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("blocked") }),
    z.object({ outcome: z.literal("mismatch") }),
    z.object({ outcome: z.literal("ok"), person: personRef }),
  ]),
  perform: async (tx, input, ctx) => check(tx, ctx, input),
});

/** An approved authorisation, not ended, naming the relative with this ID. */
export const checkRelative = defineEffect({
  kind: "checkAuthorisation",
  payload: { beneficiaryId: id, relativePersonalId: z.string().regex(/^\d{12}$/) },
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("blocked") }),
    z.object({ outcome: z.literal("notFound") }),
    z.object({ outcome: z.literal("found"), authorisationId: id, relativeId: id }),
  ]),
  perform: async (tx, { beneficiaryId, relativePersonalId }, ctx) =>
    checkAuthorisation(tx, ctx, beneficiaryId, relativePersonalId),
});
