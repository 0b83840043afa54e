import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { findRedeemableCode, issueLinkCodes, markCodeUsed } from "../../src/features/linking/codes.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { officer } from "../imports/fixtures.ts";

const DAYS = 90;
// 10:00 in Vietnam on 2026-07-15.
const NOW = new Date("2026-07-15T03:00:00Z");
const DAY = 86_400_000;

async function addPerson(
  prisma: PrismaClient,
  communeId: string,
  fullName: string,
  personalId: string,
  address: string | null = "Thôn 5",
) {
  const p = await prisma.beneficiary.create({
    data: {
      personalId,
      personalIdLast4: personalId.slice(-4),
      fullName,
      fullNameAscii: foldVietnamese(fullName),
      dateOfBirth: new Date("1945-01-01T00:00:00Z"),
      sex: "MALE",
      communeId,
      programme: "BTXH",
      address,
    },
  });
  return p.id;
}

describe("one-time link codes", () => {
  let db: TestDatabase;
  let world: World;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await seedWorld(db.prisma);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("gives every active person of the commune without a linked chat one distinct, well-formed code, and audits it", async () => {
    const { prisma } = db;
    const commune = world.communes.b;
    const people = [];
    for (let i = 0; i < 40; i++)
      people.push(await addPerson(prisma, commune, `Người Thử ${i}`, `0011400${String(i).padStart(5, "0")}`));
    // Linked as themself: needs no code.
    await prisma.chatIdentity.create({
      data: { channel: "TELEGRAM", platformUserId: "tg-1", beneficiaryId: people[0], linkedAt: NOW },
    });
    const staff = await officer(prisma, [commune], "xa.dongba");

    const issued = await issueLinkCodes(prisma, { communeId: commune, validDays: DAYS, now: NOW, staff });

    // Trần Thị Bình (seeded, active, no chat) and 39 of the 40 new people.
    expect(issued.codes).toHaveLength(40);
    expect(issued.codes.map((c) => c.beneficiaryId)).not.toContain(people[0]);
    expect(issued.codes.map((c) => c.beneficiaryId)).toContain(world.people.binh);
    expect(issued.commune.name).toBe("Phường Đông Ba");
    for (const c of issued.codes) {
      expect(c.displayCode).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{4}-[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{4}$/);
      expect(c.reused).toBe(false);
    }
    expect(new Set(issued.codes.map((c) => c.code)).size).toBe(40);
    const binh = issued.codes.find((c) => c.beneficiaryId === world.people.binh);
    expect(binh).toMatchObject({
      fullName: "Trần Thị Bình",
      maskedPersonalId: "••••••••7654",
      address: "Thôn 3",
      validThrough: "2026-10-13",
    });
    expect(await prisma.linkCode.count({ where: { communeId: commune } })).toBe(40);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "linkcode.issue", entityId: commune } });
    expect(audit.actor).toBe("xa.dongba");
    expect(audit.detail).toMatchObject({ created: 40, reused: 0, onlyUnlinked: true });
    // The audit names whose codes were printed, never the codes themselves.
    expect(JSON.stringify(audit.detail)).not.toContain(binh?.code);
  });

  it("leaves out suspended people and people a relative already follows by chat, unless asked for everyone", async () => {
    const { prisma } = db;
    const commune = world.communes.a;
    const tam = await addPerson(prisma, commune, "Lê Văn Tám", "001140000888", null);
    const onlyUnlinked = await issueLinkCodes(prisma, { communeId: commune, validDays: DAYS, now: NOW, staff: null });
    // Nguyễn Thị Đào's daughter follows her by Zalo; Phạm Văn An is suspended.
    expect(onlyUnlinked.codes.map((c) => c.fullName)).toEqual(["Lê Văn Tám"]);
    expect(onlyUnlinked.codes[0]?.address).toBeNull();

    const everyone = await issueLinkCodes(prisma, {
      communeId: commune,
      onlyUnlinked: false,
      validDays: DAYS,
      now: NOW,
      staff: null,
    });
    expect(everyone.codes.map((c) => c.fullName)).toEqual(["Lê Văn Tám", "Nguyễn Thị Đào"]);
    expect(everyone.codes.find((c) => c.beneficiaryId === tam)?.code).toBe(onlyUnlinked.codes[0]?.code);

    const one = await issueLinkCodes(prisma, {
      communeId: commune,
      beneficiaryIds: [world.people.dao],
      onlyUnlinked: false,
      validDays: DAYS,
      now: NOW,
      staff: null,
    });
    expect(one.codes.map((c) => c.fullName)).toEqual(["Nguyễn Thị Đào"]);
  });

  it("printing again gives the same code with a renewed validity, never a second code", async () => {
    const { prisma } = db;
    const commune = world.communes.c;
    await addPerson(prisma, commune, "Võ Văn Mười", "046140000999");
    const first = await issueLinkCodes(prisma, { communeId: commune, validDays: DAYS, now: NOW, staff: null });
    const later = new Date(NOW.getTime() + 30 * DAY);
    const again = await issueLinkCodes(prisma, { communeId: commune, validDays: DAYS, now: later, staff: null });

    expect(again.codes.map((c) => c.code)).toEqual(first.codes.map((c) => c.code));
    expect(again.codes.every((c) => c.reused)).toBe(true);
    expect(await prisma.linkCode.count({ where: { communeId: commune } })).toBe(first.codes.length);
    expect(again.codes[0]?.validThrough).toBe("2026-11-12");
    // The first printout's code keeps working until the renewed date.
    const code = first.codes[0]?.code ?? "";
    expect(await findRedeemableCode(prisma, code, new Date(NOW.getTime() + 100 * DAY))).not.toBeNull();

    // Two officers printing the same commune at the same moment still agree on every code.
    for (let i = 0; i < 10; i++)
      await addPerson(prisma, commune, `Người Mới ${i}`, `0461400100${String(i).padStart(2, "0")}`);
    const [x, y] = await Promise.all([
      issueLinkCodes(prisma, { communeId: commune, onlyUnlinked: false, validDays: DAYS, now: later, staff: null }),
      issueLinkCodes(prisma, { communeId: commune, onlyUnlinked: false, validDays: DAYS, now: later, staff: null }),
    ]);
    expect(x.codes).toHaveLength(12);
    expect(x.codes.map((c) => c.code)).toEqual(y.codes.map((c) => c.code));
    expect(await prisma.linkCode.count({ where: { communeId: commune } })).toBe(x.codes.length);
  });

  it("accepts the code however it is typed, and only until the end of its last day", async () => {
    const { prisma } = db;
    const person = await addPerson(prisma, world.communes.a, "Đỗ Thị Hai", "001140000222");
    const [issued] = (
      await issueLinkCodes(prisma, {
        communeId: world.communes.a,
        beneficiaryIds: [person],
        validDays: DAYS,
        now: NOW,
        staff: null,
      })
    ).codes;
    if (!issued) throw new Error("no code issued");
    const spaced = `${issued.code.slice(0, 4)} ${issued.code.slice(4)}`.toLowerCase();
    for (const typed of [issued.code, issued.displayCode, spaced, ` ${issued.displayCode.toLowerCase()} `]) {
      expect(await findRedeemableCode(prisma, typed, NOW)).toEqual({
        linkCodeId: issued.linkCodeId,
        beneficiaryId: person,
      });
    }
    expect(await findRedeemableCode(prisma, issued.code.slice(0, 7), NOW)).toBeNull();
    expect(await findRedeemableCode(prisma, "hello, I need help", NOW)).toBeNull();

    // Valid through 2026-10-13, Vietnam time: 23:59 that day works, midnight does not.
    expect(issued.validThrough).toBe("2026-10-13");
    expect(await findRedeemableCode(prisma, issued.code, new Date("2026-10-13T16:59:00Z"))).not.toBeNull();
    expect(await findRedeemableCode(prisma, issued.code, new Date("2026-10-13T17:00:00Z"))).toBeNull();
    expect(await markCodeUsed(prisma, issued.linkCodeId, new Date("2026-10-13T17:00:00Z"))).toBe(false);
  });

  it("a used code cannot be redeemed again, and the person gets a new one at the next printing", async () => {
    const { prisma } = db;
    const person = await addPerson(prisma, world.communes.a, "Mai Văn Ba", "001140000333");
    const issue = () =>
      issueLinkCodes(prisma, {
        communeId: world.communes.a,
        beneficiaryIds: [person],
        validDays: DAYS,
        now: NOW,
        staff: null,
      });
    const [code] = (await issue()).codes;
    if (!code) throw new Error("no code issued");
    expect(await markCodeUsed(prisma, code.linkCodeId, NOW)).toBe(true);
    expect(await markCodeUsed(prisma, code.linkCodeId, NOW)).toBe(false);
    expect(await findRedeemableCode(prisma, code.displayCode, NOW)).toBeNull();
    const [next] = (await issue()).codes;
    expect(next?.code).not.toBe(code.code);
    expect(next?.reused).toBe(false);
  });

  it("two chats racing for one code: exactly one links", async () => {
    const { prisma } = db;
    const person = await addPerson(prisma, world.communes.a, "Phan Thị Bảy", "001140000777");
    const [code] = (
      await issueLinkCodes(prisma, {
        communeId: world.communes.a,
        beneficiaryIds: [person],
        validDays: DAYS,
        now: NOW,
        staff: null,
      })
    ).codes;
    if (!code) throw new Error("no code issued");
    // Each chat finds the code still unused, then tries to use it and link itself, as the chat side does.
    const redeem = (chat: string) =>
      prisma.$transaction(async (tx) => {
        const found = await findRedeemableCode(tx, code.displayCode, NOW);
        if (!found) return false;
        const won = await markCodeUsed(tx, found.linkCodeId, NOW);
        if (won)
          await tx.chatIdentity.create({
            data: { channel: "WEB", platformUserId: chat, beneficiaryId: found.beneficiaryId, linkedAt: NOW },
          });
        return won;
      });
    const results = await Promise.all(["web-1", "web-2", "web-3", "web-4"].map(redeem));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await prisma.chatIdentity.count({ where: { beneficiaryId: person } })).toBe(1);
    expect((await prisma.linkCode.findUniqueOrThrow({ where: { id: code.linkCodeId } })).usedAt).toEqual(NOW);
  });

  it("an officer cannot issue codes for another commune", async () => {
    const { prisma } = db;
    const staff = await officer(prisma, [world.communes.a], "xa.hoaan");
    await expect(
      issueLinkCodes(prisma, { communeId: world.communes.c, validDays: DAYS, now: NOW, staff }),
    ).rejects.toMatchObject({ code: "forbidden" });
    // A person of another commune named explicitly is not printed under the officer's commune either.
    const own = await issueLinkCodes(prisma, {
      communeId: world.communes.a,
      beneficiaryIds: [world.people.cuong],
      onlyUnlinked: false,
      validDays: DAYS,
      now: NOW,
      staff,
    });
    expect(own.codes).toEqual([]);
    await expect(
      issueLinkCodes(prisma, { communeId: "no-such-commune", validDays: DAYS, now: NOW, staff: null }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
