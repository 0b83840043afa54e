// Numbers people type into a hotline ticket (a personal ID, an account number, a phone) are kept
// like the chat keeps them: masked in the ticket page, in the copy of a person's chat data and in
// the table itself, also for tickets written before they were masked.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/db/migrator.ts";
import { createStaff, signIn, startTestApp, type ChatTestApp, type SignedIn } from "../helpers/app.ts";
import { seedWorld, type World } from "../console/fixtures.ts";

const PW = "mat-khau-dai-du-12";
const TYPED = "Số tài khoản của tôi là 1500205123456, căn cước 001140123456, gọi cho con gái 0987654321 nhé";
const NUMBERS = ["1500205123456", "001140123456", "0987654321"];

let app: ChatTestApp;
let world: World;
let agent: SignedIn;
let officer: SignedIn;
const chatId = "DaoWebChatFromLastYear";

beforeAll(async () => {
  app = await startTestApp({ chat: true });
  world = await seedWorld(app.prisma);
  await createStaff(app.prisma, { username: "tongdai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["901"] });
  await createStaff(app.prisma, {
    username: "xa.hoaan",
    password: PW,
    role: "COMMUNE_OFFICER",
    communeCodes: ["90101"],
  });
  agent = await signIn(app.url, "tongdai", PW);
  officer = await signIn(app.url, "xa.hoaan", PW);
  const now = new Date();
  const own = await app.prisma.chatIdentity.create({
    data: {
      channel: "WEB",
      platformUserId: chatId,
      displayName: "Đào",
      beneficiaryId: world.people.dao,
      linkedAt: now,
      consentAt: now,
    },
  });
  await app.prisma.chatLink.create({
    data: { identityId: own.id, beneficiaryId: world.people.dao, role: "SELF", via: "LINK_CODE" },
  });
});
afterAll(async () => {
  await app?.close();
});

async function say(text: string): Promise<void> {
  const res = await fetch(`${app.url}/chat/api/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-requested-with": "asb-chat",
      origin: app.url,
      cookie: `asb_chat=${chatId}`,
    },
    body: JSON.stringify({ clientMessageId: crypto.randomUUID(), kind: "text", text }),
  });
  expect(res.status).toBe(202);
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
}

const page = (who: SignedIn, p: string) =>
  fetch(`${app.url}${p}`, { headers: { cookie: who.cookie, accept: "text/html" } }).then((r) => r.text());
const inClear = (text: string) => NUMBERS.filter((n) => text.includes(n));

describe("numbers typed into a hotline ticket", () => {
  let number = 0;

  it("are masked in the ticket page, the person's chat data copy and the table", async () => {
    await say("tôi muốn gặp nhân viên tổng đài");
    await say(TYPED);
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({
      where: { beneficiaryId: world.people.dao },
      include: { messages: true },
    });
    number = ticket.number;
    const stored = ticket.messages.map((m) => m.text).join("\n");
    expect(stored).toContain("••••••••3456");
    expect(inClear(stored)).toEqual([]);

    const ticketPage = await page(agent, `/console/hotline/${number}`);
    expect(ticketPage).toContain("Số tài khoản của tôi là ••••••••3456");
    expect(inClear(ticketPage)).toEqual([]);
    const copy = await page(officer, `/console/beneficiaries/${world.people.dao}/chat-data`);
    expect(copy).toContain("Số tài khoản của tôi là ••••••••3456");
    expect(inClear(copy)).toEqual([]);
  });

  it("are masked in tickets written before, on the page at once and in the table by the migration", async () => {
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({ where: { number } });
    const old = await app.prisma.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        author: "PERSON",
        text: `Trước đây: ${TYPED}, mã 123e4567-e89b-12d3-a456-426614174000`,
      },
    });
    expect(inClear(await page(agent, `/console/hotline/${number}`))).toEqual([]);
    expect(inClear(await page(officer, `/console/beneficiaries/${world.people.dao}/chat-data`))).toEqual([]);

    const migration = await readFile(
      path.join(MIGRATIONS_DIR, "20261206150000_mask_ticket_messages", "migration.sql"),
      "utf8",
    );
    await app.prisma.$executeRawUnsafe(migration);
    const after = await app.prisma.ticketMessage.findUniqueOrThrow({ where: { id: old.id } });
    expect(inClear(after.text)).toEqual([]);
    expect(after.text).toContain("căn cước ••••••••3456");
    // Record ids and short numbers are left as they are.
    expect(after.text).toContain("123e4567-e89b-12d3-a456-426614174000");
  });
});
