// The chat test commune with open and sent payout months, an officer, and Đào's own chat linked:
//   July 2026 — sent to the payment service (SCHEDULED); August and September — not yet (DRAFT).
//   Đào is paid in cash at the point every month.
import { reply as replySchema, type Reply } from "../../src/core/reply.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { StaffContext } from "../../src/http/context.ts";
import { codeFor, seedChatWorld, type ChatWorld } from "../chat/fixtures.ts";
import type { Harness, Person } from "../chat/harness.ts";
import { createStaff } from "../helpers/app.ts";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
export const MONTHS = { jul: "2026-07-01", aug: "2026-08-01", sep: "2026-09-01" } as const;
export const OFFICER_PASSWORD = "mat-khau-can-bo-1";

export interface RequestWorld extends ChatWorld {
  officer: StaffContext;
  payouts: Record<keyof typeof MONTHS, string>;
}

export async function seedRequestWorld(prisma: PrismaClient): Promise<RequestWorld> {
  const world = await seedChatWorld(prisma);
  const point = await prisma.payoutPoint.create({
    data: { communeId: world.communeId, name: "Nhà văn hóa thôn 3", address: "Thôn 3, xã Hòa An" },
  });
  const payouts = {} as Record<keyof typeof MONTHS, string>;
  for (const [key, month] of Object.entries(MONTHS) as [keyof typeof MONTHS, string][]) {
    const period = await prisma.payoutPeriod.create({
      data: { month: d(month), status: key === "jul" ? "SCHEDULED" : "DRAFT" },
    });
    const payout = await prisma.payout.create({
      data: {
        periodId: period.id,
        beneficiaryId: world.dao,
        amount: 1_000_000,
        method: "CASH_POINT",
        pointId: point.id,
        scheduledDate: d(`${month.slice(0, 8)}05`),
      },
    });
    payouts[key] = payout.id;
  }
  // Đào's daughter in the shared fixture already has an authorisation; these tests make their own.
  await prisma.authorisation.deleteMany({ where: { beneficiaryId: world.dao } });
  const staff = await createStaff(prisma, {
    username: "xa.hoaan",
    password: OFFICER_PASSWORD,
    role: "COMMUNE_OFFICER",
    communeCodes: ["91101"],
    fullName: "Phan Văn Cán",
  });
  const officer: StaffContext = {
    ...staff,
    fullName: "Phan Văn Cán",
    role: "COMMUNE_OFFICER",
    locale: "vi",
    communeIds: [world.communeId],
    sessionId: "test",
    csrfToken: "test",
  };
  return { ...world, officer, payouts };
}

/** Đào links her own chat with the printed code. */
export async function linkSelf(
  prisma: PrismaClient,
  h: Harness,
  world: ChatWorld,
  beneficiaryId: string,
  chatId: string,
): Promise<Person> {
  const p = chatter(prisma, h.person(chatId));
  await p.send(await codeFor(prisma, world, beneficiaryId, h.clock.now()));
  await p.press("role:self");
  await p.press("consent:yes");
  return p;
}

/** The notices queued for one chat (not replies), as text keys. */
export async function noticesFor(
  prisma: PrismaClient,
  identityId: string,
): Promise<{ keys: string[]; buttons: string[] }[]> {
  const rows = await prisma.outboundMessage.findMany({
    where: { identityId, kind: "NOTIFICATION" },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => {
    const reply = replySchema.parse(r.reply);
    return { keys: reply.text.map((t) => t.key), buttons: (reply.buttons ?? []).flat().map((b) => b.data) };
  });
}

/**
 * A person in the chat whose sends return only the bot's replies to them: notices queued for the
 * same chat in the meantime (an approval, a reminder) are read with noticesFor instead.
 */
export function chatter(prisma: PrismaClient, p: Person): Person {
  const where = async () => {
    const id = await p.identityId().catch(() => null);
    return id ? { identityId: id, kind: "REPLY" as const } : null;
  };
  async function send(body: Parameters<Person["send"]>[0]): Promise<Reply[]> {
    const before = await where();
    const count = before ? await prisma.outboundMessage.count({ where: before }) : 0;
    await p.send(body);
    const after = await where();
    const rows = after
      ? await prisma.outboundMessage.findMany({
          where: after,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: count,
        })
      : [];
    return rows.map((r) => replySchema.parse(r.reply));
  }
  return { send, press: (data) => send({ kind: "button", data }), identityId: p.identityId };
}
