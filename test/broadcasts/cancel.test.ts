// Cancelling a broadcast while it is being sent: the sender is slowed to two messages a second, the
// officer cancels after the first few, and nothing more goes out beyond what was already on the
// wire; everything else ends "skipped, cancelled" in the report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadcastProgress } from "../../src/features/broadcasts/report.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { createdId, postForm, startBroadcastHarness, type BroadcastHarness } from "./harness.ts";

const EXTRA = 12;

describe("cancelling a running broadcast", () => {
  let h: BroadcastHarness;
  const chats: string[] = [];
  beforeAll(async () => {
    h = await startBroadcastHarness({ TELEGRAM_RATE_PER_SECOND: "2" });
    for (let i = 1; i <= EXTRA; i++) {
      const name = `Người Nhận Số ${i}`;
      const b = await h.app.prisma.beneficiary.create({
        data: {
          personalId: `09410${String(7000000 + i)}`,
          personalIdLast4: String(1000 + i),
          fullName: name,
          fullNameAscii: foldVietnamese(name),
          dateOfBirth: new Date("1945-01-01"),
          sex: "MALE",
          communeId: h.world.communes.b,
          programme: "BTXH",
        },
      });
      const chatId = String(7100 + i);
      chats.push(chatId);
      const identity = await h.app.prisma.chatIdentity.create({
        data: { channel: "TELEGRAM", platformUserId: chatId, beneficiaryId: b.id, consentAt: new Date("2026-07-01") },
      });
      await h.app.prisma.chatLink.create({
        data: { identityId: identity.id, beneficiaryId: b.id, role: "SELF", via: "LINK_CODE" },
      });
    }
    chats.push(h.world.chatIds.khoa);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stops within seconds and reports the rest as cancelled", async () => {
    const dong = await h.signIn("canbo.dong");
    const res = await postForm(h.app.url, dong, "/console/broadcasts", [
      ["title", "Tin dài"],
      ["communeIds", h.world.communes.b],
      ["textVi", "Kính gửi bác {ho_ten}: xã họp ngày mai."],
      ["when", "now"],
      ["action", "create"],
    ]);
    expect(res.status).toBe(303);
    const id = createdId(res);
    const received = () => chats.reduce((n, c) => n + h.telegram.sentMessages(c).length, 0);
    await expect.poll(received, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(2);

    const cancelled = await postForm(h.app.url, dong, `/console/broadcasts/${id}/cancel`, []);
    expect(cancelled.status).toBe(303);
    const atCancel = received();
    // At two a second the rest would take five more seconds: wait three and count again.
    await new Promise((r) => setTimeout(r, 3000));
    const after = received();
    // Only what was already on the wire (two pipelines of one message) may still arrive.
    expect(after - atCancel).toBeLessThanOrEqual(2);
    expect(after).toBeLessThan(EXTRA + 1);

    const queued = await h.app.prisma.outboundMessage.count({
      where: { broadcastDelivery: { broadcastId: id }, status: { in: ["QUEUED", "SENDING"] } },
    });
    expect(queued).toBe(0);
    const p = await broadcastProgress(h.app.prisma, id);
    expect(p).toMatchObject({
      status: "CANCELLED",
      total: EXTRA + 1,
      sent: after,
      pending: 0,
      cancelled: EXTRA + 1 - after,
      failed: 0,
    });
    const lines = await h.app.prisma.broadcastDelivery.findMany({ where: { broadcastId: id, status: "SKIPPED" } });
    expect(lines.every((l) => l.reason === "cancelled")).toBe(true);

    // The job keeps it cancelled: nothing is written or sent later.
    await h.fire(new Date(h.app.clock.now().getTime() + 60_000));
    await new Promise((r) => setTimeout(r, 1000));
    expect(received()).toBe(after);
    const audit = await h.app.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["broadcast.create", "broadcast.cancel"]);
  });
});
