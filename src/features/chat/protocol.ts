// The outcomes of proving who a chat belongs to (identityChecks.ts), as the linking flows receive
// them. Each flow parses them again with its own schema when they come back (see flows/).
import type { PersonRef } from "./personRef.ts";

export type ChatResult =
  | { kind: "limit"; blocked: boolean }
  | { kind: "code"; outcome: "blocked" }
  | { kind: "code"; outcome: "notFound" }
  | { kind: "code"; outcome: "found"; linkCodeId: string; person: PersonRef }
  | { kind: "idLookedUp"; pidHash: string; candidateId: string | null; maskedPersonalId: string }
  | { kind: "identity"; outcome: "blocked" }
  | { kind: "identity"; outcome: "mismatch" }
  | { kind: "identity"; outcome: "ok"; person: PersonRef }
  | { kind: "authorisation"; outcome: "blocked" }
  | { kind: "authorisation"; outcome: "notFound" }
  | { kind: "authorisation"; outcome: "found"; authorisationId: string; relativeId: string };
