// The agent's side of the hotline: the alerts waiting for them and who a ticket may be handed to.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { assigneeFilter } from "./access.ts";

/** The newest alerts the staff member has not opened yet. */
export async function unseenAlerts(db: Pick<PrismaClient, "hotlineAlert">, staffId: string, take = 20) {
  return db.hotlineAlert.findMany({
    where: { staffId, seenAt: null },
    include: { ticket: { select: { number: true } } },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/** Opening a ticket answers the alerts about it. */
export async function markAlertsSeen(
  db: Pick<PrismaClient, "hotlineAlert">,
  staffId: string,
  ticketId: string,
  now: Date,
): Promise<void> {
  await db.hotlineAlert.updateMany({ where: { staffId, ticketId, seenAt: null }, data: { seenAt: now } });
}

/** Who else may take a ticket of this commune, by name. */
export async function possibleAssignees(
  db: Pick<PrismaClient, "staffUser">,
  communeId: string | null,
  exceptStaffId: string,
): Promise<{ id: string; fullName: string; role: StaffRole }[]> {
  return db.staffUser.findMany({
    where: { AND: [assigneeFilter(communeId), { id: { not: exceptStaffId } }] },
    select: { id: true, fullName: true, role: true },
    orderBy: { fullName: "asc" },
    take: 100,
  });
}
