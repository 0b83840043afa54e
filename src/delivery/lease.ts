// One elected sender per bot or OA for bulk messages: whoever holds the lease row sends notices
// and broadcasts; it renews the lease while alive, and when it dies the lease runs out and another
// instance takes over. Replies to people chatting do not wait for the election.
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";

const ownerRows = z.array(z.object({ owner: z.string() }));

export interface Lease {
  /** Takes or renews the lease; true while this instance holds it. `fresh` is true on a takeover. */
  acquire(nowMs: number): Promise<{ held: boolean; fresh: boolean }>;
  release(): Promise<void>;
}

export function createLease(prisma: PrismaClient, name: string, owner: string, ttlMs: number): Lease {
  let holding = false;
  return {
    async acquire(nowMs) {
      const now = new Date(nowMs);
      const until = new Date(nowMs + ttlMs);
      // Taken when free, expired, or already ours; one statement, so two instances cannot both win.
      const rows = ownerRows.parse(
        await prisma.$queryRaw`
        INSERT INTO "Lease" (name, owner, "expiresAt") VALUES (${name}, ${owner}, ${until})
        ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
          WHERE "Lease".owner = EXCLUDED.owner OR "Lease"."expiresAt" <= ${now}
        RETURNING owner`,
      );
      const held = rows.length === 1;
      const fresh = held && !holding;
      holding = held;
      return { held, fresh };
    },
    async release() {
      if (!holding) return;
      holding = false;
      await prisma.lease.deleteMany({ where: { name, owner } });
    },
  };
}
