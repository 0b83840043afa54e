// What a change request carries, for each kind. The visible part (the draft) also lives in the
// chat's flow state; the sensitive part (the relative's personal ID, phone and account numbers)
// is written only to the request row, never to the conversation, and is shown masked everywhere
// except on the printable form and to the officer who checks the papers.
import { z } from "zod";

const month = z.string().regex(/^\d{4}-\d{2}-01$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const last4 = z.string().regex(/^\d{4}$/);

export const RELATIONS = ["child", "grandchild", "spouse", "sibling", "other"] as const;
export type Relation = (typeof RELATIONS)[number];

/** Who receives for whom, from which month and for how long. */
export const authorisationDraft = z.object({
  /** Who fills it in: the beneficiary themself, or the relative who will collect. */
  starter: z.enum(["SELF", "RELATIVE"]),
  /** The relative proved in the chat whom they collect for (ID, date of birth, phone). */
  checked: z.boolean().optional(),
  relativeName: z.string().min(2).max(100).optional(),
  relation: z.enum(RELATIONS).optional(),
  relativeIdLast4: last4.optional(),
  relativePhoneLast4: last4.optional(),
  fromMonth: month.optional(),
  months: z.number().int().min(1).max(60).optional(),
});
export type AuthorisationDraft = z.infer<typeof authorisationDraft>;

export const ACCOUNT_TYPES = ["BANK", "EWALLET", "MOBILE_MONEY", "VNEID", "CASH"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** A new account to be paid into, or the way back to cash. */
export const accountDraft = z.object({
  type: z.enum(ACCOUNT_TYPES).optional(),
  provider: z.string().min(1).max(60).optional(),
  accountLast4: last4.optional(),
  holderName: z.string().min(2).max(100).optional(),
  cash: z.enum(["CASH_POINT", "CASH_HOME"]).optional(),
});
export type AccountDraft = z.infer<typeof accountDraft>;

/** A new phone or address, a move to another commune, or a death. */
export const changeDraft = z.object({
  what: z.enum(["phone", "address", "move", "death"]).optional(),
  phoneLast4: last4.optional(),
  address: z.string().min(3).max(200).optional(),
  destination: z.string().min(2).max(200).optional(),
  date: day.optional(),
});
export type ChangeDraft = z.infer<typeof changeDraft>;

/** Values kept only in the request row. */
export const privateData = z.object({
  relativePersonalId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  relativePhone: z
    .string()
    .regex(/^0\d{9}$/)
    .optional(),
  accountNumber: z
    .string()
    .regex(/^\d{6,19}$/)
    .optional(),
  phone: z
    .string()
    .regex(/^0\d{9}$/)
    .optional(),
});
export type PrivateData = z.infer<typeof privateData>;

export type RequestKindName = "AUTHORISATION" | "ACCOUNT" | "CHANGE_METHOD" | "UPDATE_INFO" | "MOVE" | "DEATH";

/** The JSON column of ChangeRequest: the chat step it was left at, the draft, the private part. */
export const requestRow = z.object({
  step: z.string().max(40),
  /** Parsed by kind where it is used (authorisationDraft, accountDraft, changeDraft). */
  draft: z.record(z.string(), z.unknown()),
  private: privateData.default({}),
  /** Set on approval: the first month the change applies to. */
  effectiveMonth: month.optional(),
});
export type RequestRow = z.infer<typeof requestRow>;

/** The last day of the authorisation: the end of its last month. */
export function authorisationEnd(fromMonth: string, months: number): string {
  const [y, m] = fromMonth.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
}

/** "2026-08-01" → "08/2026", as months are written on payout lists. */
export function monthLabel(month: string): string {
  return month ? `${month.slice(5, 7)}/${month.slice(0, 4)}` : "";
}

/** What the officer ticks before approving, by kind: the papers the rules ask for. */
export const CHECKLIST: Record<RequestKindName, readonly string[]> = {
  AUTHORISATION: ["certifiedPaper", "beneficiaryId", "relativeId"],
  ACCOUNT: ["holderMatches", "accountProof"],
  CHANGE_METHOD: ["personConfirmed"],
  UPDATE_INFO: ["personConfirmed"],
  MOVE: ["moveProof"],
  DEATH: ["deathCertificate"],
};
