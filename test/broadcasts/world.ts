// Two communes of one province and one of another, with people in every situation a broadcast's
// filters tell apart. Today is 2026-07-15; the July payouts are this period.
//   Hòa An (A):
//     ann    BTXH · OLD80 · own Telegram chat 7001 (vi) · July cash at the point on 20/07, 750.000 đ
//     binh   BTXH · own Telegram chat 7002 (en) · July PAID by bank, verified account
//     chi    NCC · MARTYR · own Telegram chat 7003, notices off · July UNCOLLECTED cash
//     dao    NCC · no chat, phone 0912000004 · July SCHEDULED for 10/07 (past) by e-wallet, account pending
//     em     BTXH · no chat, no phone · June FAILED, nothing in July
//     giang  BTXH · OLD80 · daughter's Telegram chat 7006 (authorisation valid) · July cash at home
//     hai    BTXH · SUSPENDED (never in an audience)
//   Đông Ba (B): khoa BTXH · own Telegram chat 7010
//   Thủy Xuân (C, other province): minh BTXH · own Telegram chat 7020
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { foldVietnamese } from "../../src/lib/text.ts";

export const TODAY = "2026-07-15";
/** 10:00 in Vietnam on TODAY. */
export const MORNING = new Date("2026-07-15T03:00:00.000Z");

export interface BroadcastWorld {
  communes: { a: string; b: string; c: string };
  codes: { a: string; b: string; c: string; province: string; otherProvince: string };
  people: Record<"ann" | "binh" | "chi" | "dao" | "em" | "giang" | "hai" | "khoa" | "minh", string>;
  /** Telegram chat id of each person's message. */
  chatIds: { ann: string; binh: string; chi: string; giang: string; khoa: string; minh: string };
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
let serial = 0;

export async function seedBroadcastWorld(prisma: PrismaClient, prefix = "94"): Promise<BroadcastWorld> {
  const p1 = await prisma.province.create({ data: { code: `${prefix}1`, name: "Tỉnh Thông Báo" } });
  const p2 = await prisma.province.create({ data: { code: `${prefix}2`, name: "Tỉnh Bên Cạnh" } });
  const a = await prisma.commune.create({ data: { code: `${prefix}101`, name: "Xã Hòa An", provinceId: p1.id } });
  const b = await prisma.commune.create({
    data: { code: `${prefix}102`, name: "Phường Đông Ba", kind: "PHUONG", provinceId: p1.id },
  });
  const c = await prisma.commune.create({ data: { code: `${prefix}201`, name: "Xã Thủy Xuân", provinceId: p2.id } });
  const old80 = await prisma.benefitCategory.upsert({
    where: { code: "TEST_BC_OLD80" },
    update: {},
    create: {
      code: "TEST_BC_OLD80",
      programme: "BTXH",
      name: "Người cao tuổi từ 80 tuổi",
      nameEn: "Older person 80+",
      rule: "COEFFICIENT",
      coefficient: 1.5,
      legalBasis: "NĐ 20/2021",
    },
  });
  const martyr = await prisma.benefitCategory.upsert({
    where: { code: "TEST_BC_MARTYR" },
    update: {},
    create: {
      code: "TEST_BC_MARTYR",
      programme: "NCC",
      name: "Thân nhân liệt sĩ",
      nameEn: "Martyr's relative",
      rule: "MULTIPLE_OF_BASE",
      coefficient: 1,
      legalBasis: "NĐ 75/2021",
    },
  });
  const july = await prisma.payoutPeriod.upsert({
    where: { month: d("2026-07-01") },
    update: {},
    create: { month: d("2026-07-01"), status: "SCHEDULED" },
  });
  const june = await prisma.payoutPeriod.upsert({
    where: { month: d("2026-06-01") },
    update: {},
    create: { month: d("2026-06-01"), status: "CLOSED" },
  });
  const point = await prisma.payoutPoint.create({
    data: { communeId: a.id, name: "Nhà văn hóa thôn 3", address: "Thôn 3, xã Hòa An" },
  });

  const person = async (
    fullName: string,
    communeId: string,
    o: { programme?: "BTXH" | "NCC"; phone?: string; status?: "ACTIVE" | "SUSPENDED"; categoryId?: string } = {},
  ) => {
    const personalId = `0${prefix}1500${String(++serial).padStart(5, "0")}`;
    const row = await prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d("1940-02-03"),
        sex: "FEMALE",
        communeId,
        programme: o.programme ?? "BTXH",
        status: o.status ?? "ACTIVE",
        phone: o.phone ?? null,
        ...(o.categoryId ? { categories: { create: [{ categoryId: o.categoryId }] } } : {}),
      },
    });
    return row.id;
  };
  const chat = async (
    beneficiaryId: string,
    chatId: string,
    o: {
      locale?: string;
      notificationsOff?: boolean;
      role?: "SELF" | "REPRESENTATIVE";
      relativeId?: string;
      authorisationId?: string;
    } = {},
  ) => {
    const identity = await prisma.chatIdentity.create({
      data: {
        channel: "TELEGRAM",
        platformUserId: chatId,
        beneficiaryId,
        relativeId: o.relativeId ?? null,
        locale: o.locale ?? "vi",
        linkedAt: d("2026-07-01"),
        consentAt: d("2026-07-01"),
        notificationsOff: o.notificationsOff ?? false,
      },
    });
    await prisma.chatLink.create({
      data: {
        identityId: identity.id,
        beneficiaryId,
        role: o.role ?? "SELF",
        via: o.authorisationId ? "AUTHORISATION" : "LINK_CODE",
        authorisationId: o.authorisationId ?? null,
      },
    });
  };
  const payout = (
    beneficiaryId: string,
    o: {
      periodId?: string;
      amount: number;
      method: "BANK" | "EWALLET" | "CASH_POINT" | "CASH_HOME";
      status: "SCHEDULED" | "PAID" | "FAILED" | "UNCOLLECTED";
      date?: string;
      pointId?: string;
      accountId?: string;
    },
  ) =>
    prisma.payout.create({
      data: {
        periodId: o.periodId ?? july.id,
        beneficiaryId,
        amount: o.amount,
        method: o.method,
        status: o.status,
        scheduledDate: o.date ? d(o.date) : null,
        pointId: o.pointId ?? null,
        accountId: o.accountId ?? null,
        windowStart: o.method === "CASH_POINT" ? "07:30" : null,
        windowEnd: o.method === "CASH_POINT" ? "11:00" : null,
      },
    });

  const ann = await person("Nguyễn Thị Ánh", a.id, { categoryId: old80.id });
  await chat(ann, "7001");
  await payout(ann, {
    amount: 750_000,
    method: "CASH_POINT",
    status: "SCHEDULED",
    date: "2026-07-20",
    pointId: point.id,
  });

  const binh = await person("Trần Văn Bình", a.id);
  await chat(binh, "7002", { locale: "en" });
  const account = await prisma.payoutAccount.create({
    data: {
      beneficiaryId: binh,
      method: "BANK",
      provider: "Agribank",
      accountNumber: "1234567890",
      accountLast4: "7890",
      holderName: "TRAN VAN BINH",
      status: "VERIFIED",
      verifiedAt: d("2026-06-01"),
    },
  });
  await payout(binh, { amount: 500_000, method: "BANK", status: "PAID", date: "2026-07-05", accountId: account.id });

  const chi = await person("Lê Thị Chi", a.id, { programme: "NCC", categoryId: martyr.id });
  await chat(chi, "7003", { notificationsOff: true });
  await payout(chi, {
    amount: 2_789_000,
    method: "CASH_POINT",
    status: "UNCOLLECTED",
    date: "2026-07-08",
    pointId: point.id,
  });

  const dao = await person("Phạm Văn Đào", a.id, { programme: "NCC", phone: "0912000004" });
  await prisma.payoutAccount.create({
    data: {
      beneficiaryId: dao,
      method: "EWALLET",
      provider: "MoMo",
      accountNumber: "0912000004",
      accountLast4: "0004",
      holderName: "PHAM VAN DAO",
      status: "PENDING",
    },
  });
  await payout(dao, { amount: 2_789_000, method: "EWALLET", status: "SCHEDULED", date: "2026-07-10" });

  const em = await person("Hồ Thị Em", a.id);
  await payout(em, {
    periodId: june.id,
    amount: 500_000,
    method: "CASH_POINT",
    status: "FAILED",
    date: "2026-06-08",
    pointId: point.id,
  });

  const giang = await person("Võ Thị Giang", a.id, { categoryId: old80.id });
  const daughter = await prisma.relative.create({
    data: { beneficiaryId: giang, fullName: "Võ Thị Hoa", relation: "con", phone: "0988000006" },
  });
  const auth = await prisma.authorisation.create({
    data: {
      beneficiaryId: giang,
      relativeId: daughter.id,
      validFrom: d("2026-01-01"),
      validUntil: d("2026-12-31"),
      status: "APPROVED",
    },
  });
  await chat(giang, "7006", { role: "REPRESENTATIVE", relativeId: daughter.id, authorisationId: auth.id });
  await payout(giang, { amount: 750_000, method: "CASH_HOME", status: "SCHEDULED", date: "2026-07-18" });

  const hai = await person("Đỗ Văn Hải", a.id, { status: "SUSPENDED" });

  const khoa = await person("Bùi Văn Khoa", b.id);
  await chat(khoa, "7010");
  const minh = await person("Mai Văn Minh", c.id);
  await chat(minh, "7020");

  return {
    communes: { a: a.id, b: b.id, c: c.id },
    codes: { a: a.code, b: b.code, c: c.code, province: p1.code, otherProvince: p2.code },
    people: { ann, binh, chi, dao, em, giang, hai, khoa, minh },
    chatIds: { ann: "7001", binh: "7002", chi: "7003", giang: "7006", khoa: "7010", minh: "7020" },
  };
}
