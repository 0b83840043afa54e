// Stores an inbound message once per act of the person. The key is the channel plus what the
// platform says identifies the act (Telegram: chat and message_id, or the callback query id; Zalo:
// msg_id; web chat: the page's message id), held only while the platform may re-send it. An
// expired key is released before the new message takes it: the same ids come round again when a
// platform starts counting anew, and that message is a new one.
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export type InboundRow = Omit<Prisma.InboundMessageCreateManyInput, "dedupeKey" | "dedupeUntil">;

/** True when the message was stored now; false when a copy within the re-send window was already. */
export async function storeOnce(prisma: PrismaClient, now: Date, windowMs: number, row: InboundRow): Promise<boolean> {
  const dedupeKey = `${row.channel}:${row.platformMessageId}`;
  const insert = async () =>
    (
      await prisma.inboundMessage.createMany({
        data: [{ ...row, dedupeKey, dedupeUntil: new Date(now.getTime() + windowMs) }],
        skipDuplicates: true,
      })
    ).count === 1;
  if (await insert()) return true;
  const released = await prisma.inboundMessage.updateMany({
    where: { dedupeKey, dedupeUntil: { lte: now } },
    data: { dedupeKey: null },
  });
  return released.count > 0 && (await insert());
}
