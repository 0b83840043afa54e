// Who may open which ticket. Agents answer people from the area they cover (and people whose area
// is not known yet); a commune officer sees only the tickets transferred to them, inside their
// communes. Anything else is reported as absent, like an unknown number.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { can } from "../staff/roles.ts";

export type TicketViewer = Pick<StaffContext, "id" | "role" | "communeIds">;

export function ticketAccess(staff: TicketViewer): Prisma.HotlineTicketWhereInput {
  if (can(staff.role, "hotline.queue")) {
    return staff.communeIds === null ? {} : { OR: [{ communeId: null }, { communeId: { in: staff.communeIds } }] };
  }
  if (can(staff.role, "hotline.assigned")) {
    return { assigneeId: staff.id, ...(staff.communeIds === null ? {} : { communeId: { in: staff.communeIds } }) };
  }
  // Other roles work from their own pages, not the hotline.
  return { id: "" };
}

/** Staff a ticket may be handed to: agents covering its area, or the officers of its commune. */
export function assigneeFilter(communeId: string | null): Prisma.StaffUserWhereInput {
  const agents: Prisma.StaffUserWhereInput = {
    role: "HOTLINE_AGENT",
    ...(communeId
      ? { scopes: { some: { OR: [{ communeId }, { province: { communes: { some: { id: communeId } } } }] } } }
      : {}),
  };
  const officers: Prisma.StaffUserWhereInput[] = communeId
    ? [{ role: "COMMUNE_OFFICER", scopes: { some: { communeId } } }]
    : [];
  return { active: true, OR: [agents, ...officers] };
}
