// Who may see and act on a broadcast: an officer (not a hotline agent) whose area covers every
// commune the broadcast targets. To anyone else the broadcast does not exist.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { rolesWith } from "../staff/roles.ts";
import { resolveCommuneIds } from "../staff/scope.ts";
import { audienceSchema } from "./audience.ts";

export const BROADCAST_ROLES: StaffRole[] = rolesWith("broadcasts.manage");

export interface StaffArea {
  id: string;
  username: string;
  officer: boolean;
  /** null: every commune. */
  communeIds: string[] | null;
}

/** An active staff member's area; null when unknown or inactive. */
export async function staffArea(db: PrismaClient, staffId: string): Promise<StaffArea | null> {
  const staff = await db.staffUser.findUnique({
    where: { id: staffId },
    select: { id: true, username: true, role: true, active: true },
  });
  if (!staff?.active) return null;
  return {
    id: staff.id,
    username: staff.username,
    officer: BROADCAST_ROLES.includes(staff.role),
    communeIds: await resolveCommuneIds(db, staff.id, staff.role),
  };
}

export function coversAll(area: string[] | null, communeIds: string[]): boolean {
  if (area === null) return true;
  const own = new Set(area);
  return communeIds.every((c) => own.has(c));
}

/** The communes a stored audience targets (none when the stored value is unreadable). */
export function targetCommunes(audience: unknown): string[] {
  const parsed = audienceSchema.safeParse(audience);
  return parsed.success ? parsed.data.communeIds : [];
}

/** Whether a staff member with this role and area may see the broadcast. */
export function canSeeBroadcast(staff: { role: StaffRole; communeIds: string[] | null }, audience: unknown): boolean {
  const communes = targetCommunes(audience);
  return BROADCAST_ROLES.includes(staff.role) && communes.length > 0 && coversAll(staff.communeIds, communes);
}
