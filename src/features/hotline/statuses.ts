// Which ticket statuses still need someone: the person's messages go into these tickets.
import type { TicketStatus } from "../../generated/prisma/enums.ts";

export const OPEN_STATUSES: TicketStatus[] = ["NEW", "ASSIGNED", "WAITING_FOR_PERSON", "REOPENED"];
