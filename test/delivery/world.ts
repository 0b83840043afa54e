// People for sending tests: each with a Telegram chat linked to their record (or only a phone),
// and notices queued for them the way payout notices are.
import { enqueueOutbound, type OutboundDraft } from "../../src/delivery/enqueue.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

export interface Recipient {
  beneficiaryId: string;
  /** Telegram chat id, when the person has a chat. */
  chatId?: number;
  identityId?: string;
  phone: string | null;
}

let provinceSeq = 0;

/** `count` people in a fresh commune; `withChat(i)` decides who has a chat, `phone(i)` their phone. */
export async function seedRecipients(
  prisma: PrismaClient,
  count: number,
  options: { withChat?: (i: number) => boolean; phone?: (i: number) => string | null; firstChatId?: number } = {},
): Promise<Recipient[]> {
  const seq = ++provinceSeq;
  const province = await prisma.province.create({
    data: { code: `9${seq}${Date.now() % 10000}`, name: `Tỉnh Gửi Tin ${seq}` },
  });
  const commune = await prisma.commune.create({
    data: { code: `C${province.code}`, name: "Xã Thử Gửi", provinceId: province.id },
  });
  const out: Recipient[] = [];
  const firstChat = options.firstChatId ?? 700_000 + seq * 10_000;
  for (let i = 0; i < count; i++) {
    const personalId = `0011${String(40 + (i % 50)).padStart(2, "0")}${String(seq * 100_000 + i).padStart(6, "0")}`;
    const phone = options.phone ? options.phone(i) : `09${String(10_000_000 + seq * 100_000 + i).slice(-8)}`;
    const b = await prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName: `Người Nhận ${i}`,
        fullNameAscii: `nguoi nhan ${i}`,
        dateOfBirth: new Date("1940-01-01"),
        sex: "FEMALE",
        communeId: commune.id,
        programme: "BTXH",
        phone,
      },
    });
    const r: Recipient = { beneficiaryId: b.id, phone };
    if (options.withChat?.(i) ?? true) {
      const chatId = firstChat + i;
      const identity = await prisma.chatIdentity.create({
        data: {
          channel: "TELEGRAM",
          platformUserId: String(chatId),
          beneficiaryId: b.id,
          linkedAt: new Date(),
          consentAt: new Date(),
        },
      });
      await prisma.chatLink.create({
        data: { identityId: identity.id, beneficiaryId: b.id, role: "SELF", via: "LINK_CODE" },
      });
      Object.assign(r, { chatId, identityId: identity.id });
    }
    out.push(r);
  }
  return out;
}

/** One notice per person, to their chat or else to their phone by `phoneChannel`. */
export async function queueNotices(
  prisma: PrismaClient,
  people: Recipient[],
  tag: string,
  phoneChannel: "ZNS" | "SMS" = "SMS",
): Promise<void> {
  const drafts: OutboundDraft[] = people.flatMap((p, i): OutboundDraft[] => {
    const base = {
      kind: "NOTIFICATION" as const,
      reply: { text: [{ key: "notices:reminder", params: reminderParams(`Người Nhận ${i}`) }] },
      noticeKey: `test:${tag}:${p.beneficiaryId}`,
      beneficiaryId: p.beneficiaryId,
    };
    if (p.identityId)
      return [
        { ...base, to: { identityId: p.identityId, channel: "TELEGRAM" }, dedupeKey: `test:${tag}:${p.identityId}` },
      ];
    if (p.phone)
      return [{ ...base, to: { phone: p.phone, channel: phoneChannel }, dedupeKey: `test:${tag}:${p.phone}` }];
    return [];
  });
  await enqueueOutbound(prisma, drafts);
}

/** Rows of a tagged notice by status. */
export async function noticeStatuses(prisma: PrismaClient, tag: string): Promise<Record<string, number>> {
  const rows = await prisma.outboundMessage.groupBy({
    by: ["status"],
    where: { noticeKey: { startsWith: `test:${tag}:` } },
    _count: true,
  });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

/** The parameters every payout notice carries (noticeReply.ts), for a reminder on 5 August. */
export function reminderParams(name: string) {
  return {
    name,
    month: "8/2026",
    amount: { vnd: 750_000 },
    date: { date: "2026-08-05" },
    time: "",
    place: "",
    address: "",
    account: "",
    provider: "",
    count: 0,
  };
}
