// Two communes of one province, plus one of another, with one person for each way (or no way) a
// payout notice can reach them. Today is 2026-07-15.
//   Hòa An (A): Ánh own chat · Bảo own chat, notices off · Cúc blocked own chat + daughter's chat
//               (authorisation valid) · Dũng son's chat through an expired authorisation, own
//               phone · Em no chat, authorised niece with a phone · Giang consent withdrawn, no
//               phone · Hải suspended (not counted)
//   Đông Ba (B): Khoa nephew's chat linked by the officer's code · Lan nothing
//   Thủy Xuân (C, other province): Minh nothing
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { linkChat } from "./noticeWorld.ts";

export interface ReachWorld {
  communes: { a: string; b: string; c: string };
  codes: { a: string; b: string; c: string; province: string };
  people: Record<"anh" | "bao" | "cuc" | "dung" | "em" | "giang" | "hai" | "khoa" | "lan" | "minh", string>;
}

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
let serial = 0;

export async function seedReachWorld(prisma: PrismaClient): Promise<ReachWorld> {
  const p1 = await prisma.province.create({ data: { code: "931", name: "Tỉnh Liên Lạc" } });
  const p2 = await prisma.province.create({ data: { code: "932", name: "Tỉnh Khác" } });
  const a = await prisma.commune.create({ data: { code: "93101", name: "Xã Hòa An", provinceId: p1.id } });
  const b = await prisma.commune.create({
    data: { code: "93102", name: "Phường Đông Ba", kind: "PHUONG", provinceId: p1.id },
  });
  const c = await prisma.commune.create({ data: { code: "93201", name: "Xã Thủy Xuân", provinceId: p2.id } });

  const person = async (
    fullName: string,
    communeId: string,
    o: { phone?: string; status?: "ACTIVE" | "SUSPENDED" } = {},
  ) => {
    const personalId = `0931400${String(++serial).padStart(5, "0")}`;
    const row = await prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d("1942-03-04"),
        sex: "FEMALE",
        communeId,
        programme: "BTXH",
        status: o.status ?? "ACTIVE",
        phone: o.phone ?? null,
        address: `Thôn ${serial}`,
      },
    });
    return row.id;
  };
  const relative = async (beneficiaryId: string, fullName: string, phone: string | null, validUntil?: string) => {
    const r = await prisma.relative.create({ data: { beneficiaryId, fullName, relation: "con", phone } });
    const auth = validUntil
      ? await prisma.authorisation.create({
          data: {
            beneficiaryId,
            relativeId: r.id,
            validFrom: d("2026-01-01"),
            validUntil: d(validUntil),
            status: "APPROVED",
          },
        })
      : null;
    return { relativeId: r.id, authorisationId: auth?.id };
  };

  const anh = await person("Nguyễn Thị Ánh", a.id);
  await linkChat(prisma, anh);
  const bao = await person("Trần Văn Bảo", a.id, { phone: "0912000001" });
  await linkChat(prisma, bao, { notificationsOff: true });
  const cuc = await person("Lê Thị Cúc", a.id);
  await linkChat(prisma, cuc, { channel: "TELEGRAM", reachable: false });
  const cucDaughter = await relative(cuc, "Lê Thị Cam", null, "2026-12-31");
  await linkChat(prisma, cuc, { role: "REPRESENTATIVE", ...cucDaughter });
  const dung = await person("Phạm Văn Dũng", a.id, { phone: "0912000002" });
  const dungSon = await relative(dung, "Phạm Văn Đức", null, "2026-06-30");
  await linkChat(prisma, dung, { role: "REPRESENTATIVE", ...dungSon });
  const em = await person("Hồ Thị Em", a.id);
  await relative(em, "Hồ Thị Na", "0988000003", "2026-12-31");
  const giang = await person("Võ Thị Giang", a.id);
  const withdrawn = await linkChat(prisma, giang);
  await prisma.chatIdentity.update({ where: { id: withdrawn }, data: { consentWithdrawnAt: d("2026-07-01") } });
  const hai = await person("Đỗ Văn Hải", a.id, { status: "SUSPENDED" });

  const khoa = await person("Bùi Văn Khoa", b.id);
  const nephew = await relative(khoa, "Bùi Văn Nam", null);
  await linkChat(prisma, khoa, { role: "REPRESENTATIVE", relativeId: nephew.relativeId });
  const lan = await person("Đặng Thị Lan", b.id);
  const minh = await person("Mai Văn Minh", c.id);

  return {
    communes: { a: a.id, b: b.id, c: c.id },
    codes: { a: a.code, b: b.code, c: c.code, province: p1.code },
    people: { anh, bao, cuc, dung, em, giang, hai, khoa, lan, minh },
  };
}
