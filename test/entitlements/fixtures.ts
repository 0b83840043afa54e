// People and payouts for the entitlement tests: the real policy synced into the database, two
// communes in one province, and helpers that add a person with categories and a month's payout.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { BeneficiaryStatus, PayoutLineKind, PayoutStatus, Programme } from "../../src/generated/prisma/enums.ts";
import type { Policy } from "../../src/features/policy/policySchema.ts";
import { readPolicy } from "../../src/features/policy/readPolicy.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { foldVietnamese } from "../../src/lib/text.ts";

export interface Place {
  policy: Policy;
  communes: { hoaAn: string; dongBa: string };
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

export async function seedPlace(prisma: PrismaClient): Promise<Place> {
  await seedShippedPolicy(prisma);
  const { policy } = await readPolicy(prisma);
  const province = await prisma.province.create({ data: { code: "903", name: "Tỉnh Chính Sách" } });
  const hoaAn = await prisma.commune.create({ data: { code: "90301", name: "Xã Hòa An", provinceId: province.id } });
  const dongBa = await prisma.commune.create({
    data: { code: "90302", name: "Phường Đông Ba", kind: "PHUONG", provinceId: province.id },
  });
  return { policy, communes: { hoaAn: hoaAn.id, dongBa: dongBa.id } };
}

export interface PersonInput {
  name: string;
  communeId: string;
  programme: Programme;
  categories: { code: string; rate?: number; since?: string }[];
  status?: BeneficiaryStatus;
  statusChangedAt?: Date;
  /** The day the status took effect (date of death). */
  statusEffectiveOn?: string;
}

let serial = 0;

export async function addPerson(prisma: PrismaClient, p: PersonInput): Promise<string> {
  serial += 1;
  const personalId = `0011400${String(serial).padStart(5, "0")}`;
  const categories = await prisma.benefitCategory.findMany({
    where: { code: { in: p.categories.map((c) => c.code) } },
  });
  const person = await prisma.beneficiary.create({
    data: {
      personalId,
      personalIdLast4: personalId.slice(-4),
      fullName: p.name,
      fullNameAscii: foldVietnamese(p.name),
      dateOfBirth: d("1940-01-01"),
      sex: "FEMALE",
      communeId: p.communeId,
      programme: p.programme,
      status: p.status ?? "ACTIVE",
      statusChangedAt: p.statusChangedAt ?? null,
      statusEffectiveOn: p.statusEffectiveOn ? d(p.statusEffectiveOn) : null,
      categories: {
        create: p.categories.map((c) => ({
          categoryId: categories.find((k) => k.code === c.code)?.id ?? "",
          rate: c.rate ?? null,
          since: d(c.since ?? "2020-01-01"),
        })),
      },
    },
  });
  return person.id;
}

export interface LineInput {
  kind: PayoutLineKind;
  amount: number;
  label?: string;
  categoryCode?: string;
}

/** A payout for "YYYY-MM-01" whose amount is the sum of its lines. */
export async function addPayout(
  prisma: PrismaClient,
  beneficiaryId: string,
  month: string,
  lines: LineInput[],
  status: PayoutStatus = "PAID",
): Promise<void> {
  const period = await prisma.payoutPeriod.upsert({
    where: { month: d(month) },
    create: { month: d(month), status: "CLOSED" },
    update: {},
  });
  const codes = lines.flatMap((l) => (l.categoryCode ? [l.categoryCode] : []));
  const categories = await prisma.benefitCategory.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true },
  });
  await prisma.payout.create({
    data: {
      periodId: period.id,
      beneficiaryId,
      amount: lines.reduce((s, l) => s + l.amount, 0),
      method: "CASH_POINT",
      status,
      lines: {
        create: lines.map((l, i) => ({
          kind: l.kind,
          label: l.label ?? "Trợ cấp hằng tháng",
          amount: l.amount,
          categoryId: categories.find((c) => c.code === l.categoryCode)?.id ?? null,
          position: i,
        })),
      },
    },
  });
}
