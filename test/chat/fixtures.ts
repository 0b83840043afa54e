// A commune with a few beneficiaries for chat tests: one with a phone on record, one without, a
// daughter with an approved authorisation, and a nephew with none.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { foldVietnamese } from "../../src/lib/text.ts";

export interface ChatWorld {
  communeId: string;
  dao: string;
  ba: string;
  binh: string;
  hoa: string;
  authorisationId: string;
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

export async function seedChatWorld(prisma: PrismaClient): Promise<ChatWorld> {
  const province = await prisma.province.create({ data: { code: "911", name: "Tỉnh Trò Chuyện" } });
  const commune = await prisma.commune.create({ data: { code: "91101", name: "Xã Hòa An", provinceId: province.id } });
  const person = (fullName: string, personalId: string, dob: string, sex: "MALE" | "FEMALE", phone: string | null) =>
    prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d(dob),
        sex,
        communeId: commune.id,
        programme: "BTXH",
        phone,
      },
    });
  const dao = await person("Nguyễn Thị Đào", "001140123456", "1940-05-09", "FEMALE", "0912345678");
  const ba = await person("Trần Văn Ba", "001045777888", "1945-03-12", "MALE", null);
  const binh = await person("Lê Thị Bình", "001150999000", "1950-01-02", "FEMALE", "0987000111");
  const hoa = await prisma.relative.create({
    data: {
      beneficiaryId: dao.id,
      fullName: "Lê Thị Hoa",
      relation: "con",
      personalId: "001190222333",
      personalIdLast4: "2333",
    },
  });
  await prisma.relative.create({
    data: {
      beneficiaryId: dao.id,
      fullName: "Lê Văn Tư",
      relation: "cháu",
      personalId: "001095444555",
      personalIdLast4: "4555",
    },
  });
  const authorisation = await prisma.authorisation.create({
    data: {
      beneficiaryId: dao.id,
      relativeId: hoa.id,
      validFrom: d("2026-01-01"),
      validUntil: d("2026-12-31"),
      status: "APPROVED",
    },
  });
  return {
    communeId: commune.id,
    dao: dao.id,
    ba: ba.id,
    binh: binh.id,
    hoa: hoa.id,
    authorisationId: authorisation.id,
  };
}

/** A fresh printed code ("ABCD-EFGH") for one person. */
export async function codeFor(
  prisma: PrismaClient,
  world: ChatWorld,
  beneficiaryId: string,
  now: Date,
): Promise<string> {
  const issued = await issueLinkCodes(prisma, {
    communeId: world.communeId,
    beneficiaryIds: [beneficiaryId],
    onlyUnlinked: false,
    validDays: 30,
    now,
    staff: null,
  });
  const code = issued.codes[0];
  if (!code) throw new Error("no code issued");
  return code.displayCode;
}
