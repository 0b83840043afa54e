// A newcomer on Zalo follows the OA, links to their record (with a printed code, or with their ID,
// date of birth and phone) and reaches the main menu, seeing exactly what the fake Zalo receives.
// Zalo's v3 consultation text shows no buttons: every choice is a numbered line the person types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { fromDbDate } from "../../src/lib/calendarDate.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { movableClock, startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { startFakeZaloApi, type FakeZaloApi, type SentZaloMessage } from "../fakes/zaloApi.ts";

let zalo: FakeZaloApi;
let app: ChatTestApp;
let webhook: string;
const cursor = new Map<string, number>();

beforeAll(async () => {
  const clock = movableClock();
  zalo = await startFakeZaloApi({ now: () => clock.now() });
  app = await startTestApp({ chat: true, env: zalo.env(), clock });
  webhook = `${app.url}/channels/zalo/webhook`;
  await ensureDemoData({ prisma: app.prisma, log: createLogger({ level: "silent" }), clock, seed: 1, count: 300 });
});

afterAll(async () => {
  await app?.close();
  await zalo?.close();
});

const vi = (key: string, params?: Record<string, unknown>) => app.deps.i18n.t("vi")(key, params);

/** Two demo people with a phone on record and no chat yet. */
async function unlinkedPeople() {
  return app.prisma.beneficiary.findMany({
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

/**
 * The next message to the person (after the ones already looked at) that matches; `again` also
 * accepts the last one looked at (to press a button on a message just checked).
 */
async function expectMessage(
  user: string,
  match: (m: SentZaloMessage) => boolean,
  again = false,
): Promise<SentZaloMessage> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const all = zalo.messagesTo(user);
    const from = Math.max(0, (cursor.get(user) ?? 0) - (again ? 1 : 0));
    const i = all.findIndex((m, idx) => idx >= from && match(m));
    if (i >= 0) {
      cursor.set(user, i + 1);
      const found = all[i];
      if (found) return found;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no matching message; got: ${all
          .slice(from)
          .map((m) => m.text)
          .join(" | ")}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The number the person types for a choice ("3. Đồng ý" → "3"), or null. */
const numberOf = (m: SentZaloMessage, title: string): string | null => {
  const line = m.text.split("\n").find((l) => /^\d+\. /.test(l) && l.slice(l.indexOf(". ") + 2) === title);
  return line ? line.slice(0, line.indexOf(".")) : null;
};
const labelled = (title: string) => (m: SentZaloMessage) => numberOf(m, title) !== null;
const saying = (text: string) => (m: SentZaloMessage) => m.text.includes(text);

/** Chooses by typing the choice's number, as the message asks. */
async function press(user: string, title: string): Promise<void> {
  const m = await expectMessage(user, labelled(title), true);
  expect(m.buttons).toEqual([]);
  expect(m.text).toContain(vi("channels:zalo.chooseByNumber"));
  expect((await zalo.deliver(webhook, zalo.events.text(user, numberOf(m, title) ?? ""))).status).toBe(200);
}

async function type(user: string, text: string): Promise<void> {
  expect((await zalo.deliver(webhook, zalo.events.text(user, text))).status).toBe(200);
}

async function follow(user: string): Promise<void> {
  expect((await zalo.deliver(webhook, zalo.events.follow(user))).status).toBe(200);
  await expectMessage(user, saying(vi("chat:welcome")));
}

async function links(user: string) {
  const identity = await app.prisma.chatIdentity.findUniqueOrThrow({
    where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    include: { links: true },
  });
  return identity.links;
}

describe("a new Zalo user", () => {
  it("follows the OA, types the printed code, agrees, and reaches the main menu", async () => {
    const [person] = await unlinkedPeople();
    if (!person) throw new Error("the demo province has nobody to link");
    const issued = await issueLinkCodes(app.prisma, {
      communeId: person.communeId,
      beneficiaryIds: [person.id],
      validDays: 90,
      now: app.clock.now(),
      staff: null,
    });
    const code = issued.codes[0]?.displayCode;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const user = "7001000000000000001";

    await follow(user);
    await type(user, String(code));
    await press(user, vi("chat:button.roleSelf"));
    const consent = await expectMessage(user, labelled(vi("chat:button.agree")));
    expect(consent.text).toContain(person.fullName);
    await press(user, vi("chat:button.agree"));

    const menu = await expectMessage(user, saying(vi("chat:linked.self")));
    expect(numberOf(menu, vi("chat:button.nextPayout"))).not.toBeNull();
    expect(await links(user)).toMatchObject([{ beneficiaryId: person.id, role: "SELF", via: "LINK_CODE" }]);
  });

  it("links with the ID, date of birth and the last four digits of the phone, and reaches the main menu", async () => {
    const [person] = await unlinkedPeople();
    if (!person?.phone) throw new Error("the demo province has nobody with a phone to link");
    const [y, m, d] = fromDbDate(person.dateOfBirth).split("-");
    const user = "7001000000000000002";

    await follow(user);
    await press(user, vi("chat:button.linkById"));
    await expectMessage(user, saying(vi("chat:id.askId")));
    await type(user, person.personalId);
    const step2 = await expectMessage(user, saying(vi("chat:id.askDob")));
    // The ID is repeated masked, never in full.
    expect(step2.text).toContain(person.personalId.slice(-4));
    expect(step2.text).not.toContain(person.personalId);
    await type(user, `${d}/${m}/${y}`);
    await expectMessage(user, saying(vi("chat:id.askPhone")));
    await type(user, person.phone.slice(-4));
    await press(user, vi("chat:button.roleSelf"));
    await press(user, vi("chat:button.agree"));

    await expectMessage(user, saying(vi("chat:linked.self")));
    expect(await links(user)).toMatchObject([{ beneficiaryId: person.id, role: "SELF", via: "IDENTITY_CHECK" }]);
  });

  it("chooses any menu item by typing its number, and a number beyond the list stays text", async () => {
    const user = "7001000000000000001"; // linked in the first test
    await type(user, "menu");
    const menu = await expectMessage(user, saying("Kính chào bác"));
    const english = numberOf(menu, vi("chat:button.english"));
    if (!english) throw new Error(`no numbered English choice in: ${menu.text}`);
    await type(user, english);
    await expectMessage(user, saying(app.deps.i18n.t("en")("chat:language.switched")));
    const identity = await app.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    });
    expect(identity.locale).toBe("en");
    await type(user, "99");
    await expectMessage(user, () => true);
    const last = await app.prisma.inboundMessage.findFirstOrThrow({
      where: { identityId: identity.id },
      orderBy: { receivedAt: "desc" },
    });
    expect(last).toMatchObject({ kind: "text", text: "99" });
  });
});
