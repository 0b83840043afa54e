// What of a person's record a staff role is shown (roles.ts): link codes only to those who print
// them, since a code links a chat as the person; phone numbers in full only to those who call
// people. The last two digits stay visible to confirm a number over the phone, never the last
// four, which a chat's identity check asks for.
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { mask } from "../../lib/redact.ts";
import { can } from "../staff/roles.ts";
import type { BeneficiaryDetail } from "./detail.ts";

export function maskPhone(phone: string): string {
  return mask(phone, 2);
}

export function detailShownTo(role: StaffRole, detail: BeneficiaryDetail): BeneficiaryDetail {
  const phones = can(role, "people.phone");
  const phone = (p: string | null) => (p === null || phones ? p : maskPhone(p));
  return {
    ...detail,
    phone: phone(detail.phone),
    relatives: detail.relatives.map((r) => ({ ...r, phone: phone(r.phone) })),
    linkCodes: can(role, "people.linkCodes") ? detail.linkCodes : [],
  };
}
