// What every fault scenario stands on: a scratch PostgreSQL database (the local server, always:
// a database restart needs a server), a TCP proxy in front of it that can play a restart, the
// fake Bot API, and the real service started as its own process(es) in Telegram webhook mode.
// The scenario's own view of the database goes around the proxy.
import pg from "pg";
import { scratchDatabase } from "../../bench/scratchDatabase.ts";
import { TEST_DATA_KEYS_ENV } from "../../src/db/fieldCipher.ts";
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { startServiceProcess, type ServiceProcess } from "../helpers/serviceProcess.ts";
import { startTcpProxy, type TcpProxy } from "./tcpProxy.ts";

export const WEBHOOK_SECRET = "fault_secret_0123456789";

export interface FaultWorld {
  fake: FakeTelegramApi;
  proxy: TcpProxy;
  /** Straight to the scratch database (not through the proxy). */
  db: pg.Client;
  directUrl: string;
  /** Times (Date.now()) at which the fake accepted a sendMessage. */
  accepted: number[];
  /** Starts one more service process on the database (through the proxy); waits until it is ready. */
  start(env?: Record<string, string>): Promise<ServiceProcess>;
  /** Waits until every stored message is answered and every outbound row is final; false on timeout. */
  quiet(timeoutMs: number): Promise<boolean>;
  /** The first accepted sendMessage at or after `at`, ms after it (null: none). */
  firstSendAfter(at: number): number | null;
  close(): Promise<void>;
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
}

export async function startFaultWorld(prefix: string): Promise<FaultWorld> {
  const admin = adminUrl();
  const scratch = await scratchDatabase(prefix, admin);
  const server = new URL(admin);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const proxied = new URL(scratch.url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  const fake = await startFakeTelegramApi();
  const accepted: number[] = [];
  fake.onCall((c) => {
    if (c.method === "sendMessage" && c.status === 200) accepted.push(c.at);
  });
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  const services: ServiceProcess[] = [];

  return {
    fake,
    proxy,
    db,
    directUrl: scratch.url,
    accepted,
    async start(env = {}) {
      const s = await startServiceProcess({
        NODE_ENV: "production",
        // The keys the test side writes personal data with.
        ...TEST_DATA_KEYS_ENV,
        DATABASE_URL: proxied.toString(),
        DATABASE_POOL_SIZE: "5",
        DEMO_DATA: "never",
        PUBLIC_URL: "https://ansinh.example.org",
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_MODE: "webhook",
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_BOT_USERNAME: fake.botUser.username,
        TELEGRAM_RATE_PER_SECOND: "100",
        QUIET_HOURS: "off",
        NOTICES_ENABLED: "false",
        BULK_LEASE_SECONDS: "3",
        SHUTDOWN_GRACE_MS: "2000",
        ...env,
      });
      services.push(s);
      await s.ready;
      return s;
    },
    async quiet(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if ((await openWork(db)) === 0) return true;
        await new Promise((r) => setTimeout(r, 250));
      }
      return false;
    },
    firstSendAfter(at) {
      const first = accepted.find((t) => t >= at);
      return first === undefined ? null : first - at;
    },
    async close() {
      await Promise.all(services.map((s) => s.stop("SIGKILL")));
      await db.end().catch(() => undefined);
      await proxy.close();
      await fake.close();
      await scratch.drop();
    },
  };
}

/** Stored messages not yet answered plus outbound rows not yet final. */
export async function openWork(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM "InboundMessage" WHERE "processedAt" IS NULL) + (SELECT count(*) FROM "OutboundMessage" WHERE status IN ('QUEUED', 'SENDING')) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}
