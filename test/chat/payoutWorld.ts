// The chat test commune with money: a payout point and its days (local practice, so data), four
// months of payouts around "today" (2026-07-15), and the policy categories the amounts come from.
//   Đào  — cash at the point; June and July not collected (carried over), May collected by her
//          daughter; August's payout has no day of its own, so the commune schedule gives it.
//   Ba   — paid into a bank account; July's transfer failed.
//   Bình — linked nowhere in particular, no payouts at all.
import type { Prisma, PrismaClient } from "../../src/generated/prisma/client.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { seedChatWorld, type ChatWorld } from "./fixtures.ts";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const MONTHS = ["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01"] as const;
export const DAO_MONTHLY = 1_000_000; // BTXH_OLD_80: 500,000 × 2.0
export const BA_MONTHLY = 750_000; // BTXH_OLD_60_80_POOR: 500,000 × 1.5

export interface PayoutWorld extends ChatWorld {
  pointName: string;
  pointAddress: string;
}

export async function seedPayoutWorld(prisma: PrismaClient): Promise<PayoutWorld> {
  const world = await seedChatWorld(prisma);
  await seedShippedPolicy(prisma);
  const category = (code: string) => prisma.benefitCategory.findUniqueOrThrow({ where: { code } });
  const old80 = await category("BTXH_OLD_80");
  const old60 = await category("BTXH_OLD_60_80_POOR");
  await prisma.beneficiaryCategory.create({ data: { beneficiaryId: world.dao, categoryId: old80.id } });
  await prisma.beneficiaryCategory.create({ data: { beneficiaryId: world.ba, categoryId: old60.id } });

  const point = await prisma.payoutPoint.create({
    data: { communeId: world.communeId, name: "Nhà văn hóa thôn 3", address: "Thôn 3, xã Hòa An" },
  });
  const periods: Record<string, string> = {};
  for (const month of MONTHS) {
    const period = await prisma.payoutPeriod.create({
      data: { month: d(month), status: month === "2026-08-01" ? "SCHEDULED" : "CLOSED" },
    });
    periods[month] = period.id;
    // This commune pays on the 5th, in the morning; the days are the commune's, not the bot's.
    await prisma.payoutSchedule.create({
      data: {
        periodId: period.id,
        communeId: world.communeId,
        pointId: point.id,
        date: d(`${month.slice(0, 8)}05`),
        startTime: "07:30",
        endTime: "11:00",
      },
    });
  }
  const account = await prisma.payoutAccount.create({
    data: {
      beneficiaryId: world.ba,
      method: "BANK",
      provider: "Vietcombank",
      accountNumber: "0071000123456789",
      accountLast4: "6789",
      holderName: "TRAN VAN BA",
      status: "VERIFIED",
    },
  });

  const monthly = (amount: number, categoryId: string, coefficient: number) => ({
    kind: "MONTHLY" as const,
    label: "Trợ cấp xã hội hằng tháng",
    amount,
    categoryId,
    baseLevel: 500_000,
    coefficient,
    legalBasis: "Nghị định 20/2021/NĐ-CP",
    position: 0,
  });
  const carried = (amount: number, label: string) => ({ kind: "CARRIED_OVER" as const, label, amount, position: 1 });
  const daoMonthly = () => monthly(DAO_MONTHLY, old80.id, 2);
  const cash = { method: "CASH_POINT" as const, pointId: point.id };
  type Fields = Omit<Prisma.PayoutUncheckedCreateInput, "periodId" | "beneficiaryId" | "amount" | "lines">;
  type Line = Omit<Prisma.PayoutLineUncheckedCreateInput, "payoutId">;
  const pay = (month: string, beneficiaryId: string, data: Fields & { lines: Line[] }) => {
    const { lines, ...rest } = data;
    return prisma.payout.create({
      data: {
        periodId: periods[month] ?? "",
        beneficiaryId,
        amount: lines.reduce((s, l) => s + l.amount, 0),
        ...rest,
        lines: { create: lines },
      },
    });
  };

  await pay("2026-05-01", world.dao, {
    ...cash,
    scheduledDate: d("2026-05-05"),
    status: "PAID",
    paidAt: new Date("2026-05-05T01:40:00Z"),
    receivedBy: "Lê Thị Hoa",
    authorisationId: world.authorisationId,
    lines: [daoMonthly()],
  });
  await pay("2026-06-01", world.dao, {
    ...cash,
    scheduledDate: d("2026-06-05"),
    status: "CARRIED_OVER",
    lines: [daoMonthly()],
  });
  await pay("2026-07-01", world.dao, {
    ...cash,
    scheduledDate: d("2026-07-05"),
    status: "CARRIED_OVER",
    lines: [daoMonthly(), carried(DAO_MONTHLY, "Tiền chưa nhận kỳ 06/2026 chuyển sang")],
  });
  // No day on the payout itself: the commune's schedule for August says when and where.
  await pay("2026-08-01", world.dao, {
    ...cash,
    status: "SCHEDULED",
    lines: [daoMonthly(), carried(2 * DAO_MONTHLY, "Tiền chưa nhận kỳ 07/2026 chuyển sang")],
  });

  const bank = { method: "BANK" as const, accountId: account.id };
  const baMonthly = () => monthly(BA_MONTHLY, old60.id, 1.5);
  await pay("2026-06-01", world.ba, {
    ...bank,
    scheduledDate: d("2026-06-05"),
    status: "PAID",
    paidAt: new Date("2026-06-05T02:00:00Z"),
    lines: [baMonthly()],
  });
  await pay("2026-07-01", world.ba, {
    ...bank,
    scheduledDate: d("2026-07-05"),
    status: "FAILED",
    statusNote: "Tài khoản đã bị khóa",
    lines: [baMonthly()],
  });
  await pay("2026-08-01", world.ba, {
    ...bank,
    scheduledDate: d("2026-08-05"),
    status: "SCHEDULED",
    lines: [baMonthly()],
  });

  return { ...world, pointName: point.name, pointAddress: point.address };
}
