// Names of the places and people the console shows next to ids: communes, provinces of an area,
// staff members.
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Commune names by id. */
export async function communeNames(
  db: Pick<PrismaClient, "commune">,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.commune.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The province codes an area's communes lie in; null (every province) for an area without limits. */
export async function areaProvinceCodes(
  db: Pick<PrismaClient, "commune">,
  communeIds: readonly string[] | null,
): Promise<string[] | null> {
  if (communeIds === null) return null;
  const communes = await db.commune.findMany({
    where: { id: { in: [...communeIds] } },
    select: { province: { select: { code: true } } },
  });
  return [...new Set(communes.map((c) => c.province.code))];
}

/** Provinces with their names, all of them or those with the given codes, by code. */
export async function listProvinces(
  db: Pick<PrismaClient, "province">,
  codes: readonly string[] | null,
): Promise<{ code: string; name: string }[]> {
  return db.province.findMany({
    where: codes === null ? {} : { code: { in: [...codes] } },
    select: { code: true, name: true },
    orderBy: { code: "asc" },
  });
}

/** Staff members' full names, by id. */
export async function staffNamesById(
  db: Pick<PrismaClient, "staffUser">,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.staffUser.findMany({ where: { id: { in: [...ids] } }, select: { id: true, fullName: true } });
  return new Map(rows.map((s) => [s.id, s.fullName]));
}

/** Staff members' full names, by username (how the audit log names them). */
export async function staffNamesByUsername(
  db: Pick<PrismaClient, "staffUser">,
  usernames: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.staffUser.findMany({
    where: { username: { in: [...usernames] } },
    select: { username: true, fullName: true },
  });
  return new Map(rows.map((s) => [s.username, s.fullName]));
}
