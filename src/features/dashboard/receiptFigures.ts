// Money reaching its owner, per commune for one payout month, counted live (a few rows per
// commune, read through their indexes): payouts the post office recorded as handed over at the
// door (to the person, or to an authorised relative), and complaints — "Tôi chưa nhận được" from
// any channel, and complaints recorded at the door.
import type { PrismaClient } from "../../generated/prisma/client.ts";

export interface ReceiptFigures {
  communeId: string;
  communeName: string;
  confirmedSelf: number;
  confirmedRelative: number;
  notReceived: number;
  doorComplaints: number;
}

type Db = Pick<PrismaClient, "payoutVisit" | "nonReceiptReport" | "commune">;

export async function receiptFigures(db: Db, periodId: string, communeIds: string[] | null): Promise<ReceiptFigures[]> {
  const area = communeIds === null ? {} : { communeId: { in: communeIds } };
  const [visits, reports] = await Promise.all([
    db.payoutVisit.groupBy({
      by: ["communeId", "outcome"],
      where: { ...area, payout: { periodId }, outcome: { in: ["PAID_SELF", "PAID_RELATIVE", "COMPLAINT"] } },
      _count: { _all: true },
    }),
    db.nonReceiptReport.groupBy({
      by: ["communeId"],
      where: { ...area, payout: { periodId } },
      _count: { _all: true },
    }),
  ]);
  const ids = [...new Set([...visits.map((v) => v.communeId), ...reports.map((r) => r.communeId)])];
  const communes = await db.commune.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const count = (communeId: string, outcome: string) =>
    visits.find((v) => v.communeId === communeId && v.outcome === outcome)?._count._all ?? 0;
  return communes
    .map((c) => ({
      communeId: c.id,
      communeName: c.name,
      confirmedSelf: count(c.id, "PAID_SELF"),
      confirmedRelative: count(c.id, "PAID_RELATIVE"),
      notReceived: reports.find((r) => r.communeId === c.id)?._count._all ?? 0,
      doorComplaints: count(c.id, "COMPLAINT"),
    }))
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "vi"));
}
