// Nothing a person sends by SMS is lost: a message is stored before the gateway gets its 200, so
// one stored just before the instance dies is answered by the next one, once, even when the
// gateway sends it again.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { createChatRuntime } from "../../src/conversation/runtime.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { createApp } from "../../src/http/app.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { movableClock, startTestApp } from "../helpers/app.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { postInboundSms, startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";

const SECRET = "a-shared-secret-of-the-sms-gateway";
let db: TestDatabase;
let gateway: FakePhoneGateway;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startFakePhoneGateway();
  env = {
    SMS_GATEWAY_URL: gateway.smsUrl,
    SMS_GATEWAY_TOKEN: gateway.smsToken,
    SMS_INBOUND_SECRET: SECRET,
    HOTLINE_PHONE: "1900 1234",
  };
});

afterAll(async () => {
  await gateway?.close();
  await db?.destroy();
});

/** Every transaction fails once the message is stored: all processing dies, as with a killed process. */
function dyingAfterStore(prisma: PrismaClient): PrismaClient {
  return new Proxy(prisma, {
    get(target, prop) {
      if (prop === "$transaction") return () => Promise.reject(new Error("instance crashed"));
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** An instance whose processing dies; its webhook still stores what comes in. */
async function dyingInstance(): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", MIGRATE_ON_START: "false", ...env });
  const log = createLogger({ level: "silent" });
  const i18n = await createI18n();
  const clock = movableClock();
  const prisma = dyingAfterStore(db.prisma);
  const runtime = createChatRuntime({ config, prisma, log, clock, i18n, pollMs: 50 });
  const app = createApp({ config, db, prisma, log, i18n, clock, isReady: () => true, channels: runtime.channels });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await runtime.engine.settle().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("an SMS stored just before the instance dies", () => {
  it("is answered exactly once by the next instance", async () => {
    const fields = { from: "84399000777", to: "8079", text: "TIEN", id: "gw-before-crash" };
    const dying = await dyingInstance();
    expect(await postInboundSms(`${dying.url}/channels/sms/inbound`, SECRET, fields)).toBe(200);
    await dying.close();
    const stored = await db.prisma.inboundMessage.findFirstOrThrow({
      where: { channel: "SMS", platformMessageId: "gw-before-crash" },
    });
    expect(stored.processedAt).toBeNull();
    expect(gateway.delivered).toEqual([]);

    const next = await startTestApp({ chat: true, env, db });
    try {
      const deadline = Date.now() + 20_000;
      while (!gateway.delivered.some((m) => m.phone === "84399000777") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      const answers = gateway.delivered.filter((m) => m.phone === "84399000777");
      expect(answers).toHaveLength(1);
      expect(answers[0]!.text).toContain("1900 1234");
      // The gateway sends it again too (its post was answered by an instance that is gone).
      expect(await postInboundSms(`${next.url}/channels/sms/inbound`, SECRET, fields)).toBe(200);
      await next.runtime.engine.settle();
      await next.runtime.outbox.drain();
      expect(gateway.delivered.filter((m) => m.phone === "84399000777")).toHaveLength(1);
    } finally {
      await next.close();
    }
  });
});
