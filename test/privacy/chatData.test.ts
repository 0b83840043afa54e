// A person's rights over their chat data, exercised through the commune officer: a copy of what the
// chats hold about them, and its erasure. Only officers of the person's area can do either, and
// every use is in the audit log.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbound } from "../../src/delivery/enqueue.ts";
import type { ChatDataCopy } from "../../src/features/privacy/chatData.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createStaff, signIn, startTestApp, type ChatTestApp, type SignedIn } from "../helpers/app.ts";

let app: ChatTestApp;
let world: World;
let officer: SignedIn;
let elsewhere: SignedIn;
let agent: SignedIn;
const chatId = randomBytes(16).toString("base64url");
const chatCookie = `asb_chat=${chatId}`;
let ownIdentity: string;
let relativeIdentity: string;

async function say(text: string, kind: "text" | "button" = "text"): Promise<void> {
  const res = await fetch(`${app.url}/chat/api/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-requested-with": "asb-chat",
      origin: app.url,
      cookie: chatCookie,
    },
    body: JSON.stringify({ clientMessageId: randomUUID(), kind, ...(kind === "text" ? { text } : { data: text }) }),
  });
  expect(res.status).toBeLessThan(300);
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
}

async function history(): Promise<{ from: string; text: string }[]> {
  const res = await fetch(`${app.url}/chat/api/history`, { headers: { cookie: chatCookie } });
  return ((await res.json()) as { items: { from: string; text: string }[] }).items;
}

const get = (who: SignedIn, path: string) => fetch(`${app.url}${path}`, { headers: { cookie: who.cookie } });
const erase = (who: SignedIn, id: string, confirm: boolean) =>
  fetch(`${app.url}/console/beneficiaries/${id}/chat-data/erase`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: who.cookie },
    body: new URLSearchParams({ _csrf: who.csrfToken, ...(confirm ? { confirm: "yes" } : {}) }),
  });

beforeAll(async () => {
  app = await startTestApp({ chat: true });
  world = await seedWorld(app.prisma);
  const password = "mat-khau-dai-du-12";
  await createStaff(app.prisma, { username: "xa.hoaan", password, role: "COMMUNE_OFFICER", communeCodes: ["90101"] });
  await createStaff(app.prisma, {
    username: "xa.thuyxuan",
    password,
    role: "COMMUNE_OFFICER",
    communeCodes: ["90201"],
  });
  await createStaff(app.prisma, { username: "tongdai", password, role: "HOTLINE_AGENT", provinceCodes: ["901"] });
  officer = await signIn(app.url, "xa.hoaan", password);
  elsewhere = await signIn(app.url, "xa.thuyxuan", password);
  agent = await signIn(app.url, "tongdai", password);

  // Bà Đào chats on the web chat, linked as herself; her daughter Hoa collects for her on Zalo.
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
  ownIdentity = own.id;
  await app.prisma.chatLink.create({
    data: { identityId: own.id, beneficiaryId: world.people.dao, role: "SELF", via: "LINK_CODE" },
  });
  const hoa = await app.prisma.chatIdentity.findUniqueOrThrow({
    where: { channel_platformUserId: { channel: "ZALO", platformUserId: "zalo-hoa" } },
  });
  relativeIdentity = hoa.id;
  await app.prisma.chatLink.create({
    data: { identityId: hoa.id, beneficiaryId: world.people.dao, role: "REPRESENTATIVE", via: "AUTHORISATION" },
  });
  await app.prisma.inboundMessage.create({
    data: {
      channel: "ZALO",
      platformMessageId: "hoa-1",
      identityId: hoa.id,
      kind: "text",
      text: "mẹ tôi nhận tiền ở đâu",
      payload: { kind: "text", text: "mẹ tôi nhận tiền ở đâu" },
    },
  });
  await say("xin chào");
  await say("tiền tháng này bao nhiêu");
  // A notice waiting for tomorrow morning, and a hotline ticket with an internal note.
  await enqueueOutbound(app.prisma, [
    {
      kind: "NOTIFICATION",
      to: { identityId: own.id, channel: "WEB" },
      reply: { text: [{ key: "chat:menu.title" }] },
      beneficiaryId: world.people.dao,
      notBefore: new Date(Date.now() + 86_400_000),
    },
  ]);
  await app.prisma.hotlineTicket.create({
    data: {
      identityId: own.id,
      beneficiaryId: world.people.dao,
      communeId: world.communes.a,
      topic: "payout_missing",
      messages: {
        create: [
          { author: "PERSON", text: "tôi chưa nhận được tiền tháng 6" },
          { author: "STAFF", text: "Dạ, cán bộ xã sẽ gọi lại cho bác ạ." },
          { author: "NOTE", text: "đã gọi xã, chờ kiểm tra" },
        ],
      },
    },
  });
});
afterAll(async () => {
  await app?.close();
});

describe("a person's chat data", () => {
  it("is shown to her in her own chat, with what she can do about it", async () => {
    await say("me", "button");
    const items = await history();
    const shown = items.slice(-2);
    const facts = shown[0]?.text ?? "";
    expect(facts).toContain("Họ tên: Nguyễn Thị Đào");
    expect(facts).toContain("Ngày sinh: 09/05/1940");
    expect(facts).toContain("Số điện thoại: ••••••5678");
    expect(facts).toContain("Nhận tiền qua: Agribank ••••3456");
    expect(facts).toContain("Người nhận thay: Lê Thị Hoa, đến ngày 31/12/2026");
    expect(facts).not.toContain("0912345678");
    expect(facts).not.toContain("001140123456");
    expect(shown[1]?.text).toContain("Xóa liên kết");
  });

  it("is handed over as a copy by the area's officer: both sides of her own chat, her tickets, the relative's link without the relative's words", async () => {
    const res = await get(officer, `/console/beneficiaries/${world.people.dao}/chat-data`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const copy = (await res.json()) as ChatDataCopy;
    expect(copy.person.fullName).toBe("Nguyễn Thị Đào");
    expect(JSON.stringify(copy)).not.toContain("001140123456");
    const own = copy.chats.find((c) => c.linkedAs === "SELF");
    expect(own?.channel).toBe("WEB");
    expect(own?.messages.filter((m) => m.from === "person" && m.text).map((m) => m.text)).toEqual([
      "xin chào",
      "tiền tháng này bao nhiêu",
    ]);
    expect(own?.messages.filter((m) => m.button).map((m) => m.button)).toEqual(["me"]);
    expect(own?.messages.filter((m) => m.from === "service").length).toBeGreaterThan(1);
    expect(own?.messages.some((m) => m.from === "service" && m.text?.includes("1.250.000"))).toBe(true);
    const relative = copy.chats.find((c) => c.linkedAs === "REPRESENTATIVE");
    expect(relative?.channel).toBe("ZALO");
    expect(relative?.messages).toEqual([]);
    expect(copy.tickets).toHaveLength(1);
    expect(copy.tickets[0]?.messages.map((m) => m.text)).toEqual([
      "tôi chưa nhận được tiền tháng 6",
      "Dạ, cán bộ xã sẽ gọi lại cho bác ạ.",
    ]);
    const audit = await app.prisma.auditLog.findFirst({
      where: { action: "privacy.chat_data_copy", entityId: world.people.dao },
    });
    expect(audit?.actor).toBe("xa.hoaan");
  });

  it("cannot be copied or erased by an officer of another area (404) or by a hotline agent (403), who sees no such buttons", async () => {
    expect((await get(elsewhere, `/console/beneficiaries/${world.people.dao}/chat-data`)).status).toBe(404);
    expect((await erase(elsewhere, world.people.dao, true)).status).toBe(404);
    expect((await get(agent, `/console/beneficiaries/${world.people.dao}/chat-data`)).status).toBe(403);
    expect((await erase(agent, world.people.dao, true)).status).toBe(403);
    const page = await (await get(agent, `/console/beneficiaries/${world.people.dao}`)).text();
    expect(page).not.toContain("chat-data");
    const officerPage = await (await get(officer, `/console/beneficiaries/${world.people.dao}`)).text();
    expect(officerPage).toContain(`/console/beneficiaries/${world.people.dao}/chat-data`);
    expect(await app.prisma.inboundMessage.count({ where: { identityId: ownIdentity, text: { not: null } } })).toBe(3);
  });

  it("is erased only when the officer confirms the person asked, and then her chat forgets her", async () => {
    expect((await erase(officer, world.people.dao, false)).status).toBe(400);
    expect((await history()).length).toBeGreaterThan(0);

    const res = await erase(officer, world.people.dao, true);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã xóa: 1 kênh trò chuyện của chính chủ, 1 liên kết của người thân");

    // Her chat shows nothing of before, the waiting notice will never come, and her ticket keeps no words.
    expect(await history()).toEqual([]);
    const waiting = await app.prisma.outboundMessage.findFirstOrThrow({
      where: { identityId: ownIdentity, kind: "NOTIFICATION" },
    });
    expect([waiting.status, waiting.failureReason]).toEqual(["SKIPPED", "erased"]);
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({
      where: { beneficiaryId: world.people.dao },
      include: { messages: true },
    });
    expect(ticket.messages.every((m) => m.text === "[erased]")).toBe(true);
    expect(ticket.topic).toBe("payout_missing");

    // The daughter's chat is hers: it stays, with her own words, but no longer reaches her mother's data.
    expect(await app.prisma.chatLink.count({ where: { beneficiaryId: world.people.dao } })).toBe(0);
    expect(await app.prisma.inboundMessage.findFirst({ where: { identityId: relativeIdentity } })).toMatchObject({
      text: "mẹ tôi nhận tiền ở đâu",
    });

    // Writing again, she is a newcomer: nothing about her payouts is shown.
    await say("tiền tháng này bao nhiêu");
    const after = await history();
    expect(after.length).toBeGreaterThan(1);
    expect(after.map((i) => i.text).join("\n")).not.toMatch(/1\.250\.000|Nguyễn Thị Đào/);

    const audit = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: "privacy.chat_data_erase", entityId: world.people.dao },
    });
    expect(audit.detail).toMatchObject({ ownChats: 1, relativeLinks: 1, ticketMessages: 3 });
    const copy = (await (
      await get(officer, `/console/beneficiaries/${world.people.dao}/chat-data`)
    ).json()) as ChatDataCopy;
    expect(copy.chats).toEqual([]);
  });
});
