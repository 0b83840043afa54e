// The real application with its chat side, pointed at the fake Telegram server and the fake SMS
// gateway, on the broadcast world (see world.ts), with the officers who use it and the broadcasts
// job on a scheduler the test fires. The clock starts at 10:00 in Vietnam on 2026-07-15.
import { startFakeTelegramApi, type FakeTelegramApi } from "../fakes/telegramApi.ts";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { createStaff, movableClock, signIn, startTestApp, type ChatTestApp, type SignedIn } from "../helpers/app.ts";
import { broadcastsJob } from "../../src/features/broadcasts/send.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { MORNING, seedBroadcastWorld, type BroadcastWorld } from "./world.ts";

export const PW = "mat-khau-dai-12345";

export interface BroadcastHarness {
  app: ChatTestApp;
  telegram: FakeTelegramApi;
  phones: FakePhoneGateway;
  world: BroadcastWorld;
  scheduler: Scheduler;
  /** Officer of Hòa An; of Đông Ba; of the whole province; a hotline agent of the province. */
  staff: { hoa: string; dong: string; tinh: string; agent: string };
  signIn(username: string): Promise<SignedIn>;
  /** Moves the clock to `at` and fires the broadcasts job there. */
  fire(at: Date): Promise<void>;
  close(): Promise<void>;
}

export async function startBroadcastHarness(env: Record<string, string> = {}): Promise<BroadcastHarness> {
  const telegram = await startFakeTelegramApi();
  const phones = await startFakePhoneGateway();
  const app = await startTestApp({
    chat: true,
    clock: movableClock(MORNING),
    env: {
      PUBLIC_URL: "https://ansinh.example.org",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: "broadcast_secret-0123456789",
      SMS_GATEWAY_URL: phones.smsUrl,
      SMS_GATEWAY_TOKEN: phones.smsToken,
      QUIET_HOURS: "off",
      ...env,
    },
  });
  const world = await seedBroadcastWorld(app.prisma);
  const staff = {
    hoa: (
      await createStaff(app.prisma, {
        username: "canbo.hoa",
        password: PW,
        role: "COMMUNE_OFFICER",
        fullName: "Nguyễn Văn Hòa",
        communeCodes: [world.codes.a],
      })
    ).id,
    dong: (
      await createStaff(app.prisma, {
        username: "canbo.dong",
        password: PW,
        role: "COMMUNE_OFFICER",
        fullName: "Trần Thị Đông",
        communeCodes: [world.codes.b],
      })
    ).id,
    tinh: (
      await createStaff(app.prisma, {
        username: "canbo.tinh",
        password: PW,
        role: "PROVINCE_OFFICER",
        fullName: "Lê Văn Tỉnh",
        provinceCodes: [world.codes.province],
      })
    ).id,
    agent: (
      await createStaff(app.prisma, {
        username: "tongdai.an",
        password: PW,
        role: "HOTLINE_AGENT",
        fullName: "Võ Thị An",
        provinceCodes: [world.codes.province],
      })
    ).id,
  };
  const scheduler = createScheduler({
    prisma: app.prisma,
    log: createLogger({ level: "silent" }),
    clock: app.clock,
    owner: "broadcast-test",
  });
  scheduler.register(
    broadcastsJob({ prisma: app.prisma, config: app.deps.config, kick: () => app.runtime.outbox.kick() }),
  );
  return {
    app,
    telegram,
    phones,
    world,
    scheduler,
    staff,
    signIn: (username) => signIn(app.url, username, PW),
    async fire(at) {
      app.clock.set(at);
      await scheduler.fire("broadcasts", at);
    },
    async close() {
      await scheduler.stop();
      await app.close();
      await telegram.close();
      await phones.close();
    },
  };
}

/** POSTs a console form as a browser would (repeated names for ticked boxes); returns the response. */
export function postForm(url: string, who: SignedIn, path: string, fields: [string, string][]): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: who.cookie },
    body: new URLSearchParams([...fields, ["_csrf", who.csrfToken]]),
  });
}

export function getPage(url: string, who: SignedIn, path: string): Promise<Response> {
  return fetch(`${url}${path}`, { redirect: "manual", headers: { cookie: who.cookie } });
}

/** The broadcast id a creation redirected to. */
export function createdId(res: Response): string {
  const m = /\/console\/broadcasts\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "");
  if (!m?.[1]) throw new Error(`no broadcast in the redirect (HTTP ${res.status})`);
  return m[1];
}
