// Sending a broadcast: each person gets one message where their payout notices go (own chat, a
// relative's chat, else their phone by SMS), in their language; people who turned notices off and
// people nobody can reach are reported, not messaged. Writing the messages survives a crash
// half-way and a second run at the same time without sending anything twice.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBroadcastReport } from "../../src/features/broadcasts/exportReport.ts";
import { createBroadcast } from "../../src/features/broadcasts/lifecycle.ts";
import { loadBroadcast } from "../../src/features/broadcasts/list.ts";
import { broadcastProgress } from "../../src/features/broadcasts/report.ts";
import { sendDueBroadcasts } from "../../src/features/broadcasts/send.ts";
import { getPage, startBroadcastHarness, type BroadcastHarness } from "./harness.ts";

describe("sending a broadcast", () => {
  let h: BroadcastHarness;
  beforeAll(async () => {
    h = await startBroadcastHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("writes one message per person even when a run dies half-way and two runs overlap", async () => {
    const { prisma } = h.app;
    const now = h.app.clock.now();
    const created = await createBroadcast(prisma, {
      title: "Nhắc lịch nhận tiền",
      template: { vi: "Kính gửi bác {ho_ten}: {so_tien} ngày {ngay}.", en: "Dear {name}: {amount} on {date}." },
      audience: { communeIds: [h.world.communes.a] },
      createdById: h.staff.hoa,
      scheduledAt: null,
      now,
    });
    expect(created).toMatchObject({ status: "SCHEDULED", recipients: 6 });

    // The first run writes one chunk of two people, then the instance dies.
    const deps = { prisma, config: h.app.deps.config, chunkSize: 2 };
    await sendDueBroadcasts(deps, now, { maxChunks: 1 });
    const half = await prisma.broadcastDelivery.findMany({ where: { broadcastId: created.id } });
    expect(half).toHaveLength(6);
    expect(half.filter((l) => l.channel !== null || l.status !== "QUEUED")).toHaveLength(2);

    // Two instances pick it up at once, then the every-minute job runs again.
    await Promise.all([sendDueBroadcasts(deps, now), sendDueBroadcasts(deps, now)]);
    await sendDueBroadcasts(deps, now);
    const messages = await prisma.outboundMessage.findMany({
      where: { kind: "BROADCAST", broadcastDelivery: { broadcastId: created.id } },
    });
    const perPerson = new Map<string, number>();
    for (const m of messages) perPerson.set(m.beneficiaryId ?? "", (perPerson.get(m.beneficiaryId ?? "") ?? 0) + 1);
    const p = h.world.people;
    expect(
      Object.fromEntries([...perPerson].map(([id, n]) => [Object.entries(p).find(([, v]) => v === id)?.[0], n])),
    ).toEqual({ ann: 1, binh: 1, dao: 1, giang: 1 });

    h.app.runtime.outbox.kick();
    await h.telegram.waitForMessages(h.world.chatIds.ann, 1);
    await h.telegram.waitForMessages(h.world.chatIds.binh, 1);
    await h.telegram.waitForMessages(h.world.chatIds.giang, 1);
    await expect.poll(() => h.phones.delivered.length, { timeout: 10_000 }).toBe(1);
    expect(h.telegram.sentMessages(h.world.chatIds.ann)[0]?.text).toBe(
      "Kính gửi bác Nguyễn Thị Ánh: 750.000 đ ngày 20/07/2026.",
    );
    // Bình reads English; Giang's daughter gets her mother's message; Đào has only a phone.
    expect(h.telegram.sentMessages(h.world.chatIds.binh)[0]?.text).toBe(
      "Dear Trần Văn Bình: 500,000 VND on 05/07/2026.",
    );
    expect(h.telegram.sentMessages(h.world.chatIds.giang)[0]?.text).toBe(
      "Kính gửi bác Võ Thị Giang: 750.000 đ ngày 18/07/2026.",
    );
    expect(h.phones.delivered[0]).toMatchObject({ via: "SMS", phone: "84912000004" });
    expect(h.phones.delivered[0]?.text).toContain("Pham Van Dao");
    // Chi turned notices off: nothing reached her chat.
    expect(h.telegram.sentMessages(h.world.chatIds.chi)).toHaveLength(0);

    // The next run of the job sees every line final and closes the broadcast.
    await expect
      .poll(
        async () => {
          await sendDueBroadcasts(deps, h.app.clock.now());
          return statusOf(created.id);
        },
        { timeout: 10_000 },
      )
      .toBe("DONE");
    const progress = await broadcastProgress(prisma, created.id);
    expect(progress).toMatchObject({
      status: "DONE",
      total: 6,
      sent: 4,
      failed: 0,
      unreachable: 1,
      optedOut: 1,
      cancelled: 0,
      pending: 0,
      percent: 100,
    });
    expect(progress?.sent).toBe(
      h.telegram.sentMessages().filter((m) => m.text.includes("Kính gửi") || m.text.includes("Dear")).length +
        h.phones.delivered.length,
    );
  });

  it("downloads the report as a spreadsheet with the figures and one row per person, and audits it", async () => {
    const b = await h.app.prisma.broadcast.findFirstOrThrow({ where: { title: "Nhắc lịch nhận tiền" } });
    const hoa = await h.signIn("canbo.hoa");
    const res = await getPage(h.app.url, hoa, `/console/broadcasts/${b.id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const summary = book.worksheets[0]!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get("Đã gửi")).toBe(4);
    expect(figures.get("Đã tắt thông báo")).toBe(1);
    expect(figures.get("Không liên lạc được")).toBe(1);
    const people = book.worksheets[1]!;
    expect(people.rowCount).toBe(7);
    const texts = people.getSheetValues().flat().map(String).join(" | ");
    expect(texts).toContain("Hồ Thị Em");
    expect(texts).toContain("••••••0004");
    expect(texts).not.toContain("0912000004");
    const audit = await h.app.prisma.auditLog.findMany({ where: { entityId: b.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["broadcast.create", "broadcast.export"]);
  });

  it("lists every person once, in the same order, when the report is read a few people at a time", async () => {
    const b = await h.app.prisma.broadcast.findFirstOrThrow({ where: { title: "Nhắc lịch nhận tiền" } });
    const staff = await h.app.prisma.staffUser.findUniqueOrThrow({ where: { username: "canbo.hoa" } });
    const detail = await loadBroadcast(h.app.prisma, { id: staff.id, role: staff.role, communeIds: null }, b.id);
    const peopleRows = async (pageSize?: number) => {
      const file = await exportBroadcastReport(
        { prisma: h.app.prisma, i18n: h.app.deps.i18n, ...(pageSize ? { pageSize } : {}) },
        { broadcast: detail!, staff, locale: "vi" },
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(new Uint8Array(file.data).buffer);
      return book.worksheets[1]!.getSheetValues()
        .slice(2)
        .map((row) => (row as unknown[]).slice(1, 7).map(String));
    };
    const whole = await peopleRows();
    expect(whole).toHaveLength(6);
    expect(whole.map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(new Set(whole.map((r) => r[1])).size).toBe(6);
    // Pages of two and of four (a last page that is not full) give the same rows.
    expect(await peopleRows(2)).toEqual(whole);
    expect(await peopleRows(4)).toEqual(whole);
  });

  const statusOf = async (id: string) => (await h.app.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status;
});
