// The post-office worker at a person's door: find them (by name, with or without diacritics, or
// the last digits of the personal ID) among the communes the worker serves, see this month's
// payout and who may collect it today (an approved authorisation valid on that day, the relative's
// ID masked), and record what happened. Nothing here reads more than the door needs: no phone, no
// full ID, no history. Every lookup is audited by the console route that asks.
import type { PrismaClient, Prisma } from "../../generated/prisma/client.ts";
import type { BeneficiaryStatus, PayoutMethod, PayoutStatus, VisitOutcome } from "../../generated/prisma/enums.ts";
import { calendarDate, firstOfMonth, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { foldVietnamese } from "../../lib/text.ts";

const MASK = "••••••••";
export const DOOR_RESULTS = 20;

export interface DoorRow {
  id: string;
  fullName: string;
  personalIdMasked: string;
  birthYear: number;
  address: string | null;
  communeName: string;
  status: BeneficiaryStatus;
}

type Reader = Pick<PrismaClient, "beneficiary" | "payout" | "authorisation">;

/** People of the worker's communes matching a name or the last digits of their ID (at most 20). */
export async function findAtDoor(db: Reader, communeIds: string[], q: string): Promise<DoorRow[]> {
  const query = q.trim();
  if (!query || communeIds.length === 0) return [];
  const and: Prisma.BeneficiaryWhereInput[] = [{ communeId: { in: communeIds } }];
  const digits = query.replace(/[\s.]/g, "");
  if (/^\d+$/.test(digits)) {
    // Only the last four digits are kept in clear; a longer end is matched on its last four.
    and.push({ personalIdLast4: digits.length <= 4 ? { endsWith: digits } : digits.slice(-4) });
  } else {
    for (const word of foldVietnamese(query).split(" ").filter(Boolean))
      and.push({ fullNameAscii: { contains: word } });
  }
  const found = await db.beneficiary.findMany({
    where: { AND: and },
    orderBy: [{ fullNameAscii: "asc" }, { id: "asc" }],
    take: DOOR_RESULTS,
    select: {
      id: true,
      fullName: true,
      personalIdLast4: true,
      dateOfBirth: true,
      address: true,
      status: true,
      commune: { select: { name: true } },
    },
  });
  return found.map((b) => ({
    id: b.id,
    fullName: b.fullName,
    personalIdMasked: MASK + b.personalIdLast4,
    birthYear: b.dateOfBirth.getUTCFullYear(),
    address: b.address,
    communeName: b.commune.name,
    status: b.status,
  }));
}

export interface Receiver {
  authorisationId: string;
  fullName: string;
  relation: string;
  personalIdMasked: string | null;
  validUntil: CalendarDate;
}

export interface DoorCard extends DoorRow {
  communeId: string;
  /** First day of this month. */
  month: CalendarDate;
  payout: {
    id: string;
    amount: number;
    method: PayoutMethod;
    status: PayoutStatus;
    receivedBy: string | null;
    paidAt: Date | null;
  } | null;
  /** Who may collect for the person today. */
  receivers: Receiver[];
  /** What was recorded at this door this month, newest first. */
  visits: { outcome: VisitOutcome; at: Date }[];
}

/** One person of the worker's communes, as the door needs them; null outside the communes. */
export async function doorCard(
  db: Reader & Pick<PrismaClient, "payoutVisit">,
  communeIds: string[],
  beneficiaryId: string,
  today: CalendarDate,
): Promise<DoorCard | null> {
  const b = await db.beneficiary.findFirst({
    where: { id: beneficiaryId, communeId: { in: communeIds } },
    select: {
      id: true,
      fullName: true,
      personalIdLast4: true,
      dateOfBirth: true,
      address: true,
      status: true,
      communeId: true,
      commune: { select: { name: true } },
    },
  });
  if (!b) return null;
  const month = firstOfMonth(today);
  const day = calendarDate(today);
  const [payout, authorisations, visits] = await Promise.all([
    db.payout.findFirst({
      where: { beneficiaryId, period: { month: calendarDate(month) } },
      select: { id: true, amount: true, method: true, status: true, receivedBy: true, paidAt: true },
    }),
    validReceivers(db, beneficiaryId, day),
    db.payoutVisit.findMany({
      where: { beneficiaryId, createdAt: { gte: calendarDate(month) } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { outcome: true, createdAt: true },
    }),
  ]);
  return {
    id: b.id,
    fullName: b.fullName,
    personalIdMasked: MASK + b.personalIdLast4,
    birthYear: b.dateOfBirth.getUTCFullYear(),
    address: b.address,
    communeName: b.commune.name,
    status: b.status,
    communeId: b.communeId,
    month,
    payout,
    receivers: authorisations,
    visits: visits.map((v) => ({ outcome: v.outcome, at: v.createdAt })),
  };
}

/** Approved authorisations valid on the day (both ends included), with the relative masked. */
export async function validReceivers(
  db: Pick<PrismaClient, "authorisation">,
  beneficiaryId: string,
  day: Date,
): Promise<Receiver[]> {
  const found = await db.authorisation.findMany({
    where: { beneficiaryId, status: "APPROVED", validFrom: { lte: day }, validUntil: { gte: day } },
    orderBy: [{ validFrom: "asc" }, { id: "asc" }],
    select: {
      id: true,
      validUntil: true,
      relative: { select: { fullName: true, relation: true, personalIdLast4: true } },
    },
  });
  return found.map((a) => ({
    authorisationId: a.id,
    fullName: a.relative.fullName,
    relation: a.relative.relation,
    personalIdMasked: a.relative.personalIdLast4 ? MASK + a.relative.personalIdLast4 : null,
    validUntil: fromDbDate(a.validUntil),
  }));
}
