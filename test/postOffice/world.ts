// The console world (test/console/fixtures.ts) on 12 August 2026, with this month's payouts: Đào
// gets cash at home and her daughter Hoa holds an authorisation valid that day; Bình lives in
// another commune.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { seedWorld, type World } from "../console/fixtures.ts";

export const AUGUST_12 = new Date("2026-08-12T03:00:00Z");

export interface DoorWorld extends World {
  august: string;
  payouts: { dao: string; binh: string };
  authorisationId: string;
  hoa: string;
}

export async function seedDoorWorld(prisma: PrismaClient): Promise<DoorWorld> {
  const world = await seedWorld(prisma);
  const august = await prisma.payoutPeriod.create({
    data: { month: new Date("2026-08-01T00:00:00Z"), status: "SCHEDULED" },
  });
  const home = (beneficiaryId: string) =>
    prisma.payout.create({
      data: {
        periodId: august.id,
        beneficiaryId,
        amount: 750_000,
        method: "CASH_HOME",
        scheduledDate: new Date("2026-08-12T00:00:00Z"),
        lines: { create: [{ kind: "MONTHLY", label: "Trợ cấp xã hội hằng tháng", amount: 750_000 }] },
      },
    });
  const dao = await home(world.people.dao);
  const binh = await home(world.people.binh);
  const auth = await prisma.authorisation.findFirstOrThrow({
    where: { beneficiaryId: world.people.dao },
    select: { id: true, relativeId: true },
  });
  return {
    ...world,
    august: august.id,
    payouts: { dao: dao.id, binh: binh.id },
    authorisationId: auth.id,
    hoa: auth.relativeId,
  };
}
