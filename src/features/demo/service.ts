// On a fresh (demo) database: load the policy, then fill in the demo province once, so the bot and
// the consoles can be tried right away. Every start syncs the policy; the province is only
// inserted while there are no beneficiaries at all, so real data is never mixed with it.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Logger } from "../../lib/logger.ts";
import { loadPolicySeed } from "../policy/loadPolicy.ts";
import { seedPolicy } from "../policy/seedPolicy.ts";
import { hashPassword, verifyPassword } from "../staff/password.ts";
import { DEMO_STAFF } from "./demoStaff.ts";
import { generateDemoProvince } from "./generator.ts";
import { insertDemo } from "./insertDemo.ts";

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
}

// Two instances starting on one empty database take turns; the second then finds the data.
const DEMO_LOCK_KEY = 7_246_002;

export async function ensureDemoData(deps: {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  seed: number;
  count?: number;
}): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const { prisma, log } = deps;
  // The demo is priced with the shipped policy, its province's resolution included.
  const seed = await loadPolicySeed();
  await seedPolicy(prisma, seed);
  const policy = seed.policy;
  if (await hasBeneficiaries(prisma)) return { created: false, logins: await workingLogins(prisma) };

  const started = Date.now();
  const today = todayInVietnam(deps.clock.now());
  const data = generateDemoProvince({ seed: deps.seed, today, policy, count: deps.count });
  const staff = await Promise.all(
    DEMO_STAFF.map(async (s) => ({ ...s, passwordHash: await hashPassword(s.password) })),
  );
  const counts = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`;
      if (await hasBeneficiaries(tx)) return null;
      return insertDemo(tx, data, staff, deps.clock.now());
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  if (!counts) return { created: false, logins: await workingLogins(prisma) };
  log.info({ ...counts, seed: deps.seed, today, ms: Date.now() - started }, "demo province loaded");
  return { created: true, logins: await workingLogins(prisma) };
}

async function hasBeneficiaries(prisma: Pick<PrismaClient, "beneficiary">): Promise<boolean> {
  return (await prisma.beneficiary.findFirst({ select: { id: true } })) !== null;
}

// Only logins that still work are shown: a demo user whose password was changed is left out.
async function workingLogins(prisma: PrismaClient): Promise<DemoLogin[]> {
  const users = await prisma.staffUser.findMany({
    where: { username: { in: DEMO_STAFF.map((s) => s.username) }, active: true },
    select: { username: true, passwordHash: true, role: true },
  });
  const checked = await Promise.all(
    DEMO_STAFF.map(async (s) => {
      const user = users.find((u) => u.username === s.username);
      const works = user !== undefined && user.role === s.role && (await verifyPassword(s.password, user.passwordHash));
      return works ? { username: s.username, password: s.password, role: s.role } : null;
    }),
  );
  return checked.filter((l) => l !== null);
}
