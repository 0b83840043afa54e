// The payout world of the chat tests (today 2026-07-15; August's period SCHEDULED, payout day the
// 5th from the commune's schedule) with chats attached directly, and a planner to run at a chosen
// moment with chosen settings.
import { loadConfig } from "../../src/config.ts";
import type { Reply } from "../../src/core/reply.ts";
import { reply as replySchema } from "../../src/core/reply.ts";
import { planPayoutNotices, type NoticeSummary } from "../../src/features/notifications/planPayoutNotices.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { seedPayoutWorld, type PayoutWorld } from "../chat/payoutWorld.ts";

export interface ChatOptions {
  channel?: "TELEGRAM" | "ZALO" | "WEB";
  role?: "SELF" | "REPRESENTATIVE";
  authorisationId?: string;
  relativeId?: string;
  notificationsOff?: boolean;
  reachable?: boolean;
  consent?: boolean;
}

let chats = 0;

/** A chat linked to a beneficiary, as the linking flow leaves it. */
export async function linkChat(prisma: PrismaClient, beneficiaryId: string, o: ChatOptions = {}): Promise<string> {
  const identity = await prisma.chatIdentity.create({
    data: {
      channel: o.channel ?? "WEB",
      platformUserId: `notice-chat-${++chats}`,
      beneficiaryId,
      relativeId: o.relativeId ?? null,
      linkedAt: new Date("2026-07-01T03:00:00Z"),
      consentAt: o.consent === false ? null : new Date("2026-07-01T03:00:00Z"),
      notificationsOff: o.notificationsOff ?? false,
      reachable: o.reachable ?? true,
    },
  });
  await prisma.chatLink.create({
    data: {
      identityId: identity.id,
      beneficiaryId,
      role: o.role ?? "SELF",
      via: o.authorisationId ? "AUTHORISATION" : "LINK_CODE",
      authorisationId: o.authorisationId ?? null,
    },
  });
  return identity.id;
}

export type Env = Record<string, string>;

export function plan(
  prisma: PrismaClient,
  at: string | Date,
  env: Env = {},
  chunkSize?: number,
): Promise<NoticeSummary> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env });
  return planPayoutNotices({ prisma, config, ...(chunkSize ? { chunkSize } : {}) }, new Date(at));
}

export interface Written {
  id: string;
  channel: string;
  identityId: string | null;
  phone: string | null;
  status: string;
  failureReason: string | null;
  noticeKey: string | null;
  dedupeKey: string | null;
  beneficiaryId: string | null;
  notBefore: Date;
  kind: string;
  reply: Reply;
}

/** The notice messages written, oldest first. */
export async function notices(
  prisma: PrismaClient,
  where: { noticeKey?: string; beneficiaryId?: string } = {},
): Promise<Written[]> {
  const rows = await prisma.outboundMessage.findMany({
    where: { kind: "NOTIFICATION", ...where },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...r, reply: replySchema.parse(r.reply) }));
}

export async function payoutOf(prisma: PrismaClient, beneficiaryId: string, month: string): Promise<string> {
  const p = await prisma.payout.findFirstOrThrow({
    where: { beneficiaryId, period: { month: new Date(`${month}T00:00:00.000Z`) } },
  });
  return p.id;
}

export { seedPayoutWorld, type PayoutWorld };
