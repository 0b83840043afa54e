// Faults while people are chatting through the Telegram webhook of the real service process:
// the database restarts; an instance is killed; two instances share one webhook address.
// Each returns what people would notice (see figures.ts); tests assert on it, the benchmark
// prints it.
import { chatFigures, type Figures } from "./figures.ts";
import { startFaultWorld, WEBHOOK_SECRET } from "./faultWorld.ts";
import { startRoundRobin } from "./roundRobin.ts";
import { startTraffic } from "./webhookTraffic.ts";

export interface ChatLoad {
  /** Updates per second, each from a new chat. */
  perSecond: number;
  seconds: number;
  /** When the fault starts, ms after the traffic does. */
  faultAtMs: number;
  /** How long everything is waited for after the traffic, ms. */
  drainTimeoutMs: number;
}

/** PostgreSQL restarts (every connection cut, new ones refused for `outageMs`) during chat traffic. */
export async function databaseRestartDuringChat(o: ChatLoad & { outageMs: number }): Promise<Figures> {
  const world = await startFaultWorld("ansinh_fault_chat");
  try {
    const service = await world.start();
    const traffic = startTraffic({
      webhook: `${service.url}/channels/telegram/webhook`,
      secret: WEBHOOK_SECRET,
      perSecond: o.perSecond,
      seconds: o.seconds,
      firstChat: 8_000_000,
      firstUpdateId: 1,
    });
    try {
      await sleep(o.faultAtMs);
      await world.proxy.restart(o.outageMs);
      const faultEnd = Date.now();
      await traffic.settled();
      const quiet = await world.quiet(o.drainTimeoutMs);
      const drainMs = quiet ? Date.now() - faultEnd : null;
      const f = await chatFigures(world.db, world.fake, traffic.updates.values());
      const refused = [...traffic.updates.values()].filter((u) => u.posts > 1).length;
      return {
        scenario: `database restart ${o.outageMs / 1000} s, chat`,
        ...f,
        interrupted: 0,
        recoveryMs: world.firstSendAfter(faultEnd),
        drainMs,
        note: `${refused} updates refused during the outage and re-sent by Telegram`,
      };
    } finally {
      traffic.close();
    }
  } finally {
    await world.close();
  }
}

/** Two instances behind one address; one is SIGKILLed mid-traffic and started again. */
export async function instanceKilledDuringChat(o: ChatLoad & { downMs: number }): Promise<Figures> {
  const world = await startFaultWorld("ansinh_fault_kill");
  try {
    const [a, b] = await Promise.all([world.start(), world.start()]);
    const balancer = await startRoundRobin([a.url, b.url]);
    const traffic = startTraffic({
      webhook: `${balancer.url}/channels/telegram/webhook`,
      secret: WEBHOOK_SECRET,
      perSecond: o.perSecond,
      seconds: o.seconds,
      firstChat: 8_100_000,
      firstUpdateId: 1,
    });
    try {
      // A random moment within the given second: whatever the victim has in hand then.
      await sleep(o.faultAtMs + Math.random() * 1000);
      await a.stop("SIGKILL");
      await sleep(o.downMs);
      const restarted = await world.start();
      balancer.setTargets([restarted.url, b.url]);
      const faultEnd = Date.now();
      await traffic.settled();
      const quiet = await world.quiet(o.drainTimeoutMs);
      const drainMs = quiet ? Date.now() - faultEnd : null;
      const f = await chatFigures(world.db, world.fake, traffic.updates.values());
      // A reply the killed instance had on the wire may or may not have arrived: it is sent again
      // once the row has been SENDING for two minutes (a repeated answer beats a lost one).
      const { rows } = await world.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboundMessage" WHERE status = 'SENDING' AND "claimedBy" LIKE $1`,
        [`%:${a.child.pid}:%`],
      );
      const inHand = Number(rows[0]?.n ?? 0);
      // A chat's later messages wait behind the one in hand (one chat's messages go in order).
      const elsewhere = await world.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboundMessage" o WHERE o.status IN ('QUEUED', 'SENDING')
           AND o."identityId" NOT IN (SELECT "identityId" FROM "OutboundMessage" WHERE status = 'SENDING' AND "claimedBy" LIKE $1 AND "identityId" IS NOT NULL)`,
        [`%:${a.child.pid}:%`],
      );
      const notFinalElsewhere = Number(elsewhere.rows[0]?.n ?? 0);
      return {
        scenario: "instance killed (2 instances), chat",
        ...f,
        interrupted: 0,
        inHand,
        notFinalElsewhere,
        recoveryMs: world.firstSendAfter(faultEnd),
        drainMs,
        note: inHand ? `${inHand} replies in the killed instance's hands, sent again after 2 min` : undefined,
      };
    } finally {
      traffic.close();
      await balancer.close();
    }
  } finally {
    await world.close();
  }
}

/**
 * Two instances behind a round-robin proxy on one webhook address; a share of the updates is
 * POSTed again after its 200 (Telegram did not see the answer), landing on the other instance.
 */
export async function twoInstancesOneWebhook(o: Omit<ChatLoad, "faultAtMs"> & { lostAcks: number }): Promise<Figures> {
  const world = await startFaultWorld("ansinh_fault_rr");
  try {
    const [a, b] = await Promise.all([world.start(), world.start()]);
    const balancer = await startRoundRobin([a.url, b.url]);
    const traffic = startTraffic({
      webhook: `${balancer.url}/channels/telegram/webhook`,
      secret: WEBHOOK_SECRET,
      perSecond: o.perSecond,
      seconds: o.seconds,
      firstChat: 8_200_000,
      firstUpdateId: 1,
      lostAcks: o.lostAcks,
    });
    try {
      const start = Date.now();
      await traffic.settled();
      const quiet = await world.quiet(o.drainTimeoutMs);
      const f = await chatFigures(world.db, world.fake, traffic.updates.values());
      const resent = [...traffic.updates.values()].filter((u) => u.posts > 1).length;
      return {
        scenario: "two instances, one webhook",
        ...f,
        interrupted: 0,
        recoveryMs: null,
        drainMs: quiet ? Date.now() - start : null,
        note: `${resent} updates POSTed twice (to both instances)`,
      };
    } finally {
      traffic.close();
      await balancer.close();
    }
  } finally {
    await world.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
