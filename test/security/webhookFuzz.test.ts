// Hostile and broken input at every door the service opens to the internet: the Telegram and
// Zalo webhooks, the web chat and the console's JSON API. Generated inputs (malformed, oversized,
// wrongly encoded, replayed) each get a clear 4xx or a kind reply; nothing crashes, nothing is
// stored from a refused request, and the service keeps answering.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { startFakeZaloApi, type FakeZaloApi } from "../fakes/zaloApi.ts";
import { createStaff, signIn, type SignedIn } from "../helpers/app.ts";
import { seedWorld } from "../console/fixtures.ts";
import { openChat } from "../webchat/chatClient.ts";

let h: TelegramHarness;
let zalo: FakeZaloApi;
let zaloWebhook: string;
let officer: SignedIn;

beforeAll(async () => {
  zalo = await startFakeZaloApi();
  h = await startTelegramHarness({ env: { ...zalo.env(), ZALO_WEBHOOK_MAX_AGE_SECONDS: "300" } });
  zaloWebhook = `${h.url}/channels/zalo/webhook`;
  await seedWorld(h.prisma);
  await createStaff(h.prisma, {
    username: "xa.fuzz",
    password: "mat-khau-dai-du-12",
    role: "COMMUNE_OFFICER",
    communeCodes: ["90101"],
  });
  officer = await signIn(h.url, "xa.fuzz", "mat-khau-dai-du-12");
});
afterAll(async () => {
  await h?.close();
  await zalo?.close();
});

const RUNS = 60;
const inbound = () => h.prisma.inboundMessage.count();
const CLEAR_REFUSALS = [400, 401, 403, 404, 413, 415, 429];

/** Any JSON a client could send, including deep nesting, huge numbers and odd strings. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Text as people and attackers type it: any script, emoji, control and zero-width characters. */
const anyText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }),
  fc.string({ minLength: 1, maxLength: 100, unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "%00%ff",
    '\'; DROP TABLE "Beneficiary";--',
    "<script>alert(1)</script>",
    "{{7*7}}",
    "🙏".repeat(500),
  ),
);

/** Sets one field of a value (by a path of keys) to something else. */
function mutate(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null) return copy;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ""] = replacement;
  return copy;
}

async function stillServing(): Promise<void> {
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
}

describe("the Telegram webhook under hostile input", () => {
  it("answers any JSON with 200 or 400 and stores nothing from what it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const before = await inbound();
        const res = await h.post(body);
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(await inbound()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it("answers a real update with one field changed to anything with 200 or 400, never a server error", async () => {
    const paths = [
      ["update_id"],
      ["message"],
      ["message", "chat"],
      ["message", "chat", "id"],
      ["message", "text"],
      ["message", "from"],
      ["message", "from", "id"],
      ["message", "date"],
      ["message", "message_id"],
      ["message", "entities"],
    ];
    let chat = 700_000;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), anyJson, async (path, replacement) => {
        const update = mutate(
          h.fake.updates.text(chat++, "xin chào") as unknown as Record<string, unknown>,
          path,
          replacement,
        );
        const res = await h.post(update);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it("refuses bodies that are not JSON, wrongly encoded or too large with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (bytes) => {
        const res = await fetch(`${h.url}/channels/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test_secret-0123456789" },
          body: Buffer.from(bytes),
        });
        expect(CLEAR_REFUSALS.concat(200)).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    const huge = await h.post(null, {
      raw: JSON.stringify({ update_id: 1, message: { text: "x".repeat(3_000_000) } }),
    });
    expect(huge.status).toBe(413);
    await stillServing();
  });

  it("gives every person who types anything at all a kind answer with buttons", async () => {
    const texts = fc.sample(anyText, { numRuns: 15, seed: 2026 });
    const first = 800_000;
    for (const [i, text] of texts.entries())
      expect((await h.post(h.fake.updates.text(first + i, text))).status).toBe(200);
    await h.settle();
    for (const i of texts.keys()) {
      const answers = await h.fake.waitForMessages(first + i, 1);
      expect(answers[0]?.text.trim().length).toBeGreaterThan(0);
      expect(answers.some((m) => m.buttons.length > 0)).toBe(true);
    }
  });
});

describe("the Zalo webhook under hostile input", () => {
  it("answers any correctly signed JSON with 200 or 400 and stores nothing from what it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 6 }), async (event) => {
        const before = await inbound();
        const res = await zalo.deliver(zaloWebhook, event);
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(await inbound()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it("answers a real event with one field changed to anything with 200 or 400", async () => {
    const paths = [
      ["event_name"],
      ["sender"],
      ["sender", "id"],
      ["recipient"],
      ["message"],
      ["message", "text"],
      ["message", "msg_id"],
      ["app_id"],
      ["user_id_by_app"],
    ];
    let user = 1;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), anyJson, async (path, replacement) => {
        const event = mutate(zalo.events.text(`849${String(user++).padStart(15, "0")}`, "xin chào"), path, replacement);
        const res = await zalo.deliver(zaloWebhook, event);
        expect([200, 400, 401, 403]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it("stores nothing more for a replayed event, refuses a timestamp days ahead and a signature over other bytes", async () => {
    const event = zalo.events.text("849000000000000777", "xin chào");
    expect((await zalo.deliver(zaloWebhook, event)).status).toBe(200);
    await h.settle();
    const before = await inbound();
    // Zalo re-sends with the first timestamp, so an old signed event is taken; a copy of one
    // already stored, however old, changes nothing.
    expect((await zalo.deliver(zaloWebhook, event)).status).toBe(200);
    const stale = String(Date.now() - 3 * 86_400_000);
    expect((await zalo.deliver(zaloWebhook, { ...event, timestamp: stale }, { timestamp: stale })).status).toBe(200);
    const future = String(Date.now() + 3 * 86_400_000);
    expect((await zalo.deliver(zaloWebhook, { ...event, timestamp: future }, { timestamp: future })).status).toBe(401);
    const body = JSON.stringify({ ...event, timestamp: String(Date.now()) });
    const other = await zalo.deliver(zaloWebhook, event, { rawBody: body.replace("xin chào", "chuyển tiền") });
    expect([401, 403]).toContain(other.status);
    expect(await inbound()).toBe(before);
  });

  it("gives every person who types anything at all a kind answer", async () => {
    const texts = fc.sample(anyText, { numRuns: 10, seed: 84 });
    const users = texts.map((_, i) => `849100000000${String(i).padStart(6, "0")}`);
    for (const [i, text] of texts.entries())
      expect((await zalo.deliver(zaloWebhook, zalo.events.text(users[i] ?? "", text))).status).toBe(200);
    await h.settle();
    for (const user of users) {
      const answers = await zalo.waitForMessages(1, user);
      expect(answers[0]?.text.trim().length).toBeGreaterThan(0);
    }
  });
});

describe("the web chat under hostile input", () => {
  it("answers any JSON body with 200 or a clear 4xx", async () => {
    const chat = await openChat(h.url);
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const res = await fetch(`${h.url}/chat/api/messages`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-requested-with": "asb-chat",
            origin: h.url,
            cookie: chat.cookie,
          },
          body: JSON.stringify(body),
        });
        expect(CLEAR_REFUSALS.concat(200)).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it("gives every text typed a kind answer with buttons", async () => {
    const texts = fc.sample(anyText, { numRuns: 10, seed: 7 });
    for (const text of texts) {
      const chat = await openChat(h.url);
      const res = await chat.post({ kind: "text", text });
      expect([200, 202]).toContain(res.status);
      await h.settle();
      const { items } = await chat.history();
      const answers = items.filter((item) => item.from === "bot");
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.some((a) => a.buttons.length > 0)).toBe(true);
    }
  });
});

describe("the console's JSON API under hostile input", () => {
  it("answers any search query with 200 or 400 and only ever the officer's own commune", async () => {
    const params = fc.dictionary(
      fc.constantFrom("q", "communeId", "status", "page", "programme", "sort", "limit", "x"),
      fc.string({ maxLength: 40, unit: "grapheme" }),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(params, async (query) => {
        const res = await fetch(`${h.url}/api/beneficiaries?${new URLSearchParams(query).toString()}`, {
          headers: { cookie: officer.cookie },
        });
        expect([200, 400]).toContain(res.status);
        const text = await res.text();
        // A refusal never shows a stack trace or the database's words.
        expect(text).not.toMatch(/at \w+ \(|prisma|PrismaClient|SELECT /i);
        expect(text).not.toContain("Thủy Xuân");
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses a JSON write without the session's CSRF token, and any id that is not the officer's with 404", async () => {
    await fc.assert(
      // "." and ".." are not ids but path steps: the address itself turns them into another path.
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 60 }).filter((id) => id !== "." && id !== ".."),
        async (id) => {
          const res = await fetch(`${h.url}/api/beneficiaries/${encodeURIComponent(id)}`, {
            headers: { cookie: officer.cookie },
          });
          expect([400, 404]).toContain(res.status);
        },
      ),
      { numRuns: RUNS },
    );
    const write = await fetch(`${h.url}/console/link-codes`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: officer.cookie },
      body: JSON.stringify({ communeId: "x" }),
    });
    expect(write.status).toBe(403);
    await stillServing();
  });
});
