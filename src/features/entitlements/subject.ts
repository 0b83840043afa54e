// What the entitlement rules need to know about people and their payouts, read from the database
// and turned into plain values: calendar dates as "YYYY-MM-DD", money as integer VND, the personal
// ID already masked (it is never needed in full to check an amount).
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BeneficiaryStatus, PayoutLineKind, PayoutStatus, Programme } from "../../generated/prisma/enums.ts";
import { calendarDate, fromDbDate, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";

/** Works inside a transaction as well as on the client itself. */
export type EntitlementReader = Pick<PrismaClient, "beneficiary" | "payout" | "benefitCategory">;

export interface Subject {
  id: string;
  fullName: string;
  personalIdMasked: string;
  communeId: string;
  /** The province of the person's commune, whose resolutions apply. */
  provinceCode: string | null;
  programme: Programme;
  status: BeneficiaryStatus;
  /**
   * The day the status took effect (date of death, of the move) when known, else the Vietnam
   * calendar day it was recorded.
   */
  statusSince: CalendarDate | null;
  categories: { code: string; rate: number | null; since: CalendarDate | null }[];
}

export interface PaidLine {
  kind: PayoutLineKind;
  label: string;
  amount: number;
  categoryCode: string | null;
}

export interface PaidMonth {
  month: CalendarDate;
  amount: number;
  status: PayoutStatus;
  lines: PaidLine[];
}

const subjectSelect = {
  id: true,
  fullName: true,
  personalId: true,
  communeId: true,
  commune: { select: { province: { select: { code: true } } } },
  programme: true,
  status: true,
  statusChangedAt: true,
  statusEffectiveOn: true,
  categories: { select: { rate: true, since: true, category: { select: { code: true } } } },
} as const;

/** People matching the filter (one id, or the people paid in a month in some communes). */
export async function loadSubjects(
  prisma: EntitlementReader,
  where: { ids?: string[]; communeIds?: string[] | null },
): Promise<Subject[]> {
  const rows = await prisma.beneficiary.findMany({
    where: {
      ...(where.ids ? { id: { in: where.ids } } : {}),
      ...(where.communeIds ? { communeId: { in: where.communeIds } } : {}),
    },
    select: subjectSelect,
  });
  return rows.map((b) => ({
    id: b.id,
    fullName: b.fullName,
    personalIdMasked: mask(b.personalId),
    communeId: b.communeId,
    provinceCode: b.commune.province.code,
    programme: b.programme,
    status: b.status,
    statusSince: b.statusEffectiveOn
      ? fromDbDate(b.statusEffectiveOn)
      : b.statusChangedAt
        ? todayInVietnam(b.statusChangedAt)
        : null,
    categories: b.categories.map((c) => ({
      code: c.category.code,
      rate: c.rate,
      since: c.since ? fromDbDate(c.since) : null,
    })),
  }));
}

/** Payouts of the given months, keyed by `${beneficiaryId}:${month}`. */
export async function loadPaidMonths(
  prisma: EntitlementReader,
  where: { beneficiaryIds?: string[]; communeIds?: string[] | null; months: CalendarDate[] },
): Promise<Map<string, PaidMonth>> {
  const rows = await prisma.payout.findMany({
    where: {
      period: { month: { in: where.months.map(calendarDate) } },
      ...(where.beneficiaryIds ? { beneficiaryId: { in: where.beneficiaryIds } } : {}),
      ...(where.communeIds ? { beneficiary: { communeId: { in: where.communeIds } } } : {}),
    },
    select: {
      beneficiaryId: true,
      amount: true,
      status: true,
      period: { select: { month: true } },
      lines: { select: { kind: true, label: true, amount: true, categoryId: true }, orderBy: { position: "asc" } },
    },
  });
  // Payout lines name their category by id only; the codes are what the policy speaks.
  const categoryIds = [...new Set(rows.flatMap((r) => r.lines.map((l) => l.categoryId)).filter((id) => id !== null))];
  const categories = categoryIds.length
    ? await prisma.benefitCategory.findMany({ where: { id: { in: categoryIds } }, select: { id: true, code: true } })
    : [];
  const codeOf = new Map(categories.map((c) => [c.id, c.code]));
  const out = new Map<string, PaidMonth>();
  for (const r of rows) {
    const month = fromDbDate(r.period.month);
    out.set(`${r.beneficiaryId}:${month}`, {
      month,
      amount: r.amount,
      status: r.status,
      lines: r.lines.map((l) => ({
        kind: l.kind,
        label: l.label,
        amount: l.amount,
        categoryCode: l.categoryId ? (codeOf.get(l.categoryId) ?? null) : null,
      })),
    });
  }
  return out;
}

/**
 * The part of a payout that is the monthly allowance itself. A payout recorded without lines is
 * all monthly allowance (older lists carried only the total).
 */
export function regularAmount(paid: PaidMonth): number {
  if (paid.lines.length === 0) return paid.amount;
  return sumOf(paid.lines, (k) => k === "MONTHLY" || k === "SUPPLEMENT");
}

export function sumOf(lines: PaidLine[], kind: (k: PayoutLineKind) => boolean): number {
  return lines.filter((l) => kind(l.kind)).reduce((s, l) => s + l.amount, 0);
}
