// A small province with every case the dashboard counts, so each figure can be checked by hand.
// Today is 2026-07-15; periods May, June, July 2026 (July is shown by default).
//   An Phú (A):  An    own chat · BANK May/Jun/Jul · July notice delivered, June notice delivered
//                Bình  relative's chat, phone · May cash not collected 500,000 · EWALLET Jun/Jul ·
//                      July notice failed · account request pending
//                Cúc   phone only · June cash · July cash not collected 750,000 · July SMS notice
//                      delivered · a decided request
//                Dũng  suspended · July cash carried over 600,000 (counted as not collected)
//                Em    nothing · May MOBILE_MONEY only
//   Bình Minh (B): Khoa own chat · cash at home Jun/Jul · July notice skipped, reminder waiting
//                Lan   nothing · MOBILE_MONEY July · authorisation request pending
//   Cách Xa (C, another province): Minh own chat · BANK July · a pending request · an open ticket
// Tickets: A open NEW overdue, ASSIGNED moved on once, WAITING_FOR_PERSON past due, one resolved;
// B one NEW not yet due; one without a commune.
// Officers' messages (Vietnam time):
//   "Họp thôn" 10 July, done: An delivered, Bình failed, Cúc turned notices off, Em no way to
//                reach, Khoa delivered, Minh (other province) delivered
//   "Đổi điểm chi trả" 12 July, cancelled: Bình cancelled before sending, Khoa delivered
//   a campaign's send 14 July, sending: An queued, Khoa on the wire
//   "Chúc mừng" 1 July 00:00, done: Dũng delivered by SMS (July)
//   "Lịch chi tháng 6" 30 June 23:59, done: Cúc delivered by SMS (June)
//   "Tháng 8" created in July for August: not started, so no lines and nothing counted
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { NoticeKind, PayoutMethod, PayoutStatus } from "../../src/generated/prisma/enums.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { linkChat } from "../notifications/noticeWorld.ts";

export const NOW = new Date("2026-07-15T03:00:00Z");
const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const HOUR = 3600_000;

export interface DashboardWorld {
  communes: { a: string; b: string; c: string };
  codes: { a: string; b: string; c: string; province: string };
  periods: { may: string; jun: string; jul: string };
  people: Record<"an" | "binh" | "cuc" | "dung" | "em" | "khoa" | "lan" | "minh", string>;
}

let serial = 0;

export async function seedDashboardWorld(prisma: PrismaClient): Promise<DashboardWorld> {
  const p1 = await prisma.province.create({ data: { code: "941", name: "Tỉnh Kết Quả" } });
  const p2 = await prisma.province.create({ data: { code: "942", name: "Tỉnh Xa" } });
  const a = await prisma.commune.create({ data: { code: "94101", name: "Xã An Phú", provinceId: p1.id } });
  const b = await prisma.commune.create({
    data: { code: "94102", name: "Phường Bình Minh", kind: "PHUONG", provinceId: p1.id },
  });
  const c = await prisma.commune.create({ data: { code: "94201", name: "Xã Cách Xa", provinceId: p2.id } });
  const period = (month: string, status: "CLOSED" | "SCHEDULED") =>
    prisma.payoutPeriod.create({ data: { month: d(month), status } }).then((p) => p.id);
  const may = await period("2026-05-01", "CLOSED");
  const jun = await period("2026-06-01", "CLOSED");
  const jul = await period("2026-07-01", "SCHEDULED");

  const person = async (
    fullName: string,
    communeId: string,
    o: { phone?: string; status?: "ACTIVE" | "SUSPENDED" } = {},
  ) => {
    const personalId = `0941500${String(++serial).padStart(5, "0")}`;
    const row = await prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d("1944-02-03"),
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
  const payout = (
    beneficiaryId: string,
    periodId: string,
    method: PayoutMethod,
    status: PayoutStatus = "PAID",
    amount = 500_000,
  ) => prisma.payout.create({ data: { beneficiaryId, periodId, method, status, amount } }).then((p) => p.id);
  const notice = async (
    payoutId: string,
    beneficiaryId: string,
    kind: NoticeKind,
    to: { identityId: string } | { phone: string },
    status: "SENT" | "FAILED" | "SKIPPED" | "QUEUED",
  ) => {
    await prisma.payoutNotice.create({ data: { payoutId, kind, recipients: 1 } });
    const noticeKey = `notice:${kind}:${payoutId}`;
    const where =
      "identityId" in to
        ? { channel: "TELEGRAM" as const, identityId: to.identityId }
        : { channel: "SMS" as const, phone: to.phone };
    await prisma.outboundMessage.create({
      data: {
        ...where,
        kind: "NOTIFICATION",
        noticeKey,
        dedupeKey: `${noticeKey}:${serial++}`,
        beneficiaryId,
        status,
        reply: { text: [{ key: "notices:paid" }] },
        ...(status === "SENT" ? { sentAt: NOW } : {}),
        ...(status === "FAILED" ? { failureReason: "blocked" } : {}),
      },
    });
  };

  const an = await person("Nguyễn Thị An", a.id);
  const anChat = await linkChat(prisma, an, { channel: "TELEGRAM" });
  await payout(an, may, "BANK");
  const anJun = await payout(an, jun, "BANK");
  const anJul = await payout(an, jul, "BANK", "SCHEDULED");
  await notice(anJun, an, "PAID", { identityId: anChat }, "SENT");
  await notice(anJul, an, "SCHEDULED", { identityId: anChat }, "SENT");
  // A chat reply is not a notice.
  await prisma.outboundMessage.create({
    data: {
      channel: "TELEGRAM",
      identityId: anChat,
      kind: "REPLY",
      beneficiaryId: an,
      status: "SENT",
      reply: { text: [{ key: "chat:welcome" }] },
    },
  });

  const binh = await person("Trần Văn Bình", a.id, { phone: "0912000011" });
  const son = await prisma.relative.create({
    data: { beneficiaryId: binh, fullName: "Trần Văn Con", relation: "con" },
  });
  const binhChat = await linkChat(prisma, binh, { role: "REPRESENTATIVE", relativeId: son.id, channel: "TELEGRAM" });
  await payout(binh, may, "CASH_POINT", "UNCOLLECTED", 500_000);
  await payout(binh, jun, "EWALLET");
  const binhJul = await payout(binh, jul, "EWALLET", "SCHEDULED");
  await notice(binhJul, binh, "SCHEDULED", { identityId: binhChat }, "FAILED");
  await prisma.changeRequest.create({ data: { kind: "ACCOUNT", beneficiaryId: binh, data: {}, status: "PENDING" } });

  const cuc = await person("Lê Thị Cúc", a.id, { phone: "0912000012" });
  await payout(cuc, jun, "CASH_POINT");
  const cucJul = await payout(cuc, jul, "CASH_POINT", "UNCOLLECTED", 750_000);
  await notice(cucJul, cuc, "UNCOLLECTED", { phone: "0912000012" }, "SENT");
  await prisma.changeRequest.create({
    data: { kind: "UPDATE_INFO", beneficiaryId: cuc, data: {}, status: "APPROVED" },
  });

  const dung = await person("Phạm Văn Dũng", a.id, { status: "SUSPENDED" });
  await payout(dung, jul, "CASH_POINT", "CARRIED_OVER", 600_000);

  const em = await person("Hồ Thị Em", a.id);
  await payout(em, may, "MOBILE_MONEY");

  const khoa = await person("Bùi Văn Khoa", b.id);
  const khoaChat = await linkChat(prisma, khoa, { channel: "TELEGRAM" });
  await payout(khoa, jun, "CASH_HOME");
  const khoaJul = await payout(khoa, jul, "CASH_HOME", "SCHEDULED");
  await notice(khoaJul, khoa, "SCHEDULED", { identityId: khoaChat }, "SKIPPED");
  await notice(khoaJul, khoa, "REMINDER", { identityId: khoaChat }, "QUEUED");

  const lan = await person("Đặng Thị Lan", b.id);
  await payout(lan, jul, "MOBILE_MONEY", "SCHEDULED");
  await prisma.changeRequest.create({
    data: { kind: "AUTHORISATION", beneficiaryId: lan, data: {}, status: "PENDING" },
  });

  const minh = await person("Mai Văn Minh", c.id);
  await linkChat(prisma, minh, { channel: "TELEGRAM" });
  await payout(minh, jul, "BANK", "SCHEDULED");
  await prisma.changeRequest.create({ data: { kind: "ACCOUNT", beneficiaryId: minh, data: {}, status: "PENDING" } });

  const ticket = (
    communeId: string | null,
    o: {
      status: "NEW" | "ASSIGNED" | "WAITING_FOR_PERSON" | "RESOLVED";
      due: number;
      responded?: boolean;
      moved?: number;
      beneficiaryId?: string;
    },
  ) =>
    prisma.hotlineTicket.create({
      data: {
        communeId,
        topic: "payout",
        status: o.status,
        beneficiaryId: o.beneficiaryId ?? null,
        reassignments: o.moved ?? 0,
        firstResponseDueAt: new Date(NOW.getTime() + o.due * HOUR),
        ...(o.responded
          ? {
              firstRespondedAt: new Date(NOW.getTime() - 5 * HOUR),
              nextResponseDueAt: new Date(NOW.getTime() + o.due * HOUR),
            }
          : {}),
      },
    });
  await ticket(a.id, { status: "NEW", due: -1, beneficiaryId: an });
  await ticket(a.id, { status: "ASSIGNED", due: 2, responded: true, moved: 1, beneficiaryId: binh });
  await ticket(a.id, { status: "WAITING_FOR_PERSON", due: -3 });
  await ticket(a.id, { status: "RESOLVED", due: -10, moved: 2 });
  await ticket(b.id, { status: "NEW", due: 1, beneficiaryId: khoa });
  await ticket(null, { status: "NEW", due: -1 });
  await ticket(c.id, { status: "NEW", due: -1, beneficiaryId: minh });

  const officer = await prisma.staffUser.create({
    data: { username: "canbo.ketqua", fullName: "Cán Bộ Kết Quả", passwordHash: "-", role: "PROVINCE_OFFICER" },
  });
  type Line = [
    beneficiaryId: string,
    status: "QUEUED" | "SENDING" | "SENT" | "FAILED" | "SKIPPED",
    reason?: string,
    channel?: string,
  ];
  const broadcast = async (
    title: string,
    createdAt: string,
    status: "SCHEDULED" | "SENDING" | "DONE" | "CANCELLED",
    lines: Line[],
    campaignId?: string,
  ) => {
    const row = await prisma.broadcast.create({
      data: {
        title,
        template: { vi: title },
        audience: { communeIds: [a.id, b.id] },
        status,
        createdById: officer.id,
        createdAt: new Date(createdAt),
        recipients: lines.length,
        ...(campaignId ? { campaignId, fireKey: createdAt.slice(0, 10) } : {}),
      },
    });
    await prisma.broadcastDelivery.createMany({
      data: lines.map(([beneficiaryId, lineStatus, reason, channel]) => ({
        broadcastId: row.id,
        beneficiaryId,
        status: lineStatus,
        reason: reason ?? null,
        channel: channel ?? null,
      })),
    });
  };
  await broadcast("Họp thôn", "2026-07-10T02:00:00Z", "DONE", [
    [an, "SENT", undefined, "TELEGRAM"],
    [binh, "FAILED", "blocked", "TELEGRAM"],
    [cuc, "SKIPPED", "opted_out"],
    [em, "SKIPPED", "unreachable"],
    [khoa, "SENT", undefined, "TELEGRAM"],
    [minh, "SENT", undefined, "TELEGRAM"],
  ]);
  await broadcast("Đổi điểm chi trả", "2026-07-12T03:00:00Z", "CANCELLED", [
    [binh, "SKIPPED", "cancelled"],
    [khoa, "SENT", undefined, "TELEGRAM"],
  ]);
  const campaign = await prisma.campaign.create({
    data: {
      name: "Nhắc lịch",
      trigger: { kind: "beforePayout", days: 3 },
      audience: {},
      template: { vi: "Nhắc lịch" },
      communeIds: [a.id, b.id],
      createdById: officer.id,
    },
  });
  await broadcast(
    "Nhắc lịch · 14/07",
    "2026-07-14T01:00:00Z",
    "SENDING",
    [
      [an, "QUEUED", undefined, "TELEGRAM"],
      [khoa, "SENDING", undefined, "TELEGRAM"],
    ],
    campaign.id,
  );
  await broadcast("Chúc mừng", "2026-06-30T17:00:00Z", "DONE", [[dung, "SENT", undefined, "SMS"]]);
  await broadcast("Lịch chi tháng 6", "2026-06-30T16:59:59Z", "DONE", [[cuc, "SENT", undefined, "SMS"]]);
  await broadcast("Tháng 8", "2026-07-15T01:00:00Z", "SCHEDULED", []);

  return {
    communes: { a: a.id, b: b.id, c: c.id },
    codes: { a: a.code, b: b.code, c: c.code, province: p1.code },
    periods: { may, jun, jul },
    people: { an, binh, cuc, dung, em, khoa, lan, minh },
  };
}
