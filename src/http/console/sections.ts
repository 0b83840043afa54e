// The console's sections: where each lives, who may open it, and its place in the menu. The router
// mounts each section behind its permissions and the menu shows the same list filtered by the
// signed-in role, so a page can never be in the menu of a role that the router turns away.
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { canAny, type Permission } from "../../features/staff/roles.ts";

export interface ConsoleSection {
  /** The menu label's key (console:nav.<key>) and the page's `active` value. */
  key: string;
  /** Under /console. */
  path: string;
  /** Any one of these opens the section. */
  anyOf: readonly Permission[];
  /** Listed in the menu (in this order). */
  menu: boolean;
}

export const SECTIONS = [
  { key: "dashboard", path: "/dashboard", anyOf: ["figures.view"], menu: true },
  { key: "beneficiaries", path: "/beneficiaries", anyOf: ["people.view"], menu: true },
  { key: "hotline", path: "/hotline", anyOf: ["hotline.queue", "hotline.assigned"], menu: true },
  { key: "requests", path: "/requests", anyOf: ["requests.review"], menu: true },
  { key: "collectors", path: "/collectors", anyOf: ["requests.review"], menu: true },
  { key: "postOffice", path: "/post-office", anyOf: ["payouts.deliver"], menu: true },
  { key: "imports", path: "/imports", anyOf: ["lists.import"], menu: true },
  { key: "exports", path: "/exports", anyOf: ["lists.export"], menu: true },
  { key: "linkCodes", path: "/link-codes", anyOf: ["people.linkCodes"], menu: true },
  // Slips carry link codes: whoever may print codes may print slips.
  { key: "slips", path: "/slips", anyOf: ["people.linkCodes"], menu: true },
  { key: "amountChecks", path: "/amount-checks", anyOf: ["lists.import"], menu: true },
  { key: "policy", path: "/policy", anyOf: ["policy.read"], menu: true },
  { key: "reach", path: "/reach", anyOf: ["figures.view"], menu: true },
  { key: "broadcasts", path: "/broadcasts", anyOf: ["broadcasts.manage"], menu: true },
  { key: "campaigns", path: "/campaigns", anyOf: ["broadcasts.manage"], menu: true },
  { key: "audit", path: "/audit", anyOf: ["audit.read"], menu: true },
] as const satisfies readonly ConsoleSection[];

export type SectionKey = (typeof SECTIONS)[number]["key"];

export function canOpen(role: StaffRole, section: ConsoleSection): boolean {
  return canAny(role, section.anyOf);
}

/** The menu of a role, in order. */
export function menuFor(role: StaffRole): ConsoleSection[] {
  return SECTIONS.filter((s) => s.menu && canOpen(role, s));
}
