// How a send ended, written back: one statement for the many that were sent, one for those going
// back to the queue, one per row for the rest. A notice that cannot reach the person one way is handed to the next (chat → phone by ZNS
// → phone by SMS), so nobody is dropped because their chat was closed.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { hotExecute } from "../db/hotRows.ts";
import type { Logger } from "../lib/logger.ts";
import type { Claimed } from "./claim.ts";

export type Outcome =
  | { row: Claimed; status: "SENT"; platformMessageId?: string }
  | { row: Claimed; status: "SKIPPED" | "FAILED"; reason: string; unreachable?: boolean; fallback: boolean }
  /** uncounted: it was not sent at all (no attempt used up). */
  | { row: Claimed; status: "RETRY"; reason: string; at: Date; uncounted?: boolean };

export interface OutcomeDeps {
  prisma: PrismaClient;
  log: Logger;
  owner: string;
  /** Phone channels that are configured, in the order to try them. */
  phoneRoutes: string[];
}

/** Writes the outcomes; returns the channels a message was handed on to (their lanes are started). */
export async function recordOutcomes(deps: OutcomeDeps, outcomes: Outcome[], now: Date): Promise<Set<string>> {
  const handedOn = new Set<string>();
  const { prisma, owner } = deps;
  const sent = outcomes.filter((o) => o.status === "SENT");
  if (sent.length > 0) {
    const values = Prisma.join(sent.map((o) => Prisma.sql`(${o.row.id}, ${o.platformMessageId ?? null})`));
    await hotExecute(
      prisma,
      Prisma.sql`
      UPDATE "OutboundMessage" m SET status = 'SENT', "sentAt" = ${now}::timestamp(3), "platformMessageId" = v.pmid,
        "failureReason" = NULL
      FROM (VALUES ${values}) AS v(id, pmid)
      WHERE m.id = v.id AND m.status = 'SENDING' AND m."claimedBy" = ${owner}`,
    );
  }
  const retry = outcomes.filter((o) => o.status === "RETRY");
  if (retry.length > 0) {
    // Back to the queue, in one statement too: on a busy machine many sends of a batch miss their
    // slot at once. One put back without being tried keeps its attempt (and its last reason).
    const values = Prisma.join(
      retry.map((o) => Prisma.sql`(${o.row.id}, ${o.at}::timestamp(3), ${o.uncounted === true}::boolean, ${o.reason})`),
    );
    await prisma.$executeRaw`
      UPDATE "OutboundMessage" m SET status = 'QUEUED', "notBefore" = v.at, "claimedBy" = NULL,
        attempts = CASE WHEN v.uncounted THEN m.attempts - 1 ELSE m.attempts END,
        "failureReason" = CASE WHEN v.uncounted THEN m."failureReason" ELSE v.reason END
      FROM (VALUES ${values}) AS v(id, at, uncounted, reason)
      WHERE m.id = v.id AND m.status = 'SENDING' AND m."claimedBy" = ${owner}`;
  }
  for (const o of outcomes) {
    if (o.status !== "SENT" && o.status !== "RETRY") {
      const finish = prisma.outboundMessage.updateMany({
        where: { id: o.row.id, status: "SENDING", claimedBy: owner },
        data: { status: o.status, failureReason: o.reason },
      });
      if (o.unreachable && o.row.identityId) {
        // Together: the chat's next message must not be taken between the two writes and sent anyway.
        await prisma.$transaction([
          prisma.chatIdentity.update({
            where: { id: o.row.identityId },
            data: { reachable: false, unreachableReason: o.reason },
          }),
          finish,
        ]);
        deps.log.info({ outboundId: o.row.id, channel: o.row.channel, reason: o.reason }, "recipient unreachable");
      } else {
        await finish;
      }
      if (o.fallback) {
        const next = await fallBack(deps, o.row, now);
        if (next) handedOn.add(next);
      }
    }
  }
  if (outcomes.some((o) => o.row.kind === "BROADCAST" && o.status !== "RETRY")) {
    const ids = outcomes.map((o) => o.row.id);
    // A broadcast's per-person line follows its message.
    await prisma.$executeRaw`
      UPDATE "BroadcastDelivery" b SET status = m.status, reason = m."failureReason", "updatedAt" = ${now}
      FROM "OutboundMessage" m WHERE m."broadcastDeliveryId" = b.id AND m.id IN (${Prisma.join(ids)})`;
  }
  return handedOn;
}

/**
 * The next way to reach the person about the same notice, when this one cannot: from a chat to
 * their phone (unless another chat of theirs or a relative's still carries the notice), from ZNS
 * to SMS. Written once (dedupe key per notice and route).
 */
async function fallBack(deps: OutcomeDeps, row: Claimed, now: Date): Promise<string | null> {
  if (!row.noticeKey || !row.beneficiaryId || (row.kind !== "NOTIFICATION" && row.kind !== "BROADCAST")) return null;
  const { prisma } = deps;
  const isPhone = row.channel === "ZNS" || row.channel === "SMS";
  const next = isPhone ? deps.phoneRoutes[deps.phoneRoutes.indexOf(row.channel) + 1] : deps.phoneRoutes[0];
  if (!next) return null;
  if (!isPhone) {
    const others = await prisma.outboundMessage.count({
      where: { noticeKey: row.noticeKey, id: { not: row.id }, status: { in: ["QUEUED", "SENDING", "SENT"] } },
    });
    if (others > 0) return null;
  }
  const phone =
    row.phone ??
    (await prisma.beneficiary.findUnique({ where: { id: row.beneficiaryId }, select: { phone: true } }))?.phone;
  if (!phone) return null;
  const original = await prisma.outboundMessage.findUnique({
    where: { id: row.id },
    select: { reply: true, broadcastDeliveryId: true },
  });
  if (!original) return null;
  await prisma.$transaction(async (tx) => {
    // A broadcast line points at one message: it moves to the one that carries on.
    if (original.broadcastDeliveryId)
      await tx.outboundMessage.update({ where: { id: row.id }, data: { broadcastDeliveryId: null } });
    await tx.outboundMessage.createMany({
      data: [
        {
          channel: next === "ZNS" ? "ZNS" : "SMS",
          phone,
          kind: row.kind === "BROADCAST" ? "BROADCAST" : "NOTIFICATION",
          priority: row.priority,
          reply: original.reply ?? {},
          dedupeKey: `${row.noticeKey}:phone:${next}`,
          noticeKey: row.noticeKey,
          beneficiaryId: row.beneficiaryId,
          broadcastDeliveryId: original.broadcastDeliveryId,
          // Due on the service's clock, like the message it replaces (not the database's).
          notBefore: now,
        },
      ],
      skipDuplicates: true,
    });
  });
  return next;
}
