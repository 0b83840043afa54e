// Flow states of the walkthroughs that end in a request to the commune officer: authorising a
// relative, a payout account (or cash again), changes to a record, and revoking an authorisation.
// Like every state they are parsed on load; sensitive answers never appear here, only their last
// four digits (the full values go straight to the request row).
import { z } from "zod";
import { accountDraft, authorisationDraft, changeDraft } from "../../../requests/requestData.ts";
import { personRef } from "../../personRef.ts";

const id = z.string().min(1).max(64);

export const AUTHORISE_STEPS = [
  // Only for a relative whose chat is not linked yet: whom they collect for, proven like linking.
  "whoId",
  "whoDob",
  "whoPhone",
  "relativeName",
  "relation",
  "relativeId",
  "relativePhone",
  "fromMonth",
  "duration",
  "papers",
  "confirm",
] as const;
export type AuthoriseStep = (typeof AUTHORISE_STEPS)[number];

export const authoriseState = z.object({
  flow: z.literal("authorise"),
  step: z.enum([...AUTHORISE_STEPS, "resume"]),
  person: personRef.optional(),
  pidHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  candidateId: id.optional(),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  draft: authorisationDraft,
  /** Changing one answer from the summary: the next answer goes back to the summary. */
  editing: z.boolean().optional(),
  /** The step to resume at, while asking "continue or start again?". */
  savedStep: z.enum(AUTHORISE_STEPS).optional(),
});
export type AuthoriseState = z.infer<typeof authoriseState>;

export const ACCOUNT_STEPS = [
  "type",
  "guide",
  "provider",
  "accountNumber",
  "holderName",
  "cashKind",
  "confirm",
] as const;
export type AccountStep = (typeof ACCOUNT_STEPS)[number];

export const accountState = z.object({
  flow: z.literal("account"),
  step: z.enum([...ACCOUNT_STEPS, "resume"]),
  /** Absent for a chat not linked yet: the guide is for everyone, sending needs a linked person. */
  person: personRef.optional(),
  draft: accountDraft,
  savedStep: z.enum(ACCOUNT_STEPS).optional(),
});
export type AccountState = z.infer<typeof accountState>;

export const CHANGE_STEPS = ["what", "phone", "address", "destination", "date", "confirm"] as const;
export type ChangeStep = (typeof CHANGE_STEPS)[number];

export const changeState = z.object({
  flow: z.literal("change"),
  step: z.enum(CHANGE_STEPS),
  person: personRef,
  draft: changeDraft,
});
export type ChangeState = z.infer<typeof changeState>;

/** The beneficiary takes back an authorisation: pick one (when several are in force), then confirm. */
export const revokeState = z.object({
  flow: z.literal("revoke"),
  step: z.enum(["choose", "confirm"]),
  person: personRef,
  items: z.array(z.object({ id, relativeName: z.string().max(100), validUntil: z.string().max(10) })).max(10),
  authorisationId: id.optional(),
});
export type RevokeState = z.infer<typeof revokeState>;
