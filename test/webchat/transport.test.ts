// The web chat's transport without a browser: the cookie that names a chat, posting messages
// (once, from the page only, not too fast), the history, and replies on the event stream.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { openChat } from "./chatClient.ts";

let app: ChatTestApp;
let vi: (key: string) => string;

beforeAll(async () => {
  app = await startTestApp({ chat: true });
  const t = app.deps.i18n.t("vi");
  vi = (key) => t(key);
});
afterAll(async () => {
  await app.close();
});

async function settled(): Promise<void> {
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
}

describe("the chat page", () => {
  it("gives a newcomer a random chat id in an httpOnly, SameSite=Lax cookie and a Vietnamese page", async () => {
    const first = await fetch(`${app.url}/chat`);
    const second = await fetch(`${app.url}/chat`);
    const chatCookie = (r: Response): string => r.headers.getSetCookie().find((c) => c.startsWith("asb_chat=")) ?? "";
    const cookieA = chatCookie(first);
    const cookieB = chatCookie(second);
    // "<random>.<client>.<tag>": made and signed by the service (test/security/webChatIds.test.ts).
    expect(cookieA).toMatch(/^asb_chat=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{32};/);
    expect(cookieA).toMatch(/HttpOnly/i);
    expect(cookieA).toMatch(/SameSite=Lax/i);
    expect(cookieA.split(";")[0]).not.toBe(cookieB.split(";")[0]);
    const page = await first.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain("An Sinh Bot");

    const again = await fetch(`${app.url}/chat`, { headers: { cookie: cookieA.split(";")[0] ?? "" } });
    expect(again.headers.getSetCookie().some((c) => c.startsWith("asb_chat="))).toBe(false);
  });

  it("shows its texts in English with ?lang=en and serves its script and styles", async () => {
    const page = await (await fetch(`${app.url}/chat?lang=en`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Type a message…");
    for (const [file, type] of [
      ["chat.js", "javascript"],
      ["chat.css", "css"],
    ] as const) {
      const src = new RegExp(`/chat/static/${file.replace(".", "\\.")}\\?v=[0-9a-f]+`).exec(page)?.[0];
      expect(src).toBeDefined();
      const res = await fetch(`${app.url}${src}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
    }
  });
});

describe("posting messages", () => {
  it("answers a newcomer's start with the greeting and the menu buttons", async () => {
    const chat = await openChat(app.url);
    expect((await chat.post({ kind: "start" })).status).toBe(202);
    await settled();
    const { items } = await chat.history();
    expect(items.map((i) => i.from)).toEqual(["bot", "bot"]);
    expect(items[0]?.text).toBe(vi("chat:welcome"));
    expect(items[1]?.buttons.flat().map((b) => b.label)).toContain(vi("chat:button.linkByCode"));
  });

  it("answers a retried POST (same clientMessageId) once", async () => {
    const chat = await openChat(app.url);
    const body = { kind: "text", text: "menu", clientMessageId: randomUUID() };
    const first = await chat.post(body);
    const retry = await chat.post(body);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(await retry.json()).toMatchObject({ duplicate: true });
    await settled();
    const { items } = await chat.history();
    expect(items.filter((i) => i.from === "me").map((i) => i.text)).toEqual(["menu"]);
    expect(items.filter((i) => i.from === "bot")).toHaveLength(1);
  });

  it("refuses a post from another site, or without the page's header, and stores nothing", async () => {
    const chat = await openChat(app.url);
    const crossSite = await chat.post({ kind: "text", text: "xin chào" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    const noHeader = await chat.post({ kind: "text", text: "xin chào" }, { "x-requested-with": "" });
    expect(noHeader.status).toBe(403);
    await settled();
    expect((await chat.history()).items).toEqual([]);
  });

  it("refuses a post without a chat cookie or with a malformed body", async () => {
    const chat = await openChat(app.url);
    expect((await chat.post({ kind: "text", text: "hi" }, { cookie: "" })).status).toBe(401);
    expect((await chat.post({ kind: "text", text: "" })).status).toBe(400);
    expect((await chat.post({ kind: "shout", text: "hi" })).status).toBe(400);
    expect((await chat.post({ kind: "text", text: "hi", clientMessageId: "1" })).status).toBe(400);
    expect((await chat.post({ kind: "text", text: "x".repeat(60_000) })).status).toBe(413);
  });

  it("slows down a chat that sends more than 20 messages in 10 seconds", async () => {
    const chat = await openChat(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await chat.post({ kind: "text", text: `tin ${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    app.clock.advance(11_000);
    expect((await chat.post({ kind: "text", text: "sau khi chờ" })).status).toBe(202);
    await settled();
  });
});

describe("replies in real time", () => {
  it("pushes the replies to the open event stream as they are sent", async () => {
    const chat = await openChat(app.url);
    const stream = await chat.stream();
    await chat.post({ kind: "start" });
    const first = await stream.next();
    const second = await stream.next();
    expect([first.text, second.from]).toEqual([vi("chat:welcome"), "bot"]);
    stream.close();
  });

  it("delivers a reply that another instance sent, by looking in the database", async () => {
    const chat = await openChat(app.url);
    await chat.post({ kind: "start" });
    await settled();
    const { items, now } = await chat.history();
    const stream = await chat.stream(Date.parse(now));
    const identity = await app.prisma.chatIdentity.findFirstOrThrow({
      where: { platformUserId: chat.cookie.split("=")[1] },
    });
    await app.prisma.outboundMessage.create({
      data: {
        channel: "WEB",
        identityId: identity.id,
        kind: "REPLY",
        reply: { text: [{ key: "chat:welcome" }] },
        status: "SENT",
        sentAt: app.clock.now(),
        platformMessageId: "sent-by-another-instance",
      },
    });
    // The stream may repeat what the page already shows (it looks back a little); the page
    // drops those by id. What is new to the page is exactly the other instance's message.
    const known = new Set(items.map((i) => i.id));
    let item = await stream.next(4000);
    while (known.has(item.id)) item = await stream.next(4000);
    expect(item).toMatchObject({ id: "sent-by-another-instance", from: "bot", text: vi("chat:welcome") });
    await expect(stream.next(1500)).rejects.toThrow();
    stream.close();
  });

  it("catches a reconnecting page up on what it missed", async () => {
    const chat = await openChat(app.url);
    const before = app.clock.now().getTime();
    await chat.post({ kind: "start" });
    await settled();
    const stream = await chat.stream(before);
    const missed = [await stream.next(), await stream.next()];
    expect(missed.map((m) => m.from)).toEqual(["bot", "bot"]);
    expect(missed[0]?.text).toBe(vi("chat:welcome"));
    stream.close();
  });

  it("masks an ID number the person typed when the history shows it again", async () => {
    const chat = await openChat(app.url);
    await chat.post({ kind: "text", text: "số của tôi là 001145012345" });
    await settled();
    const mine = (await chat.history()).items.filter((i) => i.from === "me");
    expect(mine.map((i) => i.text)).toEqual(["số của tôi là ••••••••2345"]);
  });

  it("shows the label of a pressed button in the history", async () => {
    const chat = await openChat(app.url);
    await chat.post({ kind: "start" });
    await settled();
    const more = (await chat.history()).items.flatMap((i) => i.buttons.flat()).find((b) => b.data === "more");
    expect(more).toBeDefined();
    await chat.post({ kind: "button", data: more?.data ?? "" });
    await settled();
    const mine = (await chat.history()).items.filter((i) => i.from === "me");
    expect(mine.map((i) => i.text)).toEqual([vi("chat:button.more")]);
  });
});
