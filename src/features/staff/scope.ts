// Which communes a staff member may see. Areas are stored as scopes (a whole province or one
// commune) and resolved on every request, so a scope change takes effect at once.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { ROLES } from "./roles.ts";

type ScopeReader = Pick<PrismaClient, "staffScope" | "commune">;

/** Commune ids the staff member may act on; null means every commune (admins). */
export async function resolveCommuneIds(db: ScopeReader, staffId: string, role: StaffRole): Promise<string[] | null> {
  const area = ROLES[role].area;
  if (area === "everywhere") return null;
  const scopes = await db.staffScope.findMany({ where: { staffId }, select: { provinceId: true, communeId: true } });
  const communeIds = new Set(scopes.flatMap((s) => (s.communeId ? [s.communeId] : [])));
  // A commune-scoped role works on its own communes only, even if a province is also on file.
  if (area === "communes") return [...communeIds].sort();
  // Province officers oversee every commune of their provinces; hotline agents answer anyone who
  // calls from the area they cover, so they see the same.
  const provinceIds = scopes.flatMap((s) => (s.provinceId ? [s.provinceId] : []));
  if (provinceIds.length > 0) {
    const communes = await db.commune.findMany({ where: { provinceId: { in: provinceIds } }, select: { id: true } });
    for (const c of communes) communeIds.add(c.id);
  }
  return [...communeIds].sort();
}

export interface AreaCommune {
  id: string;
  code: string;
  name: string;
  provinceName: string;
}

/** The communes of an area, for filters and pickers, sorted by province then name. */
export async function listAreaCommunes(
  db: Pick<PrismaClient, "commune">,
  communeIds: string[] | null,
): Promise<AreaCommune[]> {
  const communes = await db.commune.findMany({
    where: communeIds === null ? {} : { id: { in: communeIds } },
    select: { id: true, code: true, name: true, province: { select: { name: true } } },
    orderBy: [{ province: { name: "asc" } }, { name: "asc" }],
  });
  return communes.map((c) => ({ id: c.id, code: c.code, name: c.name, provinceName: c.province.name }));
}
