// Finding people in an officer's area: by name without diacritics, by the last digits of the
// personal ID, or by phone number.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BeneficiaryWhereInput } from "../../generated/prisma/models.ts";
import type { BeneficiaryStatus, PayoutMethod, Programme } from "../../generated/prisma/enums.ts";
import { fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { normalisePhone } from "../../lib/phone.ts";
import { mask } from "../../lib/redact.ts";
import { foldVietnamese } from "../../lib/text.ts";

export const PAGE_SIZE = 50;

export interface BeneficiaryQuery {
  q?: string;
  communeId?: string;
  programme?: Programme;
  status?: BeneficiaryStatus;
  /** 1-based. */
  page?: number;
}

export interface BeneficiaryRow {
  id: string;
  fullName: string;
  personalIdMasked: string;
  dateOfBirth: CalendarDate;
  communeId: string;
  communeName: string;
  programme: Programme;
  status: BeneficiaryStatus;
  /** Method of the most recent payout, if any. */
  latestPayoutMethod: PayoutMethod | null;
}

export interface BeneficiaryPage {
  rows: BeneficiaryRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** communeIds: the caller's area (null = everywhere). A commune outside it finds nobody. */
export async function searchBeneficiaries(
  db: Pick<PrismaClient, "beneficiary">,
  communeIds: string[] | null,
  query: BeneficiaryQuery,
): Promise<BeneficiaryPage> {
  const where = buildWhere(communeIds, query);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const [total, found] = await Promise.all([
    db.beneficiary.count({ where }),
    db.beneficiary.findMany({
      where,
      orderBy: [{ fullNameAscii: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        fullName: true,
        personalId: true,
        dateOfBirth: true,
        communeId: true,
        commune: { select: { name: true } },
        programme: true,
        status: true,
        payouts: { orderBy: { period: { month: "desc" } }, take: 1, select: { method: true } },
      },
    }),
  ]);
  return {
    rows: found.map((b) => ({
      id: b.id,
      fullName: b.fullName,
      personalIdMasked: mask(b.personalId),
      dateOfBirth: fromDbDate(b.dateOfBirth),
      communeId: b.communeId,
      communeName: b.commune.name,
      programme: b.programme,
      status: b.status,
      latestPayoutMethod: b.payouts[0]?.method ?? null,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    pageSize: PAGE_SIZE,
  };
}

function buildWhere(communeIds: string[] | null, query: BeneficiaryQuery): BeneficiaryWhereInput {
  const and: BeneficiaryWhereInput[] = [];
  if (communeIds !== null) and.push({ communeId: { in: communeIds } });
  if (query.communeId) and.push({ communeId: query.communeId });
  if (query.programme) and.push({ programme: query.programme });
  if (query.status) and.push({ status: query.status });
  const q = query.q?.trim() ?? "";
  if (q) {
    const digits = q.replace(/[\s.()+-]/g, "");
    if (/^\d+$/.test(digits)) {
      // Digits are either a personal ID, its end (officers read out the last 4-6) or a phone. IDs
      // are stored encrypted: a whole ID is matched through its keyed hash, an end of one through
      // the last four digits kept in clear (a longer end may also list people sharing those four).
      const phone = normalisePhone(q);
      and.push({ OR: [personalIdFilter(digits), phone ? { phone } : { phone: { endsWith: digits } }] });
    } else {
      // Every word must appear, so "nguyen dao" finds "Nguyễn Thị Đào".
      for (const word of foldVietnamese(q).split(" ").filter(Boolean)) {
        and.push({ fullNameAscii: { contains: word } });
      }
    }
  }
  return { AND: and };
}

function personalIdFilter(digits: string): BeneficiaryWhereInput {
  if (digits.length === 12) return { personalId: digits };
  if (digits.length <= 4) return { personalIdLast4: { endsWith: digits } };
  return { personalIdLast4: digits.slice(-4) };
}
