// A newcomer on Telegram links to their record and reaches the main menu, seeing exactly what the
// fake Bot API receives: Vietnamese text and buttons they press.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { fromDbDate } from "../../src/lib/calendarDate.ts";
import { createLogger } from "../../src/lib/logger.ts";
import type { SentMessage } from "../fakes/telegramApi.ts";
import { startTelegramHarness, type TelegramHarness } from "./telegramHarness.ts";

let h: TelegramHarness;
const cursor = new Map<number, number>();

beforeAll(async () => {
  h = await startTelegramHarness();
  await ensureDemoData({
    prisma: h.prisma,
    log: createLogger({ level: "silent" }),
    clock: h.clock,
    seed: 1,
    count: 300,
  });
});

afterAll(async () => {
  await h?.close();
});

/** Two demo people with a phone on record and no chat yet. */
async function unlinkedPeople() {
  return h.prisma.beneficiary.findMany({
    where: {
      status: "ACTIVE",
      phone: { not: null },
      chatIdentities: { none: {} },
      relatives: { none: { chatIdentities: { some: {} } } },
    },
    orderBy: { personalId: "asc" },
    take: 2,
  });
}

/** The next message to the chat (after the ones already looked at, or from the last one) that matches. */
async function expectMessage(
  chatId: number,
  match: (m: SentMessage) => boolean,
  fromLast = false,
): Promise<SentMessage> {
  const seen = cursor.get(chatId) ?? 0;
  const m = await h.fake.waitForMessage(chatId, match, { after: fromLast ? Math.max(0, seen - 1) : seen });
  cursor.set(chatId, h.fake.sentMessages(chatId).indexOf(m) + 1);
  return m;
}

const labelled = (label: string) => (m: SentMessage) => m.buttons.flat().some((b) => b.text === label);
const saying = (text: string) => (m: SentMessage) => m.text.includes(text);

/** Presses the button with this label on the message last looked at, or the next one showing it. */
async function press(chatId: number, label: string): Promise<void> {
  const m = await expectMessage(chatId, labelled(label), true);
  const data = m.buttons.flat().find((b) => b.text === label)?.data;
  if (data === undefined) throw new Error(`no button "${label}"`);
  expect((await h.post(h.fake.updates.callback(chatId, data))).status).toBe(200);
}

async function type(chatId: number, text: string): Promise<void> {
  expect((await h.post(h.fake.updates.text(chatId, text))).status).toBe(200);
}

async function identityLinks(chatId: number) {
  const identity = await h.prisma.chatIdentity.findUniqueOrThrow({
    where: { channel_platformUserId: { channel: "TELEGRAM", platformUserId: String(chatId) } },
    include: { links: true },
  });
  return identity.links;
}

describe("a new Telegram user", () => {
  it("opens the bot with a printed code (/start ABCD-EFGH), agrees, and reaches the main menu", async () => {
    const [person] = await unlinkedPeople();
    if (!person) throw new Error("the demo province has nobody to link");
    const issued = await issueLinkCodes(h.prisma, {
      communeId: person.communeId,
      beneficiaryIds: [person.id],
      validDays: 90,
      now: h.clock.now(),
      staff: null,
    });
    const code = issued.codes[0]?.displayCode;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    await type(5001, `/start ${code}`);
    await expectMessage(5001, saying(person.fullName));
    await press(5001, "Tôi là chính chủ");
    const consent = await expectMessage(5001, labelled("Đồng ý"));
    expect(consent.text).toContain(person.fullName);
    // The two answers, and a person one tap away.
    expect(consent.buttons.flat().map((b) => b.text)).toEqual(["Đồng ý", "Không đồng ý", "Gặp người thật"]);
    await press(5001, "Đồng ý");

    const menu = await expectMessage(5001, saying("Liên kết xong!"));
    expect(menu.buttons.flat().map((b) => b.text)).toContain("Khi nào nhận tiền");
    expect(await identityLinks(5001)).toMatchObject([{ beneficiaryId: person.id, role: "SELF", via: "LINK_CODE" }]);
  });

  it("links with the ID, date of birth and the last four digits of the phone, and reaches the main menu", async () => {
    const [person] = await unlinkedPeople();
    if (!person?.phone) throw new Error("the demo province has nobody with a phone to link");
    const [y, m, d] = fromDbDate(person.dateOfBirth).split("-");

    await type(5002, "/start");
    await press(5002, "Liên kết bằng số định danh");
    await expectMessage(5002, saying("Bước 1/3"));
    await type(5002, person.personalId);
    const step2 = await expectMessage(5002, saying("Bước 2/3"));
    // The ID is repeated masked, never in full.
    expect(step2.text).toContain(person.personalId.slice(-4));
    expect(step2.text).not.toContain(person.personalId);
    await type(5002, `${d}/${m}/${y}`);
    await expectMessage(5002, saying("Bước 3/3"));
    await type(5002, person.phone.slice(-4));
    await press(5002, "Tôi là chính chủ");
    await press(5002, "Đồng ý");

    await expectMessage(5002, saying("Liên kết xong!"));
    expect(await identityLinks(5002)).toMatchObject([
      { beneficiaryId: person.id, role: "SELF", via: "IDENTITY_CHECK" },
    ]);
  });
});
