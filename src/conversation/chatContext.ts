// Loads what a decision may know about the chat: who is linked, consent, language, settings.
import { isChannelName } from "../core/events.ts";
import { isLocale } from "../core/i18n.ts";
import { todayInVietnam } from "../lib/calendarDate.ts";
import type { ChatContext, ChatSettings, Tx } from "./brain.ts";

export async function loadChatContext(
  tx: Tx,
  identityId: string,
  now: Date,
  settings: ChatSettings,
  stateChangedAt: Date | null,
): Promise<ChatContext> {
  const identity = await tx.chatIdentity.findUniqueOrThrow({
    where: { id: identityId },
    include: {
      links: {
        orderBy: { linkedAt: "asc" },
        include: {
          beneficiary: { select: { fullName: true, sex: true, programme: true, commune: { select: { name: true } } } },
        },
      },
    },
  });
  const consentGiven = identity.consentAt !== null && identity.consentWithdrawnAt === null;
  const links = consentGiven
    ? identity.links.map((l) => ({
        beneficiaryId: l.beneficiaryId,
        fullName: l.beneficiary.fullName,
        role: l.role,
        communeName: l.beneficiary.commune.name,
        sex: l.beneficiary.sex,
        programme: l.beneficiary.programme,
      }))
    : [];
  if (!isChannelName(identity.channel)) throw new Error(`chat identity ${identityId} is not on a chat channel`);
  const openTicket = await tx.hotlineTicket.findFirst({
    where: { identityId, status: { in: ["NEW", "ASSIGNED", "WAITING_FOR_PERSON", "REOPENED"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true, number: true },
  });
  const active = links.find((l) => l.beneficiaryId === identity.beneficiaryId) ?? links[0] ?? null;
  return {
    identityId,
    channel: identity.channel,
    locale: isLocale(identity.locale) ? identity.locale : "vi",
    now,
    today: todayInVietnam(now),
    consentGiven,
    notificationsOff: identity.notificationsOff,
    links,
    activeBeneficiaryId: active?.beneficiaryId ?? null,
    idleMs: stateChangedAt ? now.getTime() - stateChangedAt.getTime() : null,
    settings,
    openTicket,
  };
}
