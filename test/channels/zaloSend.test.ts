// Sending through the Zalo OA Open API (a fake one, over HTTP): the access token is refreshed when
// it expires, the single-use refresh token is used exactly once even when two instances race, and
// Zalo's error answers end up where a person or an officer would notice them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { ChannelAdapter } from "../../src/channels/channel.ts";
import { createChatRuntime } from "../../src/conversation/runtime.ts";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { movableClock, startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { startFakeZaloApi, type FakeZaloApi } from "../fakes/zaloApi.ts";

let zalo: FakeZaloApi;
let app: ChatTestApp;
let webhook: string;
let env: Record<string, string>;
let nextUser = 1;
const newUser = () => `93${String(nextUser++).padStart(16, "0")}`;

beforeAll(async () => {
  const clock = movableClock();
  zalo = await startFakeZaloApi({ now: () => clock.now() });
  env = zalo.env();
  app = await startTestApp({ chat: true, env, clock });
  webhook = `${app.url}/channels/zalo/webhook`;
});

afterAll(async () => {
  await app.close();
  await zalo.close();
});

afterEach(async () => {
  await settled();
});

async function settled(): Promise<void> {
  await app.runtime.engine.settle();
  await app.runtime.outbox.drain();
}

async function say(user: string, text: string): Promise<void> {
  const res = await zalo.deliver(webhook, zalo.events.text(user, text));
  expect(res.status).toBe(200);
  await settled();
}

const vi = (key: string) => app.deps.i18n.t("vi")(key);
const tokenRow = (name: string) => app.prisma.platformToken.findUnique({ where: { name } });
const refreshes = () => zalo.calls.filter((c) => c.endpoint === "refresh");

describe("the access token", () => {
  it("is taken from the environment on first start", async () => {
    expect((await tokenRow("zalo.access_token"))?.value).toBe(env.ZALO_ACCESS_TOKEN);
    expect((await tokenRow("zalo.refresh_token"))?.value).toBe(env.ZALO_REFRESH_TOKEN);
  });

  it("is refreshed once when Zalo says it expired, and the reply is delivered", async () => {
    const user = newUser();
    zalo.expireAccessTokens();
    const before = refreshes().length;
    await say(user, "xin chào");

    expect(zalo.messagesTo(user).map((m) => m.text)).toEqual([expect.stringContaining(vi("chat:welcome"))]);
    expect(refreshes().slice(before)).toEqual([{ endpoint: "refresh", error: 0, httpStatus: 200 }]);
    const access = await tokenRow("zalo.access_token");
    expect(access?.value).not.toBe(env.ZALO_ACCESS_TOKEN);
    // Zalo's access token lives 25 hours (expires_in 90000 s).
    expect(access?.expiresAt?.getTime()).toBeGreaterThan(app.clock.now().getTime() + 24 * 3600_000);
    expect((await tokenRow("zalo.refresh_token"))?.value).not.toBe(env.ZALO_REFRESH_TOKEN);

    await say(user, "cảm ơn");
    expect(refreshes().slice(before)).toHaveLength(1);
  });

  it("is refreshed ahead of time when less than an hour is left, before anything bounces", async () => {
    const access = await tokenRow("zalo.access_token");
    expect(access?.expiresAt).toBeTruthy();
    const expiresAt = access?.expiresAt ?? new Date();
    app.clock.set(new Date(expiresAt.getTime() - 30 * 60_000));
    const callsBefore = zalo.calls.length;
    const user = newUser();
    await say(user, "xin chào");
    const calls = zalo.calls.slice(callsBefore);
    expect(calls[0]).toEqual({ endpoint: "refresh", error: 0, httpStatus: 200 });
    expect(calls.every((c) => c.error === 0)).toBe(true);
    expect((await tokenRow("zalo.access_token"))?.value).not.toBe(access?.value);
    expect(zalo.messagesTo(user).length).toBeGreaterThan(0);
  });

  it("is not replaced by the environment's older one when the service restarts", async () => {
    const stored = await tokenRow("zalo.access_token");
    const again = createChatRuntime({ ...runtimeDeps(app.prisma), config: loadConfig({ NODE_ENV: "test", ...env }) });
    await again.start();
    await again.stop();
    expect((await tokenRow("zalo.access_token"))?.value).toBe(stored?.value);
  });

  it("is replaced when an operator authorises the OA again and sets new tokens", async () => {
    const fresh = zalo.env();
    const again = createChatRuntime({ ...runtimeDeps(app.prisma), config: loadConfig({ NODE_ENV: "test", ...fresh }) });
    await again.start();
    await again.stop();
    expect((await tokenRow("zalo.access_token"))?.value).toBe(fresh.ZALO_ACCESS_TOKEN);
    expect((await tokenRow("zalo.refresh_token"))?.value).toBe(fresh.ZALO_REFRESH_TOKEN);
  });

  it("is refreshed by exactly one of two instances racing on a refused token, and both deliver", async () => {
    // A second instance with its own connections to the same database (one handle on PGlite).
    const second: Database | null = app.db.url
      ? await createDatabase({ kind: "postgres", url: app.db.url, poolSize: 3 })
      : null;
    const other = createChatRuntime({ ...runtimeDeps(second?.prisma ?? app.prisma), config: app.deps.config });
    try {
      const a = zaloAdapter(app.runtime.channels);
      const b = zaloAdapter(other.channels);
      const [userA, userB] = [newUser(), newUser()];
      // Followers of the OA: Zalo lets an OA message a follower (a proactive message, counted).
      zalo.follow(userA);
      zalo.follow(userB);
      zalo.revokeAccessTokens();
      zalo.slowRefreshes(300);
      const before = zalo.calls.length;
      const reply = { text: "Xin chào", buttons: [] };
      const results = await Promise.all([
        a.send({ channel: "ZALO", platformUserId: userA }, reply),
        b.send({ channel: "ZALO", platformUserId: userB }, reply),
      ]);

      expect(results.map((r) => r.ok)).toEqual([true, true]);
      const calls = zalo.calls.slice(before);
      // Both were refused (an instance may also first try a token it had cached from before).
      expect(calls.filter((c) => c.endpoint === "send" && c.error === -216).length).toBeGreaterThanOrEqual(2);
      // One refresh; a second use of the single-use refresh token would have been refused.
      expect(calls.filter((c) => c.endpoint === "refresh")).toEqual([
        { endpoint: "refresh", error: 0, httpStatus: 200 },
      ]);
      expect(zalo.messagesTo(userA)).toHaveLength(1);
      expect(zalo.messagesTo(userB)).toHaveLength(1);
    } finally {
      zalo.slowRefreshes(0);
      await other.stop();
      await second?.close();
    }
  });
});

describe("Zalo's error answers", () => {
  it("-213 (not a follower) marks the chat unreachable and sends nothing more to it", async () => {
    const user = newUser();
    zalo.unfollow(user);
    await say(user, "xin chào");
    const identity = await app.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    });
    expect(identity.reachable).toBe(false);
    expect(identity.unreachableReason).toBe("not_follower");
    const outbound = await app.prisma.outboundMessage.findMany({ where: { identityId: identity.id } });
    // The answer (welcome and menu in one message) failed; nothing more is tried.
    expect(outbound.map((o) => [o.status, o.failureReason])).toEqual([["FAILED", "not_follower"]]);
    expect(zalo.calls.filter((c) => c.error === -213)).toHaveLength(1);
    expect(zalo.messagesTo(user)).toEqual([]);
  });

  it("-32 (rate limited) keeps the reply queued for later, then delivers it", async () => {
    const user = newUser();
    zalo.failNextSends({ error: -32, message: "Request limit exceeded" });
    await say(user, "xin chào");
    const identity = await app.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    });
    const queued = await app.prisma.outboundMessage.findMany({ where: { identityId: identity.id, status: "QUEUED" } });
    const refused = queued.find((o) => o.failureReason === "rate_limited");
    expect(refused?.notBefore.getTime()).toBeGreaterThan(app.clock.now().getTime() + 30_000);

    app.clock.advance(61_000);
    await settled();
    expect(zalo.messagesTo(user).map((m) => m.text)).toEqual([expect.stringContaining(vi("chat:menu.unlinked"))]);
  });

  it("a server error or a dropped connection is retried, not treated as the person's fault", async () => {
    const user = newUser();
    zalo.failNextSends({ httpStatus: 503 }, { network: true });
    await say(user, "xin chào");
    app.clock.advance(60_000);
    await settled();
    app.clock.advance(60_000);
    await settled();
    expect(zalo.messagesTo(user).map((m) => m.text)).toEqual([expect.stringContaining(vi("chat:menu.unlinked"))]);
    const identity = await app.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: user } },
    });
    expect(identity.reachable).toBe(true);
  });
});

describe("each refusal Zalo documents", () => {
  // channels.md and the third-party guides listed in docs/channels.md ("Only a live OA can confirm").
  const cases: [number, string, object][] = [
    [-213, "not a follower: the chat is closed", { ok: false, permanent: true, reason: "not_follower" }],
    [-227, "account banned or inactive over 45 days", { ok: false, permanent: true, reason: "zalo_user_inactive" }],
    [
      -230,
      "not interacted in the past 7 days",
      { ok: false, permanent: true, scope: "message", reason: "zalo_outside_window" },
    ],
    [
      -232,
      "no interaction, or it expired",
      { ok: false, permanent: true, scope: "message", reason: "zalo_outside_window" },
    ],
    [-211, "out of quota", { ok: false, permanent: true, scope: "message", reason: "zalo_quota" }],
    [-218, "the person's receiving limit", { ok: false, permanent: true, scope: "message", reason: "zalo_quota" }],
    [-224, "the OA's package", { ok: false, permanent: true, scope: "message", reason: "zalo_quota" }],
    [
      -244,
      "the person restricted this kind of message",
      { ok: false, permanent: true, scope: "message", reason: "zalo_user_restricted" },
    ],
    [-32, "rate limited: the OA pauses", { ok: false, permanent: false, reason: "rate_limited", pauseSender: true }],
    [-201, "parameters invalid: tried again later", { ok: false, permanent: false, reason: "zalo_error_-201" }],
  ];

  it.each(cases)("%i (%s) is told to the outbox for what it is", async (code, _what, expected) => {
    const user = newUser();
    zalo.follow(user);
    zalo.failNextSends({ error: code, message: "Refused" });
    const result = await zaloAdapter(app.runtime.channels).send(
      { channel: "ZALO", platformUserId: user },
      { text: "Xin chào", buttons: [] },
    );
    expect(result).toMatchObject(expected);
    // A rate-limit answer pauses the OA: let the next case send.
    if (code === -32) app.clock.advance(61_000);
  });
});

function zaloAdapter(channels: ChannelAdapter[]): ChannelAdapter {
  const adapter = channels.find((c) => c.name === "ZALO");
  if (!adapter) throw new Error("Zalo is not configured");
  return adapter;
}

function runtimeDeps(prisma: ChatTestApp["prisma"]) {
  return { prisma, log: createLogger({ level: "silent" }), clock: app.clock, i18n: app.deps.i18n, pollMs: 50 };
}
