// The Zalo webhook through the real wire: signed events from a fake Zalo reach the bot over HTTP,
// and the bot's answers arrive at the fake Zalo Open API.
import type { Server } from "node:http";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createI18n, type I18n } from "../../src/core/i18n.ts";
import { createChatRuntime, type ChatRuntime } from "../../src/conversation/runtime.ts";
import { createApp } from "../../src/http/app.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { movableClock } from "../helpers/app.ts";
import { signZaloEvent, startFakeZaloApi, type FakeZaloApi } from "../fakes/zaloApi.ts";

let db: TestDatabase;
let zalo: FakeZaloApi;
let i18n: I18n;
let runtime: ChatRuntime;
let server: Server;
let webhook: string;
const logLines: string[] = [];
const clock = movableClock();
let nextUser = 1;
const newUser = () => `84${String(nextUser++).padStart(16, "0")}`;

beforeAll(async () => {
  db = await createTestDatabase();
  zalo = await startFakeZaloApi();
  i18n = await createI18n();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MIGRATE_ON_START: "false",
    ...zalo.env(),
  });
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger({ level: "info", destination });
  runtime = createChatRuntime({ config, prisma: db.prisma, log, clock, i18n, pollMs: 50 });
  await runtime.start();
  const app = createApp({
    config,
    db,
    prisma: db.prisma,
    log,
    i18n,
    clock,
    isReady: () => true,
    channels: runtime.channels,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  webhook = `http://127.0.0.1:${address.port}/channels/zalo/webhook`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.stop();
  await zalo.close();
  await db.destroy();
});

beforeEach(() => {
  logLines.length = 0;
});

afterEach(async () => {
  await settled();
});

/** Everything received was answered and everything answered was sent. */
async function settled(): Promise<void> {
  await runtime.engine.settle();
  await runtime.outbox.drain();
}

const vi = (key: string, params?: Record<string, unknown>) => i18n.t("vi")(key, params);

async function storedFor(userId: string) {
  return db.prisma.inboundMessage.findMany({ where: { channel: "ZALO", identity: { platformUserId: userId } } });
}

describe("a correctly signed event", () => {
  it("is answered with 200 at once, stored, and answered in Vietnamese in one message, choices numbered", async () => {
    const user = newUser();
    const res = await zalo.deliver(webhook, zalo.events.follow(user));
    expect(res.status).toBe(200);
    await settled();

    // Welcome and menu in one message: each message counts against Zalo's 8 free replies.
    const [only, ...more] = zalo.messagesTo(user);
    expect(more).toEqual([]);
    expect(only?.text).toContain(vi("chat:welcome"));
    expect(only?.text).toContain(vi("chat:menu.unlinked"));
    expect(only?.text).toContain(`${vi("channels:zalo.chooseByNumber")}\n1. `);
    expect(only?.text).toMatch(new RegExp(`\\d\\. ${vi("chat:button.linkById")}`));
    // No buttons on a v3 consultation text: Zalo would not show them.
    expect(only?.ignoredButtons).toBe(0);
    expect(await storedFor(user)).toHaveLength(1);
  });

  it("turns a typed choice number back into the choice it stands for", async () => {
    const user = newUser();
    await zalo.deliver(webhook, zalo.events.follow(user));
    await settled();
    const line = zalo
      .messagesTo(user)[0]
      ?.text.split("\n")
      .find((l) => l.endsWith(`. ${vi("chat:button.linkById")}`));
    expect(line).toBeDefined();

    const res = await zalo.deliver(webhook, zalo.events.text(user, line?.split(".")[0] ?? ""));
    expect(res.status).toBe(200);
    await settled();
    const stored = await storedFor(user);
    expect(stored.map((m) => m.kind)).toEqual(expect.arrayContaining(["start", "button"]));
    // The bot asks for the personal ID: the number was understood as "link with my ID".
    expect(zalo.messagesTo(user).at(-1)?.text).toContain(vi("chat:id.askId"));
  });

  it("reads a pressed template button whether it arrives as the person's text or as user_click_button", async () => {
    const user = newUser();
    await zalo.deliver(webhook, zalo.events.text(user, "xin chào"));
    await settled();
    await zalo.deliver(webhook, zalo.events.text(user, "#btn:link:id"));
    await settled();
    expect(zalo.messagesTo(user).at(-1)?.text).toContain(vi("chat:id.askId"));
    const other = newUser();
    await zalo.deliver(webhook, zalo.events.text(other, "xin chào"));
    await settled();
    await zalo.deliver(webhook, zalo.events.click(other, "#btn:link:id"));
    await settled();
    expect(zalo.messagesTo(other).at(-1)?.text).toContain(vi("chat:id.askId"));
    expect((await storedFor(other)).map((m) => m.kind)).toEqual(["text", "button"]);
  });

  it("is processed once when Zalo delivers the same message twice", async () => {
    const user = newUser();
    const event = zalo.events.text(user, "xin chào", "msg-dup-1");
    expect((await zalo.deliver(webhook, event)).status).toBe(200);
    expect((await zalo.deliver(webhook, event)).status).toBe(200);
    await settled();
    expect(await storedFor(user)).toHaveLength(1);
    const texts = zalo.messagesTo(user).map((m) => m.text);
    expect(texts.filter((t) => t.includes(vi("chat:welcome")))).toHaveLength(1);
  });

  it("re-sent by Zalo 30 minutes late, after the service was down, is answered once", async () => {
    const user = newUser();
    // Zalo keeps the first delivery's timestamp on every re-send (OA webhook guide: re-sent until
    // answered 200, for up to 12 h).
    const sentAt = String(Date.now() - 30 * 60_000);
    const event = { ...zalo.events.text(user, "xin chào", "msg-late-1"), timestamp: sentAt };
    expect((await zalo.deliver(webhook, event, { timestamp: sentAt, headers: { num_retry: "3" } })).status).toBe(200);
    expect((await zalo.deliver(webhook, event, { timestamp: sentAt, headers: { num_retry: "4" } })).status).toBe(200);
    await settled();
    expect(await storedFor(user)).toHaveLength(1);
    expect(
      zalo
        .messagesTo(user)
        .map((m) => m.text)
        .filter((t) => t.includes(vi("chat:welcome"))),
    ).toHaveLength(1);
    expect(logLines.some((l) => l.includes("Zalo event arrived late"))).toBe(true);
  });

  it("days old is answered once if it was never stored, and a replay of a stored one changes nothing", async () => {
    const user = newUser();
    const sentAt = String(Date.now() - 3 * 86_400_000);
    const event = { ...zalo.events.text(user, "xin chào", "msg-three-days"), timestamp: sentAt };
    expect((await zalo.deliver(webhook, event, { timestamp: sentAt })).status).toBe(200);
    await settled();
    const answered = zalo.messagesTo(user).length;
    expect(answered).toBeGreaterThan(0);
    expect((await zalo.deliver(webhook, event, { timestamp: sentAt })).status).toBe(200);
    await settled();
    expect(zalo.messagesTo(user)).toHaveLength(answered);
    expect(await storedFor(user)).toHaveLength(1);
    expect(logLines.some((l) => l.includes("old Zalo event already answered"))).toBe(true);
  });

  it("is accepted whether the signature header carries the mac= prefix or the bare hex", async () => {
    const user = newUser();
    const event = zalo.events.text(user, "xin chào");
    const body = JSON.stringify(event);
    const bare = signZaloEvent(zalo.appId, body, String(event.timestamp), zalo.oaSecretKey).slice("mac=".length);
    expect((await zalo.deliver(webhook, event, { rawBody: body, signature: bare })).status).toBe(200);
    await settled();
    expect(await storedFor(user)).toHaveLength(1);
  });

  it("answers a photo or sticker politely: the bot reads only text", async () => {
    const user = newUser();
    await zalo.deliver(webhook, zalo.events.image(user));
    await settled();
    // The kind word first, with the ways forward.
    expect(zalo.messagesTo(user)[0]?.text.startsWith(vi("chat:unsupported"))).toBe(true);
  });

  it("ignores delivery receipts without storing anything", async () => {
    const user = newUser();
    const res = await zalo.deliver(webhook, zalo.events.seen(user));
    expect(res.status).toBe(200);
    await settled();
    expect(await db.prisma.chatIdentity.count({ where: { platformUserId: user } })).toBe(0);
    expect(zalo.messagesTo(user)).toEqual([]);
  });
});

describe("the log", () => {
  it("never shows a token, even when one is refreshed", async () => {
    const before = await db.prisma.platformToken.findMany();
    zalo.expireAccessTokens();
    await zalo.deliver(webhook, zalo.events.follow(newUser()));
    await settled();
    const after = await db.prisma.platformToken.findMany();
    expect(logLines.some((l) => l.includes("Zalo access token refreshed"))).toBe(true);
    const secrets = [...before, ...after].map((t) => t.value).filter((v) => v.startsWith("at-") || v.startsWith("rt-"));
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of [...secrets, zalo.appSecret, zalo.oaSecretKey]) {
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});

describe("following and unfollowing", () => {
  it("marks the chat unreachable on unfollow and sends nothing more; a new follow is welcomed again", async () => {
    const user = newUser();
    await zalo.deliver(webhook, zalo.events.follow(user));
    await settled();
    const before = zalo.messagesTo(user).length;

    zalo.unfollow(user);
    expect((await zalo.deliver(webhook, zalo.events.unfollow(user))).status).toBe(200);
    await settled();
    const identity = await db.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    });
    expect(identity.reachable).toBe(false);
    expect(identity.unreachableReason).toBe("unfollowed");
    expect(zalo.messagesTo(user)).toHaveLength(before);
    expect(zalo.calls.filter((c) => c.error === -213)).toHaveLength(0);

    zalo.follow(user);
    clock.advance(1000);
    await zalo.deliver(webhook, { ...zalo.events.follow(user), timestamp: String(Date.now() + 1000) });
    await settled();
    const again = await db.prisma.chatIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(again.reachable).toBe(true);
    expect(
      zalo
        .messagesTo(user)
        .slice(before)
        .some((m) => m.text.includes(vi("chat:welcome"))),
    ).toBe(true);
  });
});

describe("a refused event", () => {
  const cases: [string, (user: string) => Promise<Response>][] = [
    [
      "a wrong signature",
      (u) => zalo.deliver(webhook, zalo.events.text(u, "xin chào"), { signature: `mac=${"0".repeat(64)}` }),
    ],
    ["no signature header", (u) => zalo.deliver(webhook, zalo.events.text(u, "xin chào"), { signature: null })],
    [
      "a signature made with another secret",
      (u) => zalo.deliver(webhook, zalo.events.text(u, "xin chào"), { oaSecretKey: "not-the-secret" }),
    ],
    [
      "a signature over a different body",
      (u) => {
        const genuine = zalo.events.text(u, "xin chào");
        const signed = signZaloEvent(zalo.appId, JSON.stringify(genuine), String(genuine.timestamp), zalo.oaSecretKey);
        return zalo.deliver(
          webhook,
          { ...genuine, message: { text: "đổi nội dung", msg_id: "forged" } },
          { signature: signed },
        );
      },
    ],
    ["another app's event", (u) => zalo.deliver(webhook, { ...zalo.events.text(u, "xin chào"), app_id: "999999" })],
    [
      "a timestamp days in the future",
      (u) => {
        const future = String(Date.now() + 3 * 86_400_000);
        return zalo.deliver(webhook, { ...zalo.events.text(u, "xin chào"), timestamp: future }, { timestamp: future });
      },
    ],
  ];

  it.each(cases)("with %s gets 401, a warning in the log, and nothing is stored", async (_name, send) => {
    const user = newUser();
    const res = await send(user);
    expect(res.status).toBe(401);
    await settled();
    expect(await db.prisma.chatIdentity.count({ where: { platformUserId: user } })).toBe(0);
    expect(zalo.messagesTo(user)).toEqual([]);
    const warnings = logLines.filter((l) => l.includes("Zalo webhook refused"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":"warn"');
    expect(warnings[0]).not.toContain(user);
    expect(warnings[0]).not.toContain("xin chào");
  });

  it("with malformed JSON gets 400", async () => {
    const res = await zalo.deliver(
      webhook,
      {},
      { rawBody: '{"event_name":"user_send_text",', timestamp: String(Date.now()) },
    );
    expect(res.status).toBe(400);
    expect(logLines.some((l) => l.includes("malformed JSON"))).toBe(true);
  });

  it("that is signed but not shaped like a Zalo event gets 400 and nothing is stored", async () => {
    const before = await db.prisma.inboundMessage.count();
    const event = zalo.events.text(newUser(), "xin chào");
    delete event.sender;
    const res = await zalo.deliver(webhook, event);
    expect(res.status).toBe(400);
    expect(await db.prisma.inboundMessage.count()).toBe(before);
  });
});
