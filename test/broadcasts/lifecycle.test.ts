// A broadcast's life without the sender running: a campaign fire makes one broadcast however often
// it is retried, a large send waits for approval, a broadcast cancelled before its time sends
// nothing, and a person who turns notices off after the messages were written is reported so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveBroadcast, cancelBroadcast } from "../../src/features/broadcasts/decisions.ts";
import { createBroadcast } from "../../src/features/broadcasts/lifecycle.ts";
import { broadcastProgress } from "../../src/features/broadcasts/report.ts";
import { sendDueBroadcasts } from "../../src/features/broadcasts/send.ts";
import { skipQueuedNotices } from "../../src/features/notifications/skipQueuedNotices.ts";
import { loadConfig } from "../../src/config.ts";
import { createStaff } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { MORNING, seedBroadcastWorld, type BroadcastWorld } from "./world.ts";

describe("a broadcast's life", () => {
  let db: TestDatabase;
  let w: BroadcastWorld;
  let hoa: string;
  let dong: string;
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  const template = { vi: "Kính gửi bác {ho_ten}." };
  beforeAll(async () => {
    db = await createTestDatabase();
    w = await seedBroadcastWorld(db.prisma);
    hoa = (
      await createStaff(db.prisma, {
        username: "hoa",
        password: "mat-khau-dai-12345",
        role: "COMMUNE_OFFICER",
        communeCodes: [w.codes.a],
      })
    ).id;
    dong = (
      await createStaff(db.prisma, {
        username: "dong",
        password: "mat-khau-dai-12345",
        role: "COMMUNE_OFFICER",
        communeCodes: [w.codes.b],
      })
    ).id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("makes one broadcast per campaign fire, however often the fire is retried", async () => {
    const campaign = await db.prisma.campaign.create({
      data: {
        name: "Nhắc trước ngày nhận",
        trigger: { kind: "beforePayout", days: 3 },
        audience: { communeIds: [w.communes.a] },
        template,
        createdById: hoa,
      },
    });
    const fire = () =>
      createBroadcast(db.prisma, {
        title: "Nhắc trước ngày nhận · 17/07/2026",
        template,
        audience: { communeIds: [w.communes.a] },
        createdById: hoa,
        scheduledAt: null,
        campaignId: campaign.id,
        fireKey: "2026-07-17",
        onlyBeneficiaryIds: [w.people.ann, w.people.giang, w.people.khoa],
        approved: true,
        approvalThreshold: 1,
        now: MORNING,
      });
    const [first, second] = await Promise.all([fire(), fire()]);
    const third = await fire();
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    // Narrowed to the people the date rule picked, inside the audience; approved as a whole.
    expect(first).toMatchObject({ status: "SCHEDULED", recipients: 2 });
    expect(await db.prisma.broadcast.count({ where: { campaignId: campaign.id } })).toBe(1);
    await sendDueBroadcasts({ prisma: db.prisma, config }, MORNING, { onlyId: first.id });
    const lines = await db.prisma.broadcastDelivery.findMany({ where: { broadcastId: first.id } });
    expect(lines.map((l) => l.beneficiaryId).sort()).toEqual([w.people.ann, w.people.giang].sort());
  });

  it("waits above the threshold for a different officer whose area covers it", async () => {
    const big = await createBroadcast(db.prisma, {
      title: "Lớn",
      template,
      audience: { communeIds: [w.communes.a] },
      createdById: hoa,
      scheduledAt: null,
      approvalThreshold: 5,
      now: MORNING,
    });
    expect(big).toMatchObject({ status: "AWAITING_APPROVAL", recipients: 6 });
    await expect(approveBroadcast(db.prisma, { id: big.id, staffId: hoa, now: MORNING })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(approveBroadcast(db.prisma, { id: big.id, staffId: dong, now: MORNING })).rejects.toMatchObject({
      code: "not_found",
    });
    await sendDueBroadcasts({ prisma: db.prisma, config }, new Date(MORNING.getTime() + 3600_000));
    expect(await db.prisma.broadcastDelivery.count({ where: { broadcastId: big.id } })).toBe(0);
    await expect(
      createBroadcast(db.prisma, {
        title: "Ngoài",
        template,
        audience: { communeIds: [w.communes.b] },
        createdById: hoa,
        scheduledAt: null,
        now: MORNING,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sends nothing for a broadcast cancelled before its time, and reports everyone as cancelled", async () => {
    const later = new Date(MORNING.getTime() + 2 * 3600_000);
    const b = await createBroadcast(db.prisma, {
      title: "Hẹn giờ",
      template,
      audience: { communeIds: [w.communes.a] },
      createdById: hoa,
      scheduledAt: later,
      now: MORNING,
    });
    expect(b.status).toBe("SCHEDULED");
    await cancelBroadcast(db.prisma, { id: b.id, staffId: hoa, now: MORNING });
    await sendDueBroadcasts({ prisma: db.prisma, config }, new Date(later.getTime() + 60_000));
    expect(await db.prisma.broadcastDelivery.count({ where: { broadcastId: b.id } })).toBe(0);
    expect(await broadcastProgress(db.prisma, b.id)).toMatchObject({
      status: "CANCELLED",
      total: 6,
      cancelled: 6,
      pending: 0,
      percent: 100,
    });
    await expect(cancelBroadcast(db.prisma, { id: b.id, staffId: hoa, now: MORNING })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("reports a person who turned notices off after the messages were written as opted out", async () => {
    const b = await createBroadcast(db.prisma, {
      title: "Ngay",
      template,
      audience: { communeIds: [w.communes.a] },
      createdById: hoa,
      scheduledAt: null,
      now: MORNING,
    });
    await sendDueBroadcasts({ prisma: db.prisma, config }, MORNING, { onlyId: b.id });
    const annChat = await db.prisma.chatIdentity.findFirstOrThrow({ where: { platformUserId: w.chatIds.ann } });
    // Ánh presses "turn notices off" before the sender reached her message.
    await db.prisma.$transaction((tx) => skipQueuedNotices(tx, annChat.id, "opted_out"));
    await sendDueBroadcasts({ prisma: db.prisma, config }, MORNING);
    const p = await broadcastProgress(db.prisma, b.id);
    // Chi had turned them off before; Em has no way to be reached and no SMS gateway is set here, nor for Đào.
    expect(p).toMatchObject({ total: 6, optedOut: 2, unreachable: 2, pending: 2 });
  });
});
