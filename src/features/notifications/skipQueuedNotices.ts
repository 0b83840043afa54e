// A person who turns notices off must not get the ones already waiting in the queue either. They
// are marked skipped with the reason, not deleted, so the officers' reports still show them.
import type { Prisma } from "../../generated/prisma/client.ts";

export async function skipQueuedNotices(
  tx: Prisma.TransactionClient,
  identityId: string,
  reason: string,
): Promise<number> {
  const skipped = await tx.outboundMessage.updateMany({
    where: { identityId, status: "QUEUED", kind: { in: ["NOTIFICATION", "BROADCAST"] } },
    data: { status: "SKIPPED", failureReason: reason },
  });
  return skipped.count;
}
