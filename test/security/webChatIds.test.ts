// The web chat's ids are the service's own: a cookie the browser makes up is not a chat, one
// address cannot open chats or post without limit, and failed identity checks are counted so
// that a stranger who knows someone's personal ID cannot stop its owner linking their chat.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiePair, startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { seedWorld } from "../console/fixtures.ts";
import { chatItem } from "../webchat/chatClient.ts";
import { z } from "zod";

const DAO_ID = "001140123456";

let app: ChatTestApp;
let vi: (key: string) => string;
let nextAddress = 10;
const newAddress = () => `198.51.100.${nextAddress++}`;

beforeAll(async () => {
  app = await startTestApp({ chat: true, env: { WEB_CHAT_NEW_PER_HOUR: "6", WEB_CHAT_MESSAGES_PER_MINUTE: "12" } });
  await seedWorld(app.prisma);
  const t = app.deps.i18n.t("vi");
  vi = (key) => t(key);
});
afterAll(async () => {
  await app?.close();
});

/** A browser behind one client address (the service sits behind a local proxy). */
async function openChat(
  address: string,
): Promise<{ cookie: string; post: (body: Record<string, unknown>, from?: string) => Promise<Response> }> {
  const page = await fetch(`${app.url}/chat`, { headers: { "x-forwarded-for": address } });
  const cookie = cookiePair(page.headers.getSetCookie(), "asb_chat");
  if (page.status !== 200 || !cookie) throw new Error(`/chat answered ${page.status} without a chat`);
  return { cookie, post: (body, from = address) => post(cookie, body, from) };
}

function post(cookie: string, body: Record<string, unknown>, address: string): Promise<Response> {
  return fetch(`${app.url}/chat/api/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-requested-with": "asb-chat",
      origin: app.url,
      cookie,
      "x-forwarded-for": address,
    },
    body: JSON.stringify({ clientMessageId: randomUUID(), ...body }),
  });
}

async function botSaid(cookie: string): Promise<string[]> {
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
  const res = await fetch(`${app.url}/chat/api/history`, { headers: { cookie } });
  const body = z.object({ items: z.array(chatItem) }).parse(await res.json());
  return body.items.filter((i) => i.from === "bot").map((i) => i.text);
}

describe("web chat ids", () => {
  it("treats a made-up chat cookie as no chat: the API refuses it and the page gives a new one", async () => {
    for (const madeUp of ["A".repeat(22), `${"A".repeat(22)}.${"B".repeat(11)}.${"C".repeat(32)}`]) {
      const cookie = `asb_chat=${madeUp}`;
      expect((await post(cookie, { kind: "text", text: "menu" }, newAddress())).status, madeUp).toBe(401);
      expect((await fetch(`${app.url}/chat/api/history`, { headers: { cookie } })).status).toBe(401);
      const page = await fetch(`${app.url}/chat`, { headers: { cookie, "x-forwarded-for": newAddress() } });
      const given = cookiePair(page.headers.getSetCookie(), "asb_chat");
      expect(given).toBeDefined();
      expect(given).not.toBe(cookie);
    }
    // A real id with one character changed is made up too.
    const chat = await openChat(newAddress());
    const changed = chat.cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await post(changed, { kind: "text", text: "menu" }, newAddress())).status).toBe(401);
    expect((await chat.post({ kind: "text", text: "menu" })).status).toBe(202);
    expect(
      await app.prisma.chatIdentity.count({
        where: { platformUserId: { in: ["A".repeat(22), changed.split("=")[1] ?? ""] } },
      }),
    ).toBe(0);
  });

  it("keeps the chats opened before ids were signed", async () => {
    const old = "OldChatIdFromLastYear0";
    await app.prisma.chatIdentity.create({ data: { channel: "WEB", platformUserId: old } });
    expect((await post(`asb_chat=${old}`, { kind: "text", text: "menu" }, newAddress())).status).toBe(202);
    const page = await fetch(`${app.url}/chat`, { headers: { cookie: `asb_chat=${old}` } });
    expect(page.headers.getSetCookie().some((c) => c.startsWith("asb_chat="))).toBe(false);
  });

  it("lets one address open only so many new chats an hour; others are not held up", async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await fetch(`${app.url}/chat`, { headers: { "x-forwarded-for": address } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${app.url}/chat`, { headers: { "x-forwarded-for": address } });
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await refused.text()).toContain(vi("webchat:busy"));
    expect((await fetch(`${app.url}/chat`, { headers: { "x-forwarded-for": newAddress() } })).status).toBe(200);
    app.clock.advance(61 * 60_000);
    expect((await fetch(`${app.url}/chat`, { headers: { "x-forwarded-for": address } })).status).toBe(200);
  });

  it("slows down one address posting through many chats, however many chats it holds", async () => {
    const chats = [await openChat(newAddress()), await openChat(newAddress()), await openChat(newAddress())];
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await chats[i % 3]!.post({ kind: "text", text: `câu ${i}` }, from)).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(202));
    expect(statuses.slice(12)).toEqual([429, 429, 429]);
    expect((await chats[0]!.post({ kind: "text", text: "menu" })).status).toBe(202);
  });

  it("never lets a stranger who knows someone's ID block its owner from linking with it", async () => {
    const check = async (chat: Awaited<ReturnType<typeof openChat>>, dob: string, phone: string) => {
      // A minute apart, as people type: the message limits are not what this is about.
      app.clock.advance(61_000);
      for (const body of [
        { kind: "button", data: "link:id" },
        { kind: "text", text: DAO_ID },
        { kind: "text", text: dob },
        { kind: "text", text: phone },
      ]) {
        expect((await chat.post(body)).status).toBe(202);
        await app.runtime.engine.settle();
      }
      return (await botSaid(chat.cookie)).at(-1) ?? "";
    };
    // The stranger tries from two chats of theirs, ten wrong answers in all.
    const stranger = newAddress();
    for (const chat of [await openChat(stranger), await openChat(stranger)]) {
      for (let i = 0; i < 5; i++) await check(chat, `1/1/19${30 + i}`, "0000");
    }
    const third = await openChat(stranger);
    expect(await check(third, "9/5/1940", "5678")).not.toContain(vi("chat:id.verified"));
    // The owner, from her own phone, at once.
    const owner = await openChat(newAddress());
    const said = await botSaid(owner.cookie);
    await check(owner, "9/5/1940", "5678");
    // "Verified" leads the bubble that asks who she is.
    expect((await botSaid(owner.cookie)).slice(said.length).join("\n")).toContain(vi("chat:id.verified"));
  });
});
