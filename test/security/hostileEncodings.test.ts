// Text no database can store and addresses no browser makes — a lone UTF-16 surrogate, a NUL,
// broken percent-encoding — are refused with 400 at the door, never a 500 from deep inside, and a
// malformed body is logged as a warning without a stack trace. Pages also ask browsers to keep to
// HTTPS when the service is published over it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/lib/logger.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createStaff, signIn, startTestApp, type ChatTestApp, type SignedIn } from "../helpers/app.ts";
import { openChat } from "../webchat/chatClient.ts";

const LONE = "\ud800";
const lines: string[] = [];
let app: ChatTestApp;
let world: World;
let officer: SignedIn;

beforeAll(async () => {
  const log = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(line) } });
  app = await startTestApp({ chat: true, log, env: { PUBLIC_URL: "https://ansinh.example.org" } });
  world = await seedWorld(app.prisma);
  await createStaff(app.prisma, {
    username: "xa.hoaan",
    password: "mat-khau-dai-du-12",
    role: "COMMUNE_OFFICER",
    communeCodes: ["90101"],
  });
  officer = await signIn(app.url, "xa.hoaan", "mat-khau-dai-du-12");
});
afterAll(async () => {
  await app?.close();
});

const get = (path: string, accept = "text/html") =>
  fetch(`${app.url}${path}`, { headers: { cookie: officer.cookie, accept }, redirect: "manual" });

describe("hostile encodings", () => {
  it("refuses a lone surrogate in a web chat message with 400 and stores nothing", async () => {
    const chat = await openChat(app.url);
    const before = await app.prisma.inboundMessage.count();
    for (const body of [
      { kind: "text", text: `xin chào ${LONE}` },
      { kind: "button", data: LONE },
      { kind: "start", payload: `A${LONE}` },
    ]) {
      const res = await chat.post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await app.prisma.inboundMessage.count()).toBe(before);
    expect((await chat.post({ kind: "text", text: "xin chào 😀" })).status).toBe(202);
  });

  it("answers a NUL or broken percent-encoding in any address with 400", async () => {
    const paths = [
      `/api/beneficiaries/%00`,
      `/api/beneficiaries/${world.people.dao}%00`,
      `/api/beneficiaries?q=%00`,
      `/console/beneficiaries/%00`,
      `/console/beneficiaries/%E0%A4%A`,
      `/console/beneficiaries/%ED%A0%80`,
      `/console/hotline/%ZZ`,
      `/console/requests/%`,
      `/console/beneficiaries?q=ab%00c`,
      `/chat/api/history%C0%AE`,
    ];
    for (const path of paths) {
      const res = await get(path, path.startsWith("/api") ? "application/json" : "text/html");
      expect(res.status, path).toBe(400);
      expect(await res.text()).not.toMatch(/at \w+ \(|prisma|URIError|stack/i);
    }
  });

  it("answers a NUL in a console form with 400", async () => {
    const res = await fetch(`${app.url}/console/link-codes`, {
      method: "POST",
      headers: { cookie: officer.cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: `_csrf=${encodeURIComponent(officer.csrfToken)}&communeId=%00`,
    });
    expect(res.status).toBe(400);
  });

  it("logs a malformed JSON body as a warning, without a stack trace", async () => {
    lines.length = 0;
    const api = await fetch(`${app.url}/api/me`, {
      method: "POST",
      headers: { cookie: officer.cookie, "content-type": "application/json", "x-csrf-token": officer.csrfToken },
      body: "{bad json",
    });
    expect(api.status).toBe(400);
    const chat = await openChat(app.url);
    const broken = await fetch(`${app.url}/chat/api/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-requested-with": "asb-chat",
        origin: app.url,
        cookie: chat.cookie,
      },
      body: '{"kind":',
    });
    expect(broken.status).toBe(400);
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg?: string; err?: unknown });
    const refusals = logged.filter((l) => /malformed|bad request/i.test(l.msg ?? ""));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const line of refusals) {
      expect(line.level).toBe("warn");
      expect(line.err).toBeUndefined();
    }
    expect(lines.join("\n")).not.toMatch(/"stack"|at JSON\.parse/);
    expect(logged.filter((l) => l.level === "error")).toEqual([]);
  });

  it("asks browsers to keep to HTTPS when the service is published over it, and only then", async () => {
    const res = await fetch(`${app.url}/console/login`);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const plain = await startTestApp({ env: { PUBLIC_URL: "http://localhost:3000" } });
    try {
      expect((await fetch(`${plain.url}/console/login`)).headers.get("strict-transport-security")).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe("hostile encodings at the Telegram webhook", () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses an update with a lone surrogate with 400 and stores nothing", async () => {
    const update = h.fake.updates.text(7001, `tiền tháng này ${LONE}`);
    expect((await h.post(update)).status).toBe(400);
    const named = h.fake.updates.text(7002, "xin chào");
    const raw = JSON.stringify(named).replace('"xin chào"', '"xin ch\\udc00ào"');
    expect((await h.post(null, { raw })).status).toBe(400);
    expect(await h.prisma.inboundMessage.count()).toBe(0);
    expect((await h.post(h.fake.updates.text(7003, "xin chào"))).status).toBe(200);
  });
});
