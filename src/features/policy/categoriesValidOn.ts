// The categories the law knows on a day, for whoever maps words on officers' lists ("thương binh",
// "điểm c khoản 5 Điều 5") to category codes: code, Vietnamese name, programme and legal basis,
// and for a category repealed by then, the one that replaced it.
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { categoryInForce } from "./priceCategory.ts";
import type { Policy, Programme } from "./policySchema.ts";

export interface ValidCategory {
  code: string;
  name: string;
  nameEn: string;
  programme: Programme;
  legalBasis: string;
}

/** Categories in force on `day` ("YYYY-MM-DD"), in code order. */
export function categoriesValidOn(policy: Policy, day: CalendarDate): ValidCategory[] {
  return policy.categories
    .filter((c) => categoryInForce(c, day) === "in")
    .map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, programme: c.programme, legalBasis: c.legalBasis }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A category the law had ended by `day`: what ended it and which category replaced it; else null. */
export function repealedOn(
  policy: Policy,
  code: string,
  day: CalendarDate,
): { legalBasis: string; effectiveTo: string; replacedBy: string | null } | null {
  const c = policy.categories.find((k) => k.code === code);
  if (!c || categoryInForce(c, day) !== "after") return null;
  return {
    legalBasis: c.repeal?.legalBasis ?? c.legalBasis,
    effectiveTo: c.effectiveTo ?? "",
    replacedBy: c.repeal?.replacedBy ?? null,
  };
}
