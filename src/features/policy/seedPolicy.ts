// Brings the policy shipped with the service into the database, on first start and on every
// upgrade: a row the files add is created; a row the files changed is updated only while no
// officer has changed it (origin SEED); an officer's row is never overwritten. Running it twice
// changes nothing. Any change moves the policy version, so running services reload.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { loadPolicySeed, type PolicySeed } from "./loadPolicy.ts";
import { amountKey } from "./policySchema.ts";
import { amountRow, baseLevelRow, categoryRow, fingerprint, rateTableRow, resolutionRow } from "./policyRows.ts";
import { bumpPolicyVersion, type PolicyTx } from "./policyVersion.ts";

export interface SeedCounts {
  created: number;
  updated: number;
  /** Rows the files would change but an officer owns. */
  kept: number;
}

// Two instances starting on one database take turns.
const SEED_LOCK_KEY = 7_246_015;

export async function seedPolicy(prisma: PrismaClient, seed: PolicySeed, log?: Logger): Promise<SeedCounts> {
  const counts = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      const c: SeedCounts = { created: 0, updated: 0, kept: 0 };
      const tally = (r: "created" | "updated" | "kept" | "same") => {
        if (r !== "same") c[r] += 1;
      };
      for (const l of seed.policy.baseLevels) tally(await seedBaseLevel(tx, l));
      for (const cat of seed.policy.categories) for (const r of await seedCategory(tx, cat)) tally(r);
      for (const t of seed.policy.rateTables) tally(await seedRateTable(tx, t));
      const provinces = new Set((await tx.province.findMany({ select: { code: true } })).map((p) => p.code));
      // A resolution waits until its province exists (the demo province is created after).
      for (const r of seed.resolutions.filter((x) => provinces.has(x.provinceCode))) tally(await seedResolution(tx, r));
      if (c.created + c.updated > 0) await bumpPolicyVersion(tx);
      else await tx.policyState.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
      return c;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (counts.created + counts.updated + counts.kept > 0)
    log?.info({ ...counts }, "policy data seeded from the shipped files");
  return counts;
}

/** Seeds the files shipped with the service (src/features/policy/data). */
export async function seedShippedPolicy(prisma: PrismaClient, log?: Logger): Promise<SeedCounts> {
  return seedPolicy(prisma, await loadPolicySeed(), log);
}

type Outcome = "created" | "updated" | "kept" | "same";

/** What to do with one seed row given the stored one. */
function decide(stored: { origin: string; seedHash: string | null } | null, hash: string): Outcome {
  if (!stored) return "created";
  if (stored.seedHash === hash) return "same";
  return stored.origin === "OFFICER" ? "kept" : "updated";
}

async function seedBaseLevel(tx: PolicyTx, l: PolicySeed["policy"]["baseLevels"][number]): Promise<Outcome> {
  const data = baseLevelRow(l);
  const hash = fingerprint(l);
  const where = { programme_effectiveFrom: { programme: data.programme, effectiveFrom: data.effectiveFrom } };
  const outcome = decide(
    await tx.policyBaseLevel.findUnique({ where, select: { origin: true, seedHash: true } }),
    hash,
  );
  if (outcome === "created") await tx.policyBaseLevel.create({ data: { ...data, seedHash: hash } });
  if (outcome === "updated") await tx.policyBaseLevel.update({ where, data: { ...data, seedHash: hash } });
  return outcome;
}

async function seedCategory(tx: PolicyTx, cat: PolicySeed["policy"]["categories"][number]): Promise<Outcome[]> {
  const { amounts, ...own } = cat;
  const hash = fingerprint(own);
  const stored = await tx.benefitCategory.findUnique({
    where: { code: cat.code },
    select: { id: true, origin: true, seedHash: true },
  });
  const outcomes: Outcome[] = [decide(stored, hash)];
  const data = categoryRow(own, amounts);
  const row =
    outcomes[0] === "created"
      ? await tx.benefitCategory.create({ data: { code: cat.code, ...data, seedHash: hash }, select: { id: true } })
      : outcomes[0] === "updated"
        ? await tx.benefitCategory.update({
            where: { code: cat.code },
            data: { ...data, seedHash: hash },
            select: { id: true },
          })
        : stored!;
  for (const a of amounts) {
    const amountHash = fingerprint(a);
    const where = { categoryId_key: { categoryId: row.id, key: amountKey(a) } };
    const outcome = decide(
      await tx.policyCategoryAmount.findUnique({ where, select: { origin: true, seedHash: true } }),
      amountHash,
    );
    if (outcome === "created")
      await tx.policyCategoryAmount.create({ data: { categoryId: row.id, ...amountRow(a), seedHash: amountHash } });
    if (outcome === "updated")
      await tx.policyCategoryAmount.update({ where, data: { ...amountRow(a), seedHash: amountHash } });
    outcomes.push(outcome);
  }
  return outcomes;
}

async function seedRateTable(tx: PolicyTx, t: PolicySeed["policy"]["rateTables"][number]): Promise<Outcome> {
  const hash = fingerprint(t);
  const where = { code_baseLevel: { code: t.code, baseLevel: t.baseLevel } };
  const stored = await tx.policyRateTable.findUnique({ where, select: { id: true, origin: true, seedHash: true } });
  const outcome = decide(stored, hash);
  const rows = { create: t.rows.map((r) => ({ rate: r.rate, amount: r.amount })) };
  if (outcome === "created") await tx.policyRateTable.create({ data: { ...rateTableRow(t), seedHash: hash, rows } });
  if (outcome === "updated" && stored) {
    await tx.policyRateRow.deleteMany({ where: { tableId: stored.id } });
    await tx.policyRateTable.update({ where, data: { ...rateTableRow(t), seedHash: hash, rows } });
  }
  return outcome;
}

async function seedResolution(tx: PolicyTx, r: PolicySeed["resolutions"][number]): Promise<Outcome> {
  const { key, ...value } = r;
  const hash = fingerprint(value);
  const stored = await tx.provincialResolution.findUnique({
    where: { seedKey: key },
    select: { origin: true, seedHash: true },
  });
  const outcome = decide(stored, hash);
  if (outcome === "created")
    await tx.provincialResolution.create({ data: { ...resolutionRow(value), seedKey: key, seedHash: hash } });
  if (outcome === "updated")
    await tx.provincialResolution.update({
      where: { seedKey: key },
      data: { ...resolutionRow(value), seedHash: hash },
    });
  return outcome;
}
