// What deciding who gets a person's message needs (noticeRecipients.ts), read with the person:
// their linked chats with each chat's state, and their approved authorisations with the relative's
// phone. Payout notices and broadcasts both read it this way.
import type { Prisma } from "../../generated/prisma/client.ts";
import { fromDbDate } from "../../lib/calendarDate.ts";
import type { AuthorisationFacts, LinkedChat } from "./noticeRecipients.ts";

/** The part of a beneficiary query that `recipientFacts` reads. */
export const RECIPIENT_FACTS_SELECT = {
  chatLinks: {
    select: {
      role: true,
      authorisationId: true,
      identity: {
        select: {
          id: true,
          channel: true,
          locale: true,
          consentAt: true,
          consentWithdrawnAt: true,
          reachable: true,
          notificationsOff: true,
          relativeId: true,
        },
      },
    },
  },
  authorisations: {
    where: { status: "APPROVED" },
    select: {
      id: true,
      relativeId: true,
      status: true,
      validFrom: true,
      validUntil: true,
      relative: { select: { phone: true } },
    },
  },
} satisfies Prisma.BeneficiarySelect;

type RecipientRow = Prisma.BeneficiaryGetPayload<{ select: typeof RECIPIENT_FACTS_SELECT }>;

export function recipientFacts(b: RecipientRow): {
  chats: (LinkedChat & { locale: string })[];
  authorisations: AuthorisationFacts[];
} {
  return {
    chats: b.chatLinks.map((l) => ({
      identityId: l.identity.id,
      channel: l.identity.channel,
      locale: l.identity.locale,
      role: l.role,
      authorisationId: l.authorisationId,
      relativeId: l.identity.relativeId,
      consentGiven: l.identity.consentAt !== null && l.identity.consentWithdrawnAt === null,
      reachable: l.identity.reachable,
      notificationsOff: l.identity.notificationsOff,
    })),
    authorisations: b.authorisations.map((a) => ({
      id: a.id,
      relativeId: a.relativeId,
      status: a.status,
      validFrom: fromDbDate(a.validFrom),
      validUntil: fromDbDate(a.validUntil),
      relativePhone: a.relative.phone,
    })),
  };
}
