// Response times: the assignee is warned before an answer is due; when it is overdue the ticket
// goes to the least busy other agent of the area and the supervisor is alerted, once, however many
// instances fire the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { runHotlineSla, hotlineSlaJob } from "../../src/features/hotline/slaJob.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const config = loadConfig({
  NODE_ENV: "test",
  HOTLINE_WORKING_HOURS: "Mon-Fri 07:30-17:00",
  HOTLINE_FIRST_RESPONSE_MINUTES: "60",
  HOTLINE_SLA_WARNING_MINUTES: "15",
});
// Wednesday 15 July 2026, 11:00 in Vietnam.
const DUE = new Date("2026-07-15T04:00:00Z");
const minutes = (n: number) => new Date(DUE.getTime() + n * 60_000);

describe("hotline response times", () => {
  let db: TestDatabase;
  const staff: Record<string, string> = {};
  let ticketId = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    const prisma = db.prisma;
    const north = await prisma.province.create({ data: { code: "921", name: "Tỉnh Bắc" } });
    const south = await prisma.province.create({ data: { code: "922", name: "Tỉnh Nam" } });
    const commune = await prisma.commune.create({ data: { code: "92101", name: "Xã Đông", provinceId: north.id } });
    await prisma.commune.create({ data: { code: "92201", name: "Xã Tây", provinceId: south.id } });
    const agent = (username: string, provinceId: string, hotlineSupervisor = false) =>
      prisma.staffUser.create({
        data: {
          username,
          fullName: username,
          passwordHash: "x",
          role: "HOTLINE_AGENT",
          hotlineSupervisor,
          scopes: { create: [{ provinceId }] },
        },
      });
    staff.lan = (await agent("lan", north.id)).id;
    staff.minh = (await agent("minh", north.id)).id;
    staff.busy = (await agent("busy", north.id)).id;
    staff.south = (await agent("south", south.id)).id;
    staff.lead = (await agent("lead", north.id, true)).id;
    // "busy" already has a ticket open, so "minh" is the least busy.
    await prisma.hotlineTicket.create({
      data: { topic: "talk_to_human", communeId: commune.id, assigneeId: staff.busy, status: "ASSIGNED" },
    });
    const t = await prisma.hotlineTicket.create({
      data: {
        topic: "payout_missing",
        priority: "URGENT",
        communeId: commune.id,
        assigneeId: staff.lan,
        status: "ASSIGNED",
        firstResponseDueAt: DUE,
        createdAt: minutes(-60),
      },
    });
    ticketId = t.id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const alerts = () =>
    db.prisma.hotlineAlert.findMany({ orderBy: { createdAt: "asc" }, select: { staffId: true, kind: true } });

  it("leaves a ticket alone while its answer is not yet close to due", async () => {
    expect(await runHotlineSla({ prisma: db.prisma, config }, minutes(-20))).toMatchObject({
      warned: 0,
      reassigned: 0,
    });
    expect(await alerts()).toEqual([]);
  });

  it("warns the assignee 15 minutes before the answer is due, once", async () => {
    expect(await runHotlineSla({ prisma: db.prisma, config }, minutes(-10))).toMatchObject({
      warned: 1,
      reassigned: 0,
    });
    expect(await runHotlineSla({ prisma: db.prisma, config }, minutes(-9))).toMatchObject({ warned: 0 });
    expect(await alerts()).toEqual([{ staffId: staff.lan, kind: "warning" }]);
  });

  it("reassigns an overdue ticket to the least busy agent of the area and alerts the supervisor, once across instances", async () => {
    const log = createLogger({ level: "silent" });
    const at = minutes(1);
    const schedulers = ["a", "b"].map((owner) => {
      const s = createScheduler({ prisma: db.prisma, log, clock: fixedClock(at), owner });
      s.register(hotlineSlaJob({ prisma: db.prisma, config }));
      return s;
    });
    const fired = await Promise.all(schedulers.map((s) => s.fire("hotline-sla", at)));
    expect(fired.filter(Boolean)).toHaveLength(1);

    const ticket = await db.prisma.hotlineTicket.findUniqueOrThrow({
      where: { id: ticketId },
      include: { messages: true },
    });
    expect(ticket.assigneeId).toBe(staff.minh);
    expect(ticket.reassignments).toBe(1);
    // A new hour to answer, from the moment of the reassignment.
    expect(ticket.firstResponseDueAt).toEqual(minutes(61));
    expect(ticket.messages.map((m) => [m.author, m.text])).toEqual([["NOTE", "SLA → minh"]]);
    const after = await alerts();
    expect(after).toContainEqual({ staffId: staff.lead, kind: "breach" });
    expect(after).toContainEqual({ staffId: staff.minh, kind: "assigned" });
    // Nobody from the other province hears of it.
    expect(after.some((a) => a.staffId === staff.south)).toBe(false);

    // A later run (another instance, the next minute) changes nothing more.
    expect(await runHotlineSla({ prisma: db.prisma, config }, minutes(2))).toMatchObject({ reassigned: 0 });
    expect(await alerts()).toHaveLength(after.length);
  });

  it("starts the next-response timer when the person writes after an answer", async () => {
    await db.prisma.hotlineTicket.update({
      where: { id: ticketId },
      data: { firstRespondedAt: minutes(5), status: "ASSIGNED", nextResponseDueAt: null, updatedAt: minutes(5) },
    });
    await db.prisma.ticketMessage.create({
      data: { ticketId, author: "PERSON", text: "còn nữa", createdAt: minutes(10) },
    });
    expect(await runHotlineSla({ prisma: db.prisma, config }, minutes(11))).toMatchObject({ started: 1 });
    const ticket = await db.prisma.hotlineTicket.findUniqueOrThrow({ where: { id: ticketId } });
    // 120 minutes of working time after 11:10.
    expect(ticket.nextResponseDueAt).toEqual(minutes(130));
  });
});
