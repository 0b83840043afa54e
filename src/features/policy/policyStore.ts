// The policy as running services see it: read once, then kept until its version in the database
// moves. Each use costs one small read of the version, so a change confirmed in the console (on
// any instance) is used by the next chat answer and amount check without a restart.
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
      loading ??= readPolicy(db).finally(() => {
        loading = null;
      });
      const fresh = await loading;
      if (!cached || fresh.version >= cached.version) cached = fresh;
      return fresh.policy;
    },
  };
}
