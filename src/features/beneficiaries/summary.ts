// The figures on the console's home page, counted within the staff member's area.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { BeneficiaryStatus, PayoutStatus, Programme } from "../../generated/prisma/enums.ts";
import { fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";

export interface AreaSummary {
  total: number;
  byStatus: { status: BeneficiaryStatus; count: number }[];
  byProgramme: { programme: Programme; count: number }[];
  /** The most recent month with payouts in the area. */
  latestPeriod: {
    month: CalendarDate;
    byStatus: { status: PayoutStatus; count: number; amount: number }[];
  } | null;
}

export async function areaSummary(
  db: Pick<PrismaClient, "beneficiary" | "payout" | "payoutPeriod">,
  communeIds: string[] | null,
): Promise<AreaSummary> {
  const area = communeIds === null ? {} : { communeId: { in: communeIds } };
  const [byStatus, byProgramme, period] = await Promise.all([
    db.beneficiary.groupBy({ by: ["status"], where: area, _count: { _all: true }, orderBy: { status: "asc" } }),
    db.beneficiary.groupBy({ by: ["programme"], where: area, _count: { _all: true }, orderBy: { programme: "asc" } }),
    db.payoutPeriod.findFirst({
      where: { payouts: { some: { beneficiary: area } } },
      orderBy: { month: "desc" },
      select: { id: true, month: true },
    }),
  ]);
  const payouts = period
    ? await db.payout.groupBy({
        by: ["status"],
        where: { periodId: period.id, beneficiary: area },
        _count: { _all: true },
        _sum: { amount: true },
        orderBy: { status: "asc" },
      })
    : [];
  return {
    total: byStatus.reduce((n, s) => n + s._count._all, 0),
    byStatus: byStatus.map((s) => ({ status: s.status, count: s._count._all })),
    byProgramme: byProgramme.map((p) => ({ programme: p.programme, count: p._count._all })),
    latestPeriod: period
      ? {
          month: fromDbDate(period.month),
          byStatus: payouts.map((p) => ({ status: p.status, count: p._count._all, amount: p._sum.amount ?? 0 })),
        }
      : null,
  };
}
