// A small world for console tests: two provinces, three communes, people with payouts,
// accounts, relatives, an authorisation and a linked chat.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { foldVietnamese } from "../../src/lib/text.ts";

export interface World {
  provinces: { hn: string; hue: string };
  communes: { a: string; b: string; c: string };
  people: { dao: string; binh: string; cuong: string; an: string };
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

export async function seedWorld(prisma: PrismaClient): Promise<World> {
  const hn = await prisma.province.create({ data: { code: "901", name: "Tỉnh Thử Nghiệm" } });
  const hue = await prisma.province.create({ data: { code: "902", name: "Tỉnh Bên Cạnh" } });
  const a = await prisma.commune.create({ data: { code: "90101", name: "Xã Hòa An", provinceId: hn.id } });
  const b = await prisma.commune.create({
    data: { code: "90102", name: "Phường Đông Ba", kind: "PHUONG", provinceId: hn.id },
  });
  const c = await prisma.commune.create({ data: { code: "90201", name: "Xã Thủy Xuân", provinceId: hue.id } });

  const category = await prisma.benefitCategory.create({
    data: {
      code: "T_BTXH_OLD_80",
      programme: "BTXH",
      name: "Người cao tuổi từ đủ 80 tuổi",
      nameEn: "Older person aged 80+",
      rule: "COEFFICIENT",
      coefficient: "1.5",
      legalBasis: "Nghị định 20/2021/NĐ-CP",
    },
  });

  const person = (
    fullName: string,
    personalId: string,
    communeId: string,
    extra: Partial<{ phone: string; status: "ACTIVE" | "SUSPENDED"; programme: "BTXH" | "NCC" }> = {},
  ) =>
    prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d("1940-05-09"),
        sex: "FEMALE",
        communeId,
        programme: extra.programme ?? "BTXH",
        status: extra.status ?? "ACTIVE",
        phone: extra.phone ?? null,
        address: "Thôn 3",
      },
    });
  const dao = await person("Nguyễn Thị Đào", "001140123456", a.id, { phone: "0912345678" });
  const an = await person("Phạm Văn An", "001140555777", a.id, { programme: "NCC", status: "SUSPENDED" });
  const binh = await person("Trần Thị Bình", "001140987654", b.id);
  const cuong = await person("Nguyễn Thị Cúc", "046140111222", c.id);

  await prisma.beneficiaryCategory.create({
    data: { beneficiaryId: dao.id, categoryId: category.id, since: d("2024-07-01") },
  });
  const account = await prisma.payoutAccount.create({
    data: {
      beneficiaryId: dao.id,
      method: "BANK",
      provider: "Agribank",
      accountNumber: "1500205123456",
      accountLast4: "3456",
      holderName: "NGUYEN THI DAO",
      status: "VERIFIED",
    },
  });
  const point = await prisma.payoutPoint.create({
    data: { communeId: a.id, name: "Nhà văn hóa thôn 3", address: "Thôn 3, Xã Hòa An" },
  });
  const may = await prisma.payoutPeriod.create({ data: { month: d("2026-05-01"), status: "CLOSED" } });
  const june = await prisma.payoutPeriod.create({ data: { month: d("2026-06-01"), status: "SCHEDULED" } });
  await prisma.payout.create({
    data: {
      periodId: may.id,
      beneficiaryId: dao.id,
      amount: 750_000,
      method: "CASH_POINT",
      pointId: point.id,
      scheduledDate: d("2026-05-06"),
      windowStart: "07:30",
      windowEnd: "11:00",
      status: "PAID",
    },
  });
  await prisma.payout.create({
    data: {
      periodId: june.id,
      beneficiaryId: dao.id,
      amount: 1_250_000,
      method: "BANK",
      accountId: account.id,
      scheduledDate: d("2026-06-05"),
      status: "SCHEDULED",
    },
  });
  await prisma.payout.create({
    data: { periodId: june.id, beneficiaryId: binh.id, amount: 750_000, method: "CASH_HOME", status: "UNCOLLECTED" },
  });
  await prisma.payout.create({
    data: { periodId: june.id, beneficiaryId: cuong.id, amount: 750_000, method: "CASH_POINT", status: "PAID" },
  });

  const daughter = await prisma.relative.create({
    data: {
      beneficiaryId: dao.id,
      fullName: "Lê Thị Hoa",
      relation: "con",
      personalId: "001190222333",
      personalIdLast4: "2333",
      phone: "0987654321",
    },
  });
  await prisma.authorisation.create({
    data: {
      beneficiaryId: dao.id,
      relativeId: daughter.id,
      validFrom: d("2026-01-01"),
      validUntil: d("2026-12-31"),
      status: "APPROVED",
    },
  });
  await prisma.chatIdentity.create({
    data: {
      channel: "ZALO",
      platformUserId: "zalo-hoa",
      displayName: "Hoa",
      relativeId: daughter.id,
      linkedAt: new Date(),
      consentAt: new Date(),
    },
  });
  return {
    provinces: { hn: hn.id, hue: hue.id },
    communes: { a: a.id, b: b.id, c: c.id },
    people: { dao: dao.id, binh: binh.id, cuong: cuong.id, an: an.id },
  };
}
