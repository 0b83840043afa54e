// Reads what a chunk of payouts needs for their notices in a handful of queries (not one per
// payout), so a province's 100,000 payouts are planned in a few hundred round trips.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { addMonths, calendarDate, fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { PAYOUT_VIEW_INCLUDE, payoutView, SCHEDULE_VIEW_INCLUDE } from "../payouts/repository.ts";
import type { PayoutView } from "../payouts/types.ts";
import type { AuthorisationFacts, LinkedChat } from "./noticeRecipients.ts";
import { RECIPIENT_FACTS_SELECT, recipientFacts } from "./recipientFacts.ts";

export interface NoticeSubject {
  payoutId: string;
  beneficiaryId: string;
  name: string;
  phone: string | null;
  payout: PayoutView;
  planned: { kind: NoticeKind; plannedAt: Date }[];
  chats: LinkedChat[];
  authorisations: AuthorisationFacts[];
  /** Months not collected in a row up to this payout's month (UNCOLLECTED, social assistance only). */
  missedInARow: number;
}

export async function loadNoticeBatch(prisma: PrismaClient, ids: string[], kind: NoticeKind): Promise<NoticeSubject[]> {
  const rows = await prisma.payout.findMany({
    where: { id: { in: ids } },
    include: {
      ...PAYOUT_VIEW_INCLUDE,
      notices: { select: { kind: true, plannedAt: true } },
      beneficiary: {
        select: {
          fullName: true,
          phone: true,
          communeId: true,
          programme: true,
          ...RECIPIENT_FACTS_SELECT,
        },
      },
    },
  });
  const schedules = await prisma.payoutSchedule.findMany({
    where: { periodId: { in: [...new Set(rows.map((r) => r.periodId))] }, communeId: { in: [...new Set(rows.map((r) => r.beneficiary.communeId))] } },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    include: SCHEDULE_VIEW_INCLUDE,
  });
  const months = rows.map((r) => fromDbDate(r.period.month)).sort();
  const missed = kind === "UNCOLLECTED" && months[0] ? await missedMonths(prisma, rows.map((r) => r.beneficiaryId), months[0]) : new Map<string, Set<CalendarDate>>();

  return rows.map((r) => {
    const b = r.beneficiary;
    const payout = payoutView(r, schedules.filter((s) => s.periodId === r.periodId && s.communeId === b.communeId));
    return {
      payoutId: r.id,
      beneficiaryId: r.beneficiaryId,
      name: b.fullName,
      phone: b.phone,
      payout,
      planned: r.notices,
      ...recipientFacts(b),
      // The 3-month suspension rule (Circular 02/2021 art. 2.3.a) is for social assistance only.
      missedInARow: b.programme === "BTXH" ? inARow(missed.get(r.beneficiaryId), payout.month) : 0,
    };
  });
}

/** The months each beneficiary did not collect, over the last few months. */
async function missedMonths(prisma: PrismaClient, beneficiaryIds: string[], earliest: CalendarDate): Promise<Map<string, Set<CalendarDate>>> {
  // A streak longer than the suspension rule's 3 months says nothing more.
  const since = calendarDate(addMonths(earliest, -6));
  const rows = await prisma.payout.findMany({
    where: { beneficiaryId: { in: beneficiaryIds }, status: { in: ["UNCOLLECTED", "CARRIED_OVER"] }, period: { month: { gte: since } } },
    select: { beneficiaryId: true, status: true, period: { select: { month: true } } },
  });
  const out = new Map<string, Set<CalendarDate>>();
  for (const r of rows) {
    const set = out.get(r.beneficiaryId) ?? new Set<CalendarDate>();
    set.add(fromDbDate(r.period.month));
    out.set(r.beneficiaryId, set);
  }
  return out;
}

/** Consecutive calendar months missed, counting back from `month` itself. */
function inARow(missed: Set<CalendarDate> | undefined, month: CalendarDate): number {
  let count = 0;
  while (missed?.has(addMonths(month, -count))) count++;
  return count;
}
