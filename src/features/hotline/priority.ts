// Who is answered first: missing money and suspected fraud can cost a person their allowance, so
// they are urgent; older people (75+) and people with disabilities come before the rest.
import type { TicketPriority } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { HotlineTopic } from "./protocol.ts";

interface Person {
  dateOfBirth: Date;
  categories: { category: { code: string } }[];
}

const OLDER_AGE = 75;

export function ticketPriority(topic: HotlineTopic, person: Person | null, today: CalendarDate): TicketPriority {
  if (topic === "payout_missing" || topic === "fraud") return "URGENT";
  if (
    person &&
    (ageOn(person.dateOfBirth, today) >= OLDER_AGE ||
      person.categories.some((c) => c.category.code.includes("DISABILITY")))
  )
    return "HIGH";
  if (topic === "death" || topic === "complaint") return "HIGH";
  return "NORMAL";
}

function ageOn(dob: Date, today: CalendarDate): number {
  const [y, m, d] = today.split("-").map(Number);
  const born = dob.toISOString().slice(0, 10).split("-").map(Number);
  const age = (y ?? 0) - (born[0] ?? 0);
  const beforeBirthday = (m ?? 0) < (born[1] ?? 0) || ((m ?? 0) === (born[1] ?? 0) && (d ?? 0) < (born[2] ?? 0));
  return beforeBirthday ? age - 1 : age;
}

const URGENCY: readonly TicketPriority[] = ["LOW", "NORMAL", "HIGH", "URGENT"];

/** Whether `a` must be answered before `b`. */
export function isMoreUrgent(a: TicketPriority, b: TicketPriority): boolean {
  return URGENCY.indexOf(a) > URGENCY.indexOf(b);
}
