// The side effects the chat flows ask for, and what comes back from them. Neither is stored: an
// effect runs in the transaction of the message that asked for it, and its result is decided on
// at once.
import type { Locale } from "../../core/i18n.ts";
import type { Reply } from "../../core/reply.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { PayoutOverview } from "../payouts/types.ts";
import type { HotlineEffect, HotlineResult } from "../hotline/protocol.ts";
import type { RequestEffect, RequestResult } from "./requestProtocol.ts";
import type { EligibilityAnswersSoFar, LinkRequest, PersonRef } from "./state.ts";

/** Which answer about payouts a person asked for. */
export type PayoutTopic = "next" | "amount" | "history" | "missing";

export type ChatEffect =
  /** Is this chat still allowed to try codes and identity checks? */
  | { kind: "checkLimit" }
  | { kind: "findCode"; raw: string }
  /** Resolves a typed personal ID to a record (or none) without telling the person which. */
  | { kind: "lookupId"; personalId: string }
  | { kind: "verifyIdentity"; pidHash: string; candidateId: string | null; dateOfBirth: CalendarDate; phoneLast4: string }
  | { kind: "checkAuthorisation"; beneficiaryId: string; relativePersonalId: string }
  | { kind: "link"; request: LinkRequest }
  | { kind: "select"; beneficiaryId: string }
  | { kind: "setLocale"; locale: Locale }
  | { kind: "unlink"; beneficiaryIds: string[] | "all" }
  | { kind: "loadProfile"; beneficiaryId: string }
  | { kind: "loadPayouts"; beneficiaryId: string; topic: PayoutTopic }
  /** Why a month's amount is what it is; without a month, the month of the next (or last) payout. */
  | { kind: "explainMonth"; beneficiaryId: string; month: CalendarDate | null }
  | { kind: "assessEligibility"; answers: EligibilityAnswersSoFar }
  /**
   * Funeral support is a multiple of the base level in force, which the policy files hold.
   * `ticket`: a death told in the chat, which a person then follows up.
   */
  | { kind: "funeralSupport"; ticket?: boolean }
  /** "Tắt thông báo" / "Bật thông báo" for this chat. */
  | { kind: "setNotifications"; off: boolean }
  | RequestEffect
  | HotlineEffect;

export interface Profile {
  fullName: string;
  communeName: string;
  programme: "BTXH" | "NCC";
  status: "ACTIVE" | "SUSPENDED" | "ENDED" | "DECEASED";
  maskedPersonalId: string;
  /** ISO date. */
  dateOfBirth?: string;
  maskedPhone?: string | null;
  address?: string | null;
  /** The verified account money goes to, masked ("Agribank ••••3456"); null: cash. */
  account?: string | null;
  /** The relative authorised to collect now, with the last day of the authorisation. */
  receiver?: { name: string; until: string } | null;
  /** Chats linked to the person (this one included). */
  chats?: number;
}

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
  | { kind: "authorisation"; outcome: "found"; authorisationId: string; relativeId: string }
  | { kind: "linked"; outcome: "ok"; person: PersonRef }
  /** The code was used by another chat in the meantime, or has expired. */
  | { kind: "linked"; outcome: "codeUsed" }
  /** The authorisation stopped being valid between the check and the consent. */
  | { kind: "linked"; outcome: "notAllowed" }
  | { kind: "unlinked"; removed: number; remaining: number }
  | { kind: "profile"; profile: Profile | null }
  | { kind: "payouts"; topic: PayoutTopic; overview: PayoutOverview | null }
  | { kind: "explanation"; replies: Reply[] | null }
  | { kind: "eligibility"; replies: Reply[] }
  /** Funeral support: 20 × the base level of the month of death (this month when not known). */
  | { kind: "funeral"; btxhMinimum: number | null; baseLevel?: number | null; deathMonth?: CalendarDate | null; ticket?: boolean }
  | RequestResult
  | HotlineResult;
