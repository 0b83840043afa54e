// What each staff role may do, and over which area: the one table the console's menu, its router,
// the JSON API and the feature rules read. Least privilege: a role gets what its daily work needs
// and nothing else (Law 91/2025 on personal data: access to sensitive data is limited to those who
// need it). A new role is one entry here (plus its value in the StaffRole enum and its name in the
// locales); TypeScript refuses to build while a role has no entry.
import { StaffRole } from "../../generated/prisma/enums.ts";

export const PERMISSIONS = [
  /** Search people of the area and open their records (numbers masked). */
  "people.view",
  /** Phone numbers in full; others see only the last two digits. */
  "people.phone",
  /** Show one person's full personal ID (audited, limited per hour). */
  "people.revealId",
  /** See and print the one-time codes that link a chat to a person. */
  "people.linkCodes",
  /** Hand a person a copy of their chat data, or erase it on their request. */
  "people.chatData",
  /** Review requests from the chats (authorisations, accounts, changes). */
  "requests.review",
  /** Load payout and beneficiary lists; check amounts against the rules. */
  "lists.import",
  /** Download lists (full IDs on the payout list). */
  "lists.export",
  /** Results dashboard and who can be reached. */
  "figures.view",
  /** Write, approve and send broadcasts and campaigns. */
  "broadcasts.manage",
  /** Read the audit log (own actions and the area's records). */
  "audit.read",
  /** Read the policy data: levels, categories, rate tables, provincial resolutions. */
  "policy.read",
  /** Enter and confirm policy changes (a second person confirms each; resolutions of own provinces). */
  "policy.edit",
  /** The whole hotline queue of the area. */
  "hotline.queue",
  /** Only the hotline tickets handed to this person. */
  "hotline.assigned",
  /** The post-office counter: find a person at the door, see what to hand over and to whom, record it. */
  "payouts.deliver",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * everywhere: every commune (administrators); provinces: every commune of the provinces on file,
 * plus single communes on file; communes: only the communes on file, even if a province is on file.
 */
export type AreaScope = "everywhere" | "provinces" | "communes";

export interface RoleDefinition {
  area: AreaScope;
  permissions: readonly Permission[];
}

const OFFICER_WORK: readonly Permission[] = [
  "people.view",
  "people.linkCodes",
  "people.chatData",
  "requests.review",
  "lists.import",
  "lists.export",
  "figures.view",
  "broadcasts.manage",
  "audit.read",
  "policy.read",
];

export const ROLES: Record<StaffRole, RoleDefinition> = {
  // Runs the service for every area: sees records and lists, but a full personal ID is revealed
  // only by an officer of the person's own area, and phone numbers stay masked.
  ADMIN: { area: "everywhere", permissions: [...OFFICER_WORK, "hotline.queue", "policy.edit"] },
  // Oversees the communes of a province; contacting people is the commune's work.
  PROVINCE_OFFICER: { area: "provinces", permissions: [...OFFICER_WORK, "people.revealId", "policy.edit"] },
  // Keeps the lists of their communes, calls and visits people, answers tickets handed to them.
  COMMUNE_OFFICER: {
    area: "communes",
    permissions: [...OFFICER_WORK, "people.revealId", "people.phone", "hotline.assigned"],
  },
  // Answers people who write or call from the area: records and phones to call back, no codes or
  // full IDs (either would let them link a chat as the person).
  HOTLINE_AGENT: { area: "provinces", permissions: ["people.view", "people.phone", "hotline.queue"] },
  // Hands cash to people at home in the communes on file: this month's payout of the person at the
  // door and who may collect it, nothing else (no records, lists, phones or full IDs).
  POST_OFFICE: { area: "communes", permissions: ["payouts.deliver"] },
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLES[role].permissions.includes(permission);
}

export function canAny(role: StaffRole, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(role, p));
}

/** Every role holding a permission (for queries such as "who may a ticket be handed to"). */
export function rolesWith(permission: Permission): StaffRole[] {
  return Object.values(StaffRole).filter((role) => can(role, permission));
}
