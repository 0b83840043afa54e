// "Tắt thông báo" / "Bật thông báo", written in the transaction of the message that asked. The
// choice is the person's (Law 91/2025: processing they can refuse), so it is audited under the
// chat's own name like linking is.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { recordAudit } from "../audit/service.ts";
import { skipQueuedNotices } from "./skipQueuedNotices.ts";

export const OPTED_OUT = "opted_out";

export async function setNotifications(tx: Tx, ctx: ChatContext, off: boolean): Promise<void> {
  await tx.chatIdentity.update({ where: { id: ctx.identityId }, data: { notificationsOff: off } });
  let skipped = off ? await skipQueuedNotices(tx, ctx.identityId, OPTED_OUT) : 0;
  if (off && ctx.channel === "SMS") {
    // HUY from a phone also stops what waits for that number without a chat (a notice by SMS or
    // ZNS to the phone on record); the outbox checks the same at sending time (claim.ts).
    const identity = await tx.chatIdentity.findUniqueOrThrow({
      where: { id: ctx.identityId },
      select: { platformUserId: true },
    });
    const toPhone = await tx.outboundMessage.updateMany({
      where: {
        phone: identity.platformUserId,
        identityId: null,
        status: "QUEUED",
        kind: { in: ["NOTIFICATION", "BROADCAST"] },
      },
      data: { status: "SKIPPED", failureReason: OPTED_OUT },
    });
    skipped += toPhone.count;
  }
  await recordAudit(tx, {
    actor: `chat:${ctx.identityId}`,
    action: off ? "chat.notifications.off" : "chat.notifications.on",
    entity: "chatIdentity",
    entityId: ctx.identityId,
    detail: { channel: ctx.channel, skipped },
  });
}
