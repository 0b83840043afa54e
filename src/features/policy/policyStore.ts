// The policy as running services see it: read once, then kept until its version in the database
// moves. Each use costs one small read of the version, so a change confirmed in the console (on
// any instance) is used by the next chat answer and amount check without a restart.
import { loadPolicy } from "./loadPolicy.ts";
import { policyVersion, readPolicy, type PolicyReader } from "./readPolicy.ts";
import type { Policy } from "./policySchema.ts";

export interface PolicyStore {
  /** The current policy; `db` may be a transaction. */
  current(db: PolicyReader): Promise<Policy>;
}

export function createPolicyStore(): PolicyStore {
  let cached: { version: number; policy: Policy } | null = null;
  let loading: Promise<{ version: number; policy: Policy }> | null = null;
  return {
    async current(db) {
      const version = await policyVersion(db);
      if (cached && cached.version === version) return cached.policy;
      // Several answers at once after a change share one load.
      loading ??= policyIn(db).finally(() => {
        loading = null;
      });
      const fresh = await loading;
      if (!cached || fresh.version >= cached.version) cached = fresh;
      return fresh.policy;
    },
  };
}

/**
 * The policy in the database, or, in a database the service has never seeded (no base level at
 * all: a tool run before the first start), the shipped files it would be seeded with.
 */
export async function policyIn(db: PolicyReader): Promise<{ version: number; policy: Policy; shipped: boolean }> {
  const stored = await readPolicy(db);
  if (stored.policy.baseLevels.length > 0) return { ...stored, shipped: false };
  return { version: stored.version, policy: await loadPolicy(), shipped: true };
}
