// Effects and results of the request walkthroughs (see requestStates.ts). A draft is kept in the
// database as a request in DRAFT, one per chat and kind, so a person can leave at any point (even
// press "menu" or ask something else) and carry on another day.
import type { PrivateData, RequestKindName } from "../requests/requestData.ts";
import type { PersonRef } from "./personRef.ts";

export type RequestEffect =
  /** Writes the draft (and any sensitive answer) to this chat's unfinished request of that kind. */
  | {
      kind: "saveDraft";
      request: RequestKindName;
      beneficiaryId: string;
      step: string;
      draft: Record<string, unknown>;
      private?: PrivateData;
    }
  /** This chat's unfinished request of that kind, if any. */
  | { kind: "loadDraft"; request: RequestKindName; flow: "authorise" | "account" }
  | { kind: "discardDraft"; request: RequestKindName }
  /** Sends the draft to the officer's queue. */
  | { kind: "submitRequest"; request: RequestKindName; beneficiaryId: string; draft: Record<string, unknown>; step: string }
  /** Approved authorisations of a person still in force, for revoking one. */
  | { kind: "listAuthorisations"; beneficiaryId: string }
  | { kind: "revokeAuthorisation"; beneficiaryId: string; authorisationId: string }
  /** "Link my chat" from the approval message: the request must be this chat's and approved. */
  | { kind: "linkFromRequest"; requestId: string };

export interface SavedDraft {
  person: PersonRef;
  step: string;
  draft: Record<string, unknown>;
}

export type RequestResult =
  | { kind: "draft"; flow: "authorise" | "account"; saved: SavedDraft | null }
  | {
      kind: "submitted";
      request: RequestKindName;
      outcome: "ok";
      reference: string;
      /** Path of the printable form (authorisations only). */
      formPath: string | null;
      /** The first payout month the change can apply to. */
      effectiveMonth: string | null;
    }
  /** The same kind of request is already waiting for the officer; nothing was sent twice. */
  | { kind: "submitted"; request: RequestKindName; outcome: "duplicate" | "gone" }
  | { kind: "authorisations"; person: PersonRef; items: { id: string; relativeName: string; validUntil: string }[] }
  | { kind: "revoked"; ok: boolean; relativeName: string }
  | { kind: "requestLink"; outcome: "ok"; person: PersonRef; authorisationId: string; relativeId: string }
  | { kind: "requestLink"; outcome: "notAllowed" };
