// What the bot remembers between two messages of one chat. Stored as JSON in the database and
// parsed with this schema on every load, so a state written by an older version is never trusted.
// A full personal ID never lives here: it is resolved to a record id (or none) the moment it is
// typed, and only its hash is kept for the per-ID rate limit. Absent values are left out rather
// than stored as null: the JSON column writer does not keep nulls.
import { z } from "zod";
import { personRef } from "./personRef.ts";
import { accountState, authoriseState, changeState, revokeState } from "./requestStates.ts";

export { personRef, type PersonRef } from "./personRef.ts";

const id = z.string().min(1).max(64);

export const linkRequest = z.object({
  person: personRef,
  role: z.enum(["SELF", "REPRESENTATIVE"]),
  via: z.enum(["LINK_CODE", "IDENTITY_CHECK", "AUTHORISATION"]),
  linkCodeId: id.optional(),
  authorisationId: id.optional(),
  relativeId: id.optional(),
});
export type LinkRequest = z.infer<typeof linkRequest>;

const linkByCode = z.discriminatedUnion("step", [
  z.object({ flow: z.literal("linkByCode"), step: z.literal("askCode") }),
  z.object({ flow: z.literal("linkByCode"), step: z.literal("askRole"), linkCodeId: id, person: personRef }),
]);

const pidHash = z.string().regex(/^[0-9a-f]{64}$/);

const linkById = z.discriminatedUnion("step", [
  z.object({ flow: z.literal("linkById"), step: z.literal("askId") }),
  z.object({ flow: z.literal("linkById"), step: z.literal("askDob"), pidHash, candidateId: id.optional() }),
  z.object({
    flow: z.literal("linkById"),
    step: z.literal("askPhone"),
    pidHash,
    candidateId: id.optional(),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  z.object({ flow: z.literal("linkById"), step: z.literal("askRole"), person: personRef }),
  z.object({ flow: z.literal("linkById"), step: z.literal("askRelativeId"), person: personRef }),
]);

const consent = z.object({ flow: z.literal("consent"), step: z.literal("askConsent"), request: linkRequest });

const unlink = z.discriminatedUnion("step", [
  /** One person linked: "unlink them?" */
  z.object({ flow: z.literal("unlink"), step: z.literal("confirm"), person: personRef }),
  /** Several: "this person or everyone?" */
  z.object({ flow: z.literal("unlink"), step: z.literal("chooseScope"), person: personRef }),
]);

/**
 * No question is open, but the last message could not be understood: a second one in a row gets
 * the hotline offered instead of another guess.
 */
const clarify = z.object({ flow: z.literal("clarify"), step: z.literal("chooseTopic"), unclear: z.number().int().min(1).max(10) });

/** The eligibility guide: one question per message; answers so far (absent = not asked or unknown). */
export const eligibilityAnswers = z.object({
  age: z.number().int().min(0).max(130).optional(),
  /** Older stored states: yes/no to "a pension?"; now `pension`. */
  hasPension: z.boolean().optional(),
  pension: z.enum(["none", "below", "above"]).optional(),
  household: z.enum(["poor", "near_poor", "other"]).optional(),
  disability: z.enum(["especially_severe", "severe", "none"]).optional(),
  /** Older stored states: "lives alone"; now the legal question `hasSupporter`. */
  livesAlone: z.boolean().optional(),
  hasSupporter: z.boolean().optional(),
  orphan: z.boolean().optional(),
  hiv: z.boolean().optional(),
  singleParent: z.boolean().optional(),
  ncc: z.enum(["martyr_relative", "war_invalid", "other", "none"]).optional(),
});
export type EligibilityAnswersSoFar = z.infer<typeof eligibilityAnswers>;

const eligibility = z.object({
  flow: z.literal("eligibility"),
  step: z.enum(["age", "pension", "household", "disability", "livesAlone", "supporter", "orphan", "hiv", "singleParent", "ncc"]),
  answers: eligibilityAnswers,
});

export const chatState = z.discriminatedUnion("flow", [
  linkByCode,
  linkById,
  consent,
  unlink,
  clarify,
  eligibility,
  authoriseState,
  accountState,
  changeState,
  revokeState,
]);
export type ChatState = z.infer<typeof chatState>;

export type LinkByCodeState = z.infer<typeof linkByCode>;
export type LinkByIdState = z.infer<typeof linkById>;
export type ConsentState = z.infer<typeof consent>;
export type UnlinkState = z.infer<typeof unlink>;
export type ClarifyState = z.infer<typeof clarify>;
export type EligibilityState = z.infer<typeof eligibility>;

/**
 * Bumped whenever the shape above changes in a way older stored states no longer fit: those are
 * then reset with an apology. Adding a flow keeps every older state valid, so it needs no bump.
 */
export const STATE_VERSION = 1;
