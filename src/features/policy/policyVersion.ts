// The policy's version moves with every write, in the same transaction, so a reader either sees
// the old policy with the old version or the new policy with the new one.
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/** A transaction client (what `$transaction(async (tx) => …)` hands over). */
export type PolicyTx = Prisma.TransactionClient;

export async function bumpPolicyVersion(tx: Pick<PrismaClient, "policyState">): Promise<number> {
  const state = await tx.policyState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 }, changedAt: new Date() },
    select: { version: true },
  });
  return state.version;
}
