// The one way anything other than a chat reply asks for a message to be sent: a row in the
// outbound table, written in the caller's transaction when it has one. The delivery engine picks
// it up, paces it to the platform's limits, retries it and records how it ended.
import type { ChannelName } from "../core/events.ts";
import type { Reply } from "../core/reply.ts";
import { toJsonValue } from "../lib/json.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export type OutboundKind = "REPLY" | "NOTIFICATION" | "BROADCAST" | "HOTLINE";

/**
 * Sending order: people waiting in a chat first, then hotline answers, then notices, then
 * broadcasts. Rows at or above INTERACTIVE_PRIORITY may be sent by any instance; the rest
 * ("bulk") only by the instance elected to send in bulk for that channel.
 */
export const PRIORITY: Record<OutboundKind, number> = { REPLY: 100, HOTLINE: 90, NOTIFICATION: 10, BROADCAST: 0 };
export const INTERACTIVE_PRIORITY = 50;

interface DraftBase {
  kind: Exclude<OutboundKind, "REPLY">;
  reply: Reply;
  /** Unique: a second enqueue with the same key is ignored (safe to repeat after a crash). */
  dedupeKey?: string;
  /** Shared by all rows of one notice (the person's chat, a relative's, a phone). */
  noticeKey?: string;
  /** The beneficiary the message is about. */
  beneficiaryId?: string;
  /** Not sent before this time (quiet hours, scheduled sends). */
  notBefore?: Date;
  broadcastDeliveryId?: string;
  ticketMessageId?: string;
  /** Written already final, with a reason (e.g. the person turned notices off): shown in reports. */
  skipped?: string;
}

/** To a chat the person uses (Telegram, Zalo, web chat): the identity decides the channel. */
export type ChatDraft = DraftBase & { to: { identityId: string; channel: ChannelName } };
/** To a phone number, by a ZNS template message or an SMS. */
export type PhoneDraft = DraftBase & { to: { phone: string; channel: "ZNS" | "SMS" } };
export type OutboundDraft = ChatDraft | PhoneDraft;

type Db = PrismaClient | Prisma.TransactionClient;

/** Writes the messages; returns how many were new (duplicates by dedupeKey are skipped). */
export async function enqueueOutbound(db: Db, drafts: OutboundDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const result = await db.outboundMessage.createMany({
    data: drafts.map((d) => ({ ...outboundRow(d), reply: toJsonValue(d.reply) })),
    skipDuplicates: true,
  });
  return result.count;
}

/**
 * The row a draft becomes, column by column. Every writer of drafts writes this (the notice planner
 * sends it to the database as JSON, where an absent `notBefore` or `status` takes its default).
 */
export function outboundRow(d: OutboundDraft) {
  return {
    channel: d.to.channel,
    identityId: "identityId" in d.to ? d.to.identityId : null,
    phone: "phone" in d.to ? d.to.phone : null,
    kind: d.kind,
    priority: PRIORITY[d.kind],
    reply: d.reply,
    dedupeKey: d.dedupeKey ?? null,
    noticeKey: d.noticeKey ?? null,
    beneficiaryId: d.beneficiaryId ?? null,
    broadcastDeliveryId: d.broadcastDeliveryId ?? null,
    ticketMessageId: d.ticketMessageId ?? null,
    ...(d.notBefore ? { notBefore: d.notBefore } : {}),
    ...(d.skipped ? { status: "SKIPPED" as const, failureReason: d.skipped } : {}),
  };
}
