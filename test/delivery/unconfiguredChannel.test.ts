// A service started without Zalo settings cannot send to a person whose only chat is Zalo: such a
// message ends FAILED "channel_not_configured" instead of waiting for ever, a notice goes to the
// person's phone by SMS instead, and a broadcast including them still finishes, with the reason
// in its report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbound } from "../../src/delivery/enqueue.ts";
import { createBroadcast } from "../../src/features/broadcasts/lifecycle.ts";
import { broadcastProgress } from "../../src/features/broadcasts/report.ts";
import { sendDueBroadcasts } from "../../src/features/broadcasts/send.ts";
import { startBroadcastHarness, type BroadcastHarness } from "../broadcasts/harness.ts";

describe("a person whose only chat is Zalo, on a service without Zalo", () => {
  let h: BroadcastHarness;
  let lan: { beneficiaryId: string; identityId: string };
  let mai: { beneficiaryId: string; identityId: string };

  beforeAll(async () => {
    h = await startBroadcastHarness();
    lan = await zaloOnlyPerson(h, "Đặng Thị Lan", "0913000021", "zalo-lan");
    mai = await zaloOnlyPerson(h, "Lý Thị Mai", null, "zalo-mai");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("gets a payout notice by SMS, and the Zalo message ends failed as not configured", async () => {
    const { prisma } = h.app;
    await enqueueOutbound(prisma, [
      {
        kind: "NOTIFICATION",
        to: { identityId: lan.identityId, channel: "ZALO" },
        reply: { text: [{ key: "chat:welcome", params: { name: "Đặng Thị Lan" } }] },
        dedupeKey: `notice:lan:${lan.identityId}`,
        noticeKey: "notice:lan",
        beneficiaryId: lan.beneficiaryId,
        notBefore: h.app.clock.now(),
      },
    ]);
    h.app.runtime.outbox.kick();

    await expect
      .poll(() => h.phones.delivered.filter((m) => m.phone === "84913000021").length, { timeout: 10_000 })
      .toBe(1);
    expect(h.phones.delivered.find((m) => m.phone === "84913000021")?.via).toBe("SMS");
    // The gateway's answer is written a moment after the gateway has the message.
    const rows = () =>
      prisma.outboundMessage.findMany({ where: { noticeKey: "notice:lan" }, orderBy: { createdAt: "asc" } });
    await expect
      .poll(async () => (await rows()).map((r) => [r.channel, r.status, r.failureReason]), { timeout: 10_000 })
      .toEqual([
        ["ZALO", "FAILED", "channel_not_configured"],
        ["SMS", "SENT", null],
      ]);
  });

  it("is part of a broadcast that still finishes, with the reason in its report", async () => {
    const { prisma } = h.app;
    const now = h.app.clock.now();
    const created = await createBroadcast(prisma, {
      title: "Họp tổ dân phố",
      template: { vi: "Kính mời bác {ho_ten} dự họp tổ dân phố." },
      audience: { communeIds: [h.world.communes.b] },
      createdById: h.staff.dong,
      scheduledAt: null,
      now,
    });
    expect(created).toMatchObject({ status: "SCHEDULED", recipients: 3 });
    await sendDueBroadcasts({ prisma, config: h.app.deps.config }, now);
    h.app.runtime.outbox.kick();

    // Khoa reads it on Telegram; Lan gets it by SMS; Mai has no phone: nobody can reach her.
    await h.telegram.waitForMessages(h.world.chatIds.khoa, 1);
    await expect
      .poll(() => h.phones.delivered.filter((m) => m.phone === "84913000021").length, { timeout: 10_000 })
      .toBe(2);
    await expect
      .poll(
        async () => {
          await sendDueBroadcasts({ prisma, config: h.app.deps.config }, h.app.clock.now());
          return (await broadcastProgress(prisma, created.id))?.status;
        },
        { timeout: 10_000 },
      )
      .toBe("DONE");
    const report = await broadcastProgress(prisma, created.id);
    expect(report?.failedBy).toEqual([{ reason: "channel_not_configured", count: 1 }]);
    const lines = await prisma.broadcastDelivery.findMany({ where: { broadcastId: created.id } });
    const line = (id: string) => lines.find((l) => l.beneficiaryId === id);
    expect(line(lan.beneficiaryId)?.status).toBe("SENT");
    expect([line(mai.beneficiaryId)?.status, line(mai.beneficiaryId)?.reason]).toEqual([
      "FAILED",
      "channel_not_configured",
    ]);
  });
});

let serial = 0;

/** An active beneficiary of Đông Ba whose one linked chat is a Zalo account. */
async function zaloOnlyPerson(
  h: BroadcastHarness,
  fullName: string,
  phone: string | null,
  zaloUserId: string,
): Promise<{ beneficiaryId: string; identityId: string }> {
  const { prisma } = h.app;
  const personalId = `09416000${String(++serial).padStart(4, "0")}`;
  const b = await prisma.beneficiary.create({
    data: {
      personalId,
      personalIdLast4: personalId.slice(-4),
      fullName,
      fullNameAscii: fullName,
      dateOfBirth: new Date("1941-03-04"),
      sex: "FEMALE",
      communeId: h.world.communes.b,
      programme: "BTXH",
      phone,
    },
  });
  const linkedAt = new Date("2026-07-01");
  const identity = await prisma.chatIdentity.create({
    data: { channel: "ZALO", platformUserId: zaloUserId, beneficiaryId: b.id, linkedAt, consentAt: linkedAt },
  });
  await prisma.chatLink.create({
    data: { identityId: identity.id, beneficiaryId: b.id, role: "SELF", via: "LINK_CODE" },
  });
  return { beneficiaryId: b.id, identityId: identity.id };
}
