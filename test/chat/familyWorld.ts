// A family the way the demo met them, on 15 July 2026 (Vietnam time):
//   Phượng — 84, paid in cash brought home by the post office; July's delivery day is today,
//            13:30–17:00, and the post office has not reported yet. Her son Nam chats for her.
//   Lan    — paid into her MoMo wallet; July's money went out two days ago (13 July).
//   Sáu    — on the list without a phone number.
// The payout months: June (closed), July (sent to the post office), August (still open, so an
// authorisation approved now names the relative on it).
import { afterAll, beforeAll } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import type { StaffContext } from "../../src/http/context.ts";
import { addMonths, firstOfMonth, type CalendarDate } from "../../src/lib/calendarDate.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { createStaff } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { chatter } from "../requests/world.ts";
import { createHarness, type Harness, type Person } from "./harness.ts";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

export interface FamilyWorld {
  communeId: string;
  phuong: string;
  lan: string;
  sau: string;
  officer: StaffContext;
}

/** 19:28 in Vietnam on Phượng's delivery day. */
export const EVENING_OF_DELIVERY = new Date("2026-07-15T12:28:00Z");
/** 10:00 in Vietnam, the same day. */
export const MORNING_OF_DELIVERY = new Date("2026-07-15T03:00:00Z");

/**
 * `deliveryDay`: Phượng's home-delivery day (today in the tests that use the fixed clocks above);
 * the payout months are that day's month, the one before and the one after.
 */
export async function seedFamilyWorld(
  prisma: PrismaClient,
  deliveryDay: CalendarDate = "2026-07-15",
): Promise<FamilyWorld> {
  await seedShippedPolicy(prisma);
  const province = await prisma.province.create({ data: { code: "922", name: "Tỉnh Gia Đình" } });
  const commune = await prisma.commune.create({ data: { code: "92201", name: "Xã Tân Phú", provinceId: province.id } });
  const person = (fullName: string, personalId: string, dob: string, phone: string | null) =>
    prisma.beneficiary.create({
      data: {
        personalId,
        personalIdLast4: personalId.slice(-4),
        fullName,
        fullNameAscii: foldVietnamese(fullName),
        dateOfBirth: d(dob),
        sex: "FEMALE",
        communeId: commune.id,
        programme: "BTXH",
        phone,
      },
    });
  const phuong = await person("Nguyễn Thị Phượng", "001142012345", "1942-02-03", "0912000111");
  const lan = await person("Trần Thị Lan", "001148055555", "1948-04-05", "0987000222");
  const sau = await person("Võ Văn Sáu", "001046077777", "1946-06-07", null);
  const old80 = await prisma.benefitCategory.findUniqueOrThrow({ where: { code: "BTXH_OLD_80" } });
  for (const b of [phuong, lan, sau])
    await prisma.beneficiaryCategory.create({ data: { beneficiaryId: b.id, categoryId: old80.id } });

  const thisMonth = firstOfMonth(deliveryDay);
  const dayIn = (month: string) => `${month.slice(0, 8)}${deliveryDay.slice(8, 10)}`;
  const period = async (month: string, status: "CLOSED" | "SCHEDULED" | "DRAFT") =>
    (await prisma.payoutPeriod.create({ data: { month: d(month), status } })).id;
  const before = await period(addMonths(thisMonth, -1), "CLOSED");
  const current = await period(thisMonth, "SCHEDULED");
  const after = await period(addMonths(thisMonth, 1), "DRAFT");
  const monthly = {
    kind: "MONTHLY" as const,
    label: "Trợ cấp xã hội hằng tháng",
    amount: 1_080_000,
    categoryId: old80.id,
    baseLevel: 540_000,
    coefficient: 2,
    legalBasis: "Nghị định 20/2021/NĐ-CP",
    position: 0,
  };
  const home = {
    method: "CASH_HOME" as const,
    windowStart: "13:30",
    windowEnd: "17:00",
    amount: 1_080_000,
    lines: { create: [monthly] },
  };
  const lastDay = dayIn(addMonths(thisMonth, -1));
  await prisma.payout.create({
    data: {
      ...home,
      periodId: before,
      beneficiaryId: phuong.id,
      scheduledDate: d(lastDay),
      status: "PAID",
      paidAt: new Date(`${lastDay}T08:00:00Z`),
    },
  });
  await prisma.payout.create({
    data: { ...home, periodId: current, beneficiaryId: phuong.id, scheduledDate: d(deliveryDay), status: "SCHEDULED" },
  });
  await prisma.payout.create({
    data: {
      ...home,
      periodId: after,
      beneficiaryId: phuong.id,
      scheduledDate: d(dayIn(addMonths(thisMonth, 1))),
      status: "SCHEDULED",
    },
  });

  const momo = await prisma.payoutAccount.create({
    data: {
      beneficiaryId: lan.id,
      method: "EWALLET",
      provider: "MoMo",
      accountNumber: "0987000222",
      accountLast4: "0222",
      holderName: "TRAN THI LAN",
      status: "VERIFIED",
    },
  });
  const wallet = { method: "EWALLET" as const, accountId: momo.id, amount: 1_080_000, lines: { create: [monthly] } };
  // Two days before Phượng's delivery day, Lan's money went to her wallet.
  const sent = new Date(d(deliveryDay).getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  await prisma.payout.create({
    data: {
      ...wallet,
      periodId: current,
      beneficiaryId: lan.id,
      scheduledDate: d(sent),
      status: "PAID",
      paidAt: new Date(`${sent}T02:15:00Z`),
    },
  });
  await prisma.payout.create({
    data: {
      ...wallet,
      periodId: after,
      beneficiaryId: lan.id,
      scheduledDate: d(dayIn(addMonths(thisMonth, 1)).replace(/-\d\d$/, `-${sent.slice(8, 10)}`)),
      status: "SCHEDULED",
    },
  });

  const staff = await createStaff(prisma, {
    username: "xa.tanphu",
    password: "mat-khau-can-bo-2",
    role: "COMMUNE_OFFICER",
    communeCodes: ["92201"],
    fullName: "Đỗ Thị Cán",
  });
  const officer: StaffContext = {
    ...staff,
    fullName: "Đỗ Thị Cán",
    role: "COMMUNE_OFFICER",
    locale: "vi",
    communeIds: [commune.id],
    sessionId: "test",
    csrfToken: "test",
  };
  return { communeId: commune.id, phuong: phuong.id, lan: lan.id, sau: sau.id, officer };
}

/** A printed code for one person, as the commune officer hands it out. */
export async function printedCode(
  prisma: PrismaClient,
  world: FamilyWorld,
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

/**
 * A chat linked with the officer's printed code, as the person themself or as a relative. Its sends
 * return the bot's replies only; notices queued meanwhile are read from the database.
 */
export async function linkedChat(
  prisma: PrismaClient,
  h: Harness,
  world: FamilyWorld,
  beneficiaryId: string,
  chatId: string,
  as: "self" | "relative",
  locale: "vi" | "en" = "vi",
): Promise<Person> {
  const p = chatter(prisma, h.person(chatId));
  if (locale === "en") await p.press("lang:en");
  await p.send(await printedCode(prisma, world, beneficiaryId, h.clock.now()));
  await p.press(as === "self" ? "role:self" : "role:rel");
  await p.press("consent:yes");
  return p;
}

export interface FamilyTestbed {
  readonly db: TestDatabase;
  readonly world: FamilyWorld;
  /** The chat, with the clock at `start`. */
  readonly h: Harness;
}

/** A fresh database with the family, for one describe block (created before, dropped after). */
export function familyTestbed(start: Date = MORNING_OF_DELIVERY): FamilyTestbed {
  let db: TestDatabase | null = null;
  let world: FamilyWorld | null = null;
  let h: Harness | null = null;
  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedFamilyWorld(db.prisma);
    h = createHarness(db.prisma, start);
  });
  afterAll(async () => {
    await db?.destroy();
  });
  const ready = <T>(v: T | null): T => {
    if (v === null) throw new Error("the family testbed is not set up yet");
    return v;
  };
  return {
    get db() {
      return ready(db);
    },
    get world() {
      return ready(world);
    },
    get h() {
      return ready(h);
    },
  };
}

/** A relative asks the commune, through the chat, to collect for the person from August, for 6 months. */
export async function askToCollect(p: Person, name = "Nguyễn Văn Nam", personalId = "001087065432"): Promise<Reply[]> {
  await p.press("rq:auth");
  await p.send(name);
  await p.press("rq:rel:child");
  await p.send(personalId);
  await p.send("0903 111 222");
  await p.press("rq:m:2026-08-01");
  await p.press("rq:dur:6");
  await p.press("rq:next");
  return p.press("rq:send");
}
