// A second officer's approval, and cancelling.
// - Approval: by a different officer whose area covers every target commune; the creator never
//   approves their own broadcast. It is then sent at its time (at once when that has passed).
// - Cancel: a broadcast awaiting approval, scheduled or sending stops. Every message of it still
//   queued ends SKIPPED "cancelled", and so does its line in the report; messages already on the
//   wire finish and are reported as they end. Written under the broadcast's row lock, so the
//   broadcasts job never writes a chunk of messages after the cancel.
import { AppError } from "../../core/errors.ts";
import { z } from "zod";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/service.ts";
import { coversAll, staffArea, targetCommunes } from "./access.ts";

export const CANCELLED = "cancelled";

interface Decision {
  id: string;
  staffId: string;
  now: Date;
  ip?: string | null;
}

export async function approveBroadcast(db: PrismaClient, d: Decision): Promise<void> {
  const approver = await staffArea(db, d.staffId);
  const b = await db.broadcast.findUnique({
    where: { id: d.id },
    select: { status: true, createdById: true, audience: true, recipients: true },
  });
  if (!b || !approver?.officer || !coversAll(approver.communeIds, targetCommunes(b.audience)))
    throw new AppError("not_found", "Unknown broadcast");
  if (b.createdById === d.staffId) throw new AppError("forbidden", "A broadcast is approved by another officer");
  const done = await db.broadcast.updateMany({
    where: { id: d.id, status: "AWAITING_APPROVAL" },
    data: { status: "SCHEDULED", approvedById: d.staffId, approvedAt: d.now },
  });
  if (done.count === 0) throw new AppError("conflict", "The broadcast is not awaiting approval");
  await recordAudit(db, {
    staffId: d.staffId,
    actor: approver.username,
    action: "broadcast.approve",
    entity: "Broadcast",
    entityId: d.id,
    detail: { recipients: b.recipients },
    ip: d.ip ?? null,
  });
}

export async function cancelBroadcast(db: PrismaClient, d: Decision): Promise<{ skipped: number }> {
  const staff = await staffArea(db, d.staffId);
  const b = await db.broadcast.findUnique({ where: { id: d.id }, select: { audience: true } });
  if (!b || !staff?.officer || !coversAll(staff.communeIds, targetCommunes(b.audience)))
    throw new AppError("not_found", "Unknown broadcast");
  const skipped = await db.$transaction(async (tx) => {
    const locked = await queryRows(
      tx,
      z.object({ status: z.string() }),
      Prisma.sql`SELECT status::text FROM "Broadcast" WHERE id = ${d.id} FOR UPDATE`,
    );
    const status = locked[0]?.status;
    if (status !== "AWAITING_APPROVAL" && status !== "SCHEDULED" && status !== "SENDING") {
      throw new AppError("conflict", "The broadcast has already ended");
    }
    await tx.broadcast.update({
      where: { id: d.id },
      data: { status: "CANCELLED", cancelledAt: d.now, cancelledById: d.staffId, finishedAt: d.now },
    });
    return skipUnsent(tx, d.id, d.now);
  });
  await recordAudit(db, {
    staffId: d.staffId,
    actor: staff.username,
    action: "broadcast.cancel",
    entity: "Broadcast",
    entityId: d.id,
    detail: { skipped },
    ip: d.ip ?? null,
  });
  return { skipped };
}

/**
 * Ends what of a cancelled broadcast is not sent yet: its queued messages, and the report lines
 * whose message is not on the wire or done. Also run by the broadcasts job, for a message that
 * came back to the queue after the cancel (a retry, a phone fallback).
 */
export async function skipUnsent(
  tx: Prisma.TransactionClient | PrismaClient,
  broadcastId: string,
  now: Date,
): Promise<number> {
  await tx.$executeRaw`
    UPDATE "OutboundMessage" m SET status = 'SKIPPED', "failureReason" = ${CANCELLED}
    FROM "BroadcastDelivery" d
    WHERE m."broadcastDeliveryId" = d.id AND d."broadcastId" = ${broadcastId} AND m.status = 'QUEUED'`;
  return tx.$executeRaw`
    UPDATE "BroadcastDelivery" d SET status = 'SKIPPED', reason = ${CANCELLED}, "updatedAt" = ${now}
    WHERE d."broadcastId" = ${broadcastId} AND d.status IN ('QUEUED', 'SENDING')
      AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" m WHERE m."broadcastDeliveryId" = d.id AND m.status IN ('SENDING', 'SENT', 'FAILED'))`;
}
