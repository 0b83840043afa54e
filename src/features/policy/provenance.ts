// Who entered and who confirmed each row of the policy tables in force, keyed like the policy
// page's rows, so the page can show it beside each amount.
import type { PrismaClient } from "../../generated/prisma/client.ts";

export interface Provenance {
  enteredBy: string;
  confirmedBy: string | null;
}

export async function loadProvenance(
  db: Pick<PrismaClient, "policyBaseLevel" | "policyRateTable" | "provincialResolution">,
): Promise<Map<string, Provenance>> {
  const [levels, tables, resolutions] = await Promise.all([
    db.policyBaseLevel.findMany({
      select: { programme: true, effectiveFrom: true, enteredBy: true, confirmedBy: true },
    }),
    db.policyRateTable.findMany({
      select: { code: true, baseLevel: true, enteredBy: true, confirmedBy: true },
    }),
    db.provincialResolution.findMany({ select: { id: true, enteredBy: true, confirmedBy: true } }),
  ]);
  const out = new Map<string, Provenance>();
  for (const l of levels) out.set(`BASE_LEVEL:${l.programme}:${l.effectiveFrom.toISOString().slice(0, 10)}`, l);
  for (const r of tables) out.set(`RATE_TABLE:${r.code}:${r.baseLevel}`, r);
  for (const r of resolutions) out.set(`RESOLUTION:${r.id}`, r);
  return out;
}
