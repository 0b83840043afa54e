// Starts the real application on an ephemeral port with a fresh test database, for tests that
// talk HTTP or drive a browser. Time is a movable clock: it runs like the real one, and tests
// can jump it forward (session expiry, lockouts) without waiting.
import type { Server } from "node:http";
import { loadConfig, type Config } from "../../src/config.ts";
import { createI18n } from "../../src/core/i18n.ts";
import type { ChatRuntime } from "../../src/conversation/runtime.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { StaffRole } from "../../src/generated/prisma/enums.ts";
import { hashPassword } from "../../src/features/staff/password.ts";
import { createApp } from "../../src/http/app.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import type { Clock } from "../../src/lib/clock.ts";
import { createLogger, type Logger } from "../../src/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export interface MovableClock extends Clock {
  /** Jumps forward (or back, with a negative value). */
  advance(ms: number): void;
  /** Jumps to a moment; time keeps running from there (unless stopped). */
  set(d: Date): void;
  /**
   * Stops time where it is: from then on it moves only when advanced or set. For what depends on
   * how much time passed between requests, which a busy machine would otherwise stretch.
   */
  stop(): void;
}

/** Real time plus an offset tests can change. */
export function movableClock(start?: Date): MovableClock {
  let offset = start ? start.getTime() - Date.now() : 0;
  let stoppedAt: number | null = null;
  const real = () => stoppedAt ?? Date.now();
  return {
    now: () => new Date(real() + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (d) => {
      offset = d.getTime() - real();
    },
    stop: () => {
      stoppedAt ??= Date.now();
    },
  };
}

export interface TestApp {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  deps: AppDeps;
  db: TestDatabase;
  prisma: PrismaClient;
  clock: MovableClock;
  /** The chat side (engine, outbox, channels), when started with `chat: true`. */
  runtime?: ChatRuntime;
  close(): Promise<void>;
}

export interface ChatTestApp extends TestApp {
  runtime: ChatRuntime;
}

export interface TestAppOptions {
  /** Environment variables for loadConfig (e.g. { LOGIN_MAX_FAILURES: "3" }). */
  env?: Record<string, string>;
  /** Defaults to a movable clock starting now. */
  clock?: MovableClock;
  /** Reuse a database (e.g. one already seeded); otherwise a fresh one is made and destroyed on close. */
  db?: TestDatabase;
  /** Also run the chat side (web chat, plus Telegram/Zalo when `env` configures them). */
  chat?: boolean;
  /** Where the app logs; silent otherwise (tests that check what is logged pass their own). */
  log?: Logger;
}

export async function startTestApp(options: TestAppOptions & { chat: true }): Promise<ChatTestApp>;
export async function startTestApp(options?: TestAppOptions): Promise<TestApp>;
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config: Config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MIGRATE_ON_START: "false",
    ...options.env,
  });
  const db = options.db ?? (await createTestDatabase());
  const clock = options.clock ?? movableClock();
  const log = options.log ?? createLogger({ level: "silent" });
  const i18n = await createI18n();
  // Loaded only when asked for, so tests without chat do not depend on the chat side.
  const runtime = options.chat
    ? (await import("../../src/conversation/runtime.ts")).createChatRuntime({
        config,
        prisma: db.prisma,
        log,
        clock,
        i18n,
        pollMs: 50,
      })
    : undefined;
  const deps: AppDeps = {
    config,
    db,
    prisma: db.prisma,
    log,
    i18n,
    clock,
    isReady: () => true,
    ...(runtime ? { channels: runtime.channels, kickOutbox: () => runtime.outbox.kick() } : {}),
  };
  const app = createApp(deps);
  await runtime?.start();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("test server has no port");
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    db,
    prisma: db.prisma,
    clock,
    runtime,
    async close() {
      await runtime?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.db) await db.destroy();
    },
  };
}

export interface TestStaff {
  username: string;
  password: string;
  role: StaffRole;
  fullName?: string;
  /** Commune codes (Commune.code) the staff member covers. */
  communeCodes?: string[];
  /** Province codes (Province.code) the staff member covers. */
  provinceCodes?: string[];
  locale?: "vi" | "en";
}

/** Creates a staff user with a real scrypt hash and their areas; the codes must already exist. */
export async function createStaff(prisma: PrismaClient, s: TestStaff): Promise<{ id: string; username: string }> {
  const communes = await prisma.commune.findMany({
    where: { code: { in: s.communeCodes ?? [] } },
    select: { id: true },
  });
  const provinces = await prisma.province.findMany({
    where: { code: { in: s.provinceCodes ?? [] } },
    select: { id: true },
  });
  if (communes.length !== (s.communeCodes?.length ?? 0) || provinces.length !== (s.provinceCodes?.length ?? 0)) {
    throw new Error(`createStaff(${s.username}): unknown commune or province code`);
  }
  return prisma.staffUser.create({
    data: {
      username: s.username,
      fullName: s.fullName ?? s.username,
      passwordHash: await hashPassword(s.password),
      role: s.role,
      locale: s.locale ?? "vi",
      scopes: {
        create: [...communes.map((c) => ({ communeId: c.id })), ...provinces.map((p) => ({ provinceId: p.id }))],
      },
    },
    select: { id: true, username: true },
  });
}

export interface SignedIn {
  /** Value for a Cookie header: the session cookie. */
  cookie: string;
  /** The session's CSRF token, for POSTs (form field `_csrf` or header `x-csrf-token`). */
  csrfToken: string;
}

/** Signs in through the real login form, as a browser would, and returns the session cookie. */
export async function signIn(url: string, username: string, password: string): Promise<SignedIn> {
  const form = await fetch(`${url}/console/login`);
  const loginCookie = cookiePair(form.headers.getSetCookie(), "asb_login_csrf");
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!loginCookie || !token) throw new Error("signIn: the login form has no CSRF token");
  const res = await fetch(`${url}/console/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: loginCookie },
    body: new URLSearchParams({ username, password, _csrf: token }),
  });
  const cookie = cookiePair(res.headers.getSetCookie(), "asb_session");
  if (res.status !== 303 || !cookie) throw new Error(`signIn(${username}) failed with HTTP ${res.status}`);
  const me = await fetch(`${url}/api/me`, { headers: { cookie } });
  const body: unknown = await me.json();
  const csrfToken = typeof body === "object" && body !== null && "csrfToken" in body ? body.csrfToken : undefined;
  if (typeof csrfToken !== "string") throw new Error("signIn: /api/me gave no CSRF token");
  return { cookie, csrfToken };
}

/** "name=value" of a cookie from Set-Cookie headers. */
export function cookiePair(setCookies: string[], name: string): string | undefined {
  return setCookies
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
}
