// Two communes of one province and one of another, for campaign tests, around the end of June 2026:
//   Hòa An (93101):
//     Lan    July payout, no day of its own: the commune's July schedule says 02/07; authorisation
//            for her son ends 29/07; no payout account
//     Minh   June payout on 30/06; authorisation ends 29/07 but was renewed (a later one awaits
//            approval); a verified bank account
//     Hùng   July payout on 02/07 already paid; authorisation ends 30/07; an account not verified
//     Bảo    July payout on 03/07; a verified account
//     Sương  suspended; July payout on 02/07 and an authorisation ending 29/07 all the same
//   Đông Ba (93102): Tư, July payout on 02/07.   Thủy Xuân (93201, other province): nobody.
// Officers: two of Hòa An, one of Đông Ba, one of the province.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { StaffRole } from "../../src/generated/prisma/enums.ts";
import type { CampaignActor } from "../../src/features/broadcasts/campaignService.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { createStaff } from "../helpers/app.ts";

export const PASSWORD = "mat-khau-chien-dich-1";

export interface CampaignWorld {
  communes: { hoaAn: string; dongBa: string; thuyXuan: string };
  people: { lan: string; minh: string; hung: string; bao: string; suong: string; tu: string };
  officers: { hoaAn: CampaignActor; hoaAn2: CampaignActor; dongBa: CampaignActor; province: CampaignActor };
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

export async function seedCampaignWorld(prisma: PrismaClient): Promise<CampaignWorld> {
  const p = await prisma.province.create({ data: { code: "931", name: "Tỉnh Chiến Dịch" } });
  const q = await prisma.province.create({ data: { code: "932", name: "Tỉnh Láng Giềng" } });
  const hoaAn = await prisma.commune.create({ data: { code: "93101", name: "Xã Hòa An", provinceId: p.id } });
  const dongBa = await prisma.commune.create({
    data: { code: "93102", name: "Phường Đông Ba", kind: "PHUONG", provinceId: p.id },
  });
  const thuyXuan = await prisma.commune.create({ data: { code: "93201", name: "Xã Thủy Xuân", provinceId: q.id } });

  const person = (fullName: string, personalId: string, communeId: string, status: "ACTIVE" | "SUSPENDED" = "ACTIVE") =>
    prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d("1944-02-03"),
        sex: "FEMALE",
        communeId,
        programme: "BTXH",
        status,
        phone: null,
        address: "Thôn 1",
      },
    });
  const lan = await person("Nguyễn Thị Lan", "093144000001", hoaAn.id);
  const minh = await person("Trần Văn Minh", "093144000002", hoaAn.id);
  const hung = await person("Lê Văn Hùng", "093144000003", hoaAn.id);
  const bao = await person("Phạm Văn Bảo", "093144000004", hoaAn.id);
  const suong = await person("Đỗ Thị Sương", "093144000005", hoaAn.id, "SUSPENDED");
  const tu = await person("Võ Văn Tư", "093144000006", dongBa.id);

  const june = await prisma.payoutPeriod.create({ data: { month: d("2026-06-01"), status: "SCHEDULED" } });
  const july = await prisma.payoutPeriod.create({ data: { month: d("2026-07-01"), status: "SCHEDULED" } });
  const point = await prisma.payoutPoint.create({
    data: { communeId: hoaAn.id, name: "Nhà văn hóa thôn 1", address: "Thôn 1, Xã Hòa An" },
  });
  await prisma.payoutSchedule.create({
    data: {
      periodId: july.id,
      communeId: hoaAn.id,
      pointId: point.id,
      date: d("2026-07-02"),
      startTime: "07:30",
      endTime: "11:00",
    },
  });
  const payout = (
    periodId: string,
    beneficiaryId: string,
    day: string | null,
    status: "SCHEDULED" | "PAID" = "SCHEDULED",
  ) =>
    prisma.payout.create({
      data: {
        periodId,
        beneficiaryId,
        amount: 750_000,
        method: "CASH_POINT",
        ...(day ? { scheduledDate: d(day) } : { pointId: point.id }),
        status,
      },
    });
  await payout(july.id, lan.id, null);
  await payout(june.id, minh.id, "2026-06-30");
  await payout(july.id, hung.id, "2026-07-02", "PAID");
  await payout(july.id, bao.id, "2026-07-03");
  await payout(july.id, suong.id, "2026-07-02");
  await payout(july.id, tu.id, "2026-07-02");

  const authorise = async (
    beneficiaryId: string,
    until: string,
    status: "APPROVED" | "PENDING" = "APPROVED",
    relativeId?: string,
  ) => {
    const rel =
      relativeId ??
      (await prisma.relative.create({ data: { beneficiaryId, fullName: "Người Nhà", relation: "con" } })).id;
    await prisma.authorisation.create({
      data: { beneficiaryId, relativeId: rel, validFrom: d("2025-07-30"), validUntil: d(until), status },
    });
    return rel;
  };
  await authorise(lan.id, "2026-07-29");
  const minhSon = await authorise(minh.id, "2026-07-29");
  await authorise(minh.id, "2027-07-29", "PENDING", minhSon);
  await authorise(hung.id, "2026-07-30");
  await authorise(suong.id, "2026-07-29");

  const account = (beneficiaryId: string, status: "VERIFIED" | "PENDING", n: string) =>
    prisma.payoutAccount.create({
      data: {
        beneficiaryId,
        method: "BANK",
        provider: "Agribank",
        accountNumber: n,
        accountLast4: n.slice(-4),
        holderName: "X",
        status,
      },
    });
  await account(minh.id, "VERIFIED", "1500000000002");
  await account(hung.id, "PENDING", "1500000000003");
  await account(bao.id, "VERIFIED", "1500000000004");

  const officer = async (
    username: string,
    role: StaffRole,
    area: { communeCodes?: string[]; provinceCodes?: string[] },
    communeIds: string[],
  ): Promise<CampaignActor> => {
    const s = await createStaff(prisma, { username, password: PASSWORD, role, fullName: username, ...area });
    return { id: s.id, username, role, communeIds };
  };
  return {
    communes: { hoaAn: hoaAn.id, dongBa: dongBa.id, thuyXuan: thuyXuan.id },
    people: { lan: lan.id, minh: minh.id, hung: hung.id, bao: bao.id, suong: suong.id, tu: tu.id },
    officers: {
      hoaAn: await officer("xa.hoaan", "COMMUNE_OFFICER", { communeCodes: ["93101"] }, [hoaAn.id]),
      hoaAn2: await officer("xa.hoaan2", "COMMUNE_OFFICER", { communeCodes: ["93101"] }, [hoaAn.id]),
      dongBa: await officer("xa.dongba", "COMMUNE_OFFICER", { communeCodes: ["93102"] }, [dongBa.id]),
      province: await officer("tinh.cd", "PROVINCE_OFFICER", { provinceCodes: ["931"] }, [hoaAn.id, dongBa.id].sort()),
    },
  };
}

/** 08:00 in Vietnam on that day, a campaign's default send time. */
export const eight = (day: string, hhmm = "08:00") => new Date(`${day}T${hhmm}:00+07:00`);

export const TEXT = {
  vi: "Kính gửi {ho_ten}: ngày {ngay} bác nhận {so_tien}.",
  en: "Dear {name}: on {date} you receive {amount}.",
};
