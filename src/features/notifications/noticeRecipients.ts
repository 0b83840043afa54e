// Who gets a payout notice, decided from plain values:
// - the beneficiary's own chats (linked as themself, consent given and not withdrawn);
// - the chats of relatives who represent them, but a relative linked through an authorisation only
//   while that authorisation is approved and valid on the payout day (the beneficiary still gets it);
// - a chat that turned notices off gets a row written already skipped ("opted_out"), so reports
//   show the notice was held back on purpose; a chat the platform says is unreachable is no path;
// - money paid to someone else (an authorised relative collected it): the beneficiary's own chats,
//   else their own phone, besides the relatives' chats (so the owner hears who took it);
// - nobody usable and nobody who opted out: one message to a phone — the authorised relative's when
//   an authorisation is valid on the day (they collect), else the beneficiary's — when a phone
//   channel is configured. Otherwise nobody: the person is on the officers' visit list.
import { isChannelName, type ChannelName } from "../../core/events.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { Audience } from "./noticeReply.ts";

export type ChatChannel = ChannelName;
export type PhoneChannel = "ZNS" | "SMS";

export interface LinkedChat {
  identityId: string;
  channel: string;
  role: "SELF" | "REPRESENTATIVE";
  /** The authorisation the link was made through, if any. */
  authorisationId: string | null;
  /** The relative record the chat is linked as, if any. */
  relativeId: string | null;
  consentGiven: boolean;
  reachable: boolean;
  notificationsOff: boolean;
}

export interface AuthorisationFacts {
  id: string;
  relativeId: string;
  status: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  relativePhone: string | null;
}

export interface RecipientInput {
  chats: LinkedChat[];
  authorisations: AuthorisationFacts[];
  beneficiaryPhone: string | null;
  /** The payout day (authorisations are checked against it). */
  day: CalendarDate;
  /** How a message for this reader can reach a phone, if at all. */
  phoneChannel(audience: Audience): PhoneChannel | null;
  /**
   * The money went to someone else: the person must hear it themself — in their own chat, or else
   * on their own phone, even when relatives' chats are told too.
   */
  ownerMustKnow?: boolean;
}

export type Recipient =
  | { to: { identityId: string; channel: ChatChannel }; audience: Audience; skipped?: string }
  | { to: { phone: string; channel: PhoneChannel }; audience: Audience };

export function noticeRecipients(input: RecipientInput, optedOutReason: string): Recipient[] {
  const active = input.authorisations.filter((a) => isValidOn(a, input.day));
  const chats: Recipient[] = [];
  for (const chat of input.chats) {
    if (!chat.consentGiven || !chat.reachable || !isChatChannel(chat.channel)) continue;
    let audience: Audience = { kind: "self" };
    if (chat.role === "REPRESENTATIVE") {
      // Linked through an authorisation: only while that very authorisation holds on the day.
      if (chat.authorisationId && !active.some((a) => a.id === chat.authorisationId)) continue;
      const authorised = active.some(
        (a) => a.id === chat.authorisationId || (chat.relativeId !== null && a.relativeId === chat.relativeId),
      );
      audience = { kind: "relative", authorised };
    }
    const to = { identityId: chat.identityId, channel: chat.channel };
    chats.push(chat.notificationsOff ? { to, audience, skipped: optedOutReason } : { to, audience });
  }
  if (input.ownerMustKnow) {
    if (chats.some((c) => c.audience.kind === "self")) return chats;
    const own = input.beneficiaryPhone;
    const channel = own ? input.phoneChannel({ kind: "self" }) : null;
    return own && channel ? [...chats, { to: { phone: own, channel }, audience: { kind: "self" } }] : chats;
  }
  if (chats.length > 0) return chats;
  const relativePhone = active.find((a) => a.relativePhone)?.relativePhone ?? null;
  const phone = relativePhone ?? input.beneficiaryPhone;
  const audience: Audience = relativePhone ? { kind: "relative", authorised: true } : { kind: "self" };
  const channel = phone ? input.phoneChannel(audience) : null;
  return phone && channel ? [{ to: { phone, channel }, audience }] : [];
}

export function isValidOn(
  a: Pick<AuthorisationFacts, "status" | "validFrom" | "validUntil">,
  day: CalendarDate,
): boolean {
  return a.status === "APPROVED" && a.validFrom <= day && day <= a.validUntil;
}

function isChatChannel(channel: string): channel is ChatChannel {
  return isChannelName(channel);
}
