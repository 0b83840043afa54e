// What every console and API handler knows about the signed-in staff member.
import type { Response } from "express";
import type { StaffRole } from "../generated/prisma/enums.ts";
import { AppError } from "../core/errors.ts";

export interface StaffContext {
  id: string;
  username: string;
  fullName: string;
  role: StaffRole;
  locale: "vi" | "en";
  /** Communes this person may see and act on; null means every commune (admin). */
  communeIds: string[] | null;
  sessionId: string;
  csrfToken: string;
}

export function setStaff(res: Response, staff: StaffContext): void {
  res.locals.staff = staff;
}

/** The signed-in staff member; throws 401 when the route was reached without a session. */
export function getStaff(res: Response): StaffContext {
  const staff: unknown = res.locals.staff;
  if (!isStaffContext(staff)) throw new AppError("unauthenticated", "Not signed in");
  return staff;
}

export function maybeStaff(res: Response): StaffContext | undefined {
  const staff: unknown = res.locals.staff;
  return isStaffContext(staff) ? staff : undefined;
}

function isStaffContext(v: unknown): v is StaffContext {
  return typeof v === "object" && v !== null && "id" in v && "role" in v && "communeIds" in v;
}

/** Prisma filter restricting beneficiaries (or anything with a communeId) to the staff member's area. */
export function areaFilter(staff: StaffContext): { communeId?: { in: string[] } } {
  return staff.communeIds === null ? {} : { communeId: { in: staff.communeIds } };
}

export function canSeeCommune(staff: StaffContext, communeId: string): boolean {
  return staff.communeIds === null || staff.communeIds.includes(communeId);
}
