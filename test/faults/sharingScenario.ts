// Two instances of the real service share the work: people chat through one webhook address (a
// round-robin balancer in front of both) while a run of payout notices waits to go out. Counted
// from the database and from what the fake Bot API received: the replies each instance sent, the
// instances that sent notices (the elected bulk sender alone may), and every update answered once.
import { createDatabase } from "../../src/db/database.ts";
import { queueNotices, seedRecipients } from "../delivery/world.ts";
import { chatFigures, tallyDeliveries, type Figures } from "./figures.ts";
import { startFaultWorld, WEBHOOK_SECRET } from "./faultWorld.ts";
import { startRoundRobin } from "./roundRobin.ts";
import { startTraffic } from "./webhookTraffic.ts";

export interface Sharing extends Figures {
  /** Replies sent, per instance (by process id), both instances listed. */
  repliesBy: number[];
  /** Instances that sent notices. */
  bulkSenders: number;
  /** Notices received by the platform, and how many were queued. */
  noticesReceived: number;
  noticesQueued: number;
}

export async function twoInstancesShareTheWork(o: {
  perSecond: number;
  seconds: number;
  notices: number;
  drainTimeoutMs: number;
}): Promise<Sharing> {
  const world = await startFaultWorld("ansinh_fault_share");
  try {
    const [a, b] = await Promise.all([world.start(), world.start()]);
    const db = await createDatabase({ kind: "postgres", url: world.directUrl, poolSize: 2 });
    try {
      await queueNotices(db.prisma, await seedRecipients(db.prisma, o.notices, { firstChatId: 9_300_000 }), "share");
    } finally {
      await db.close();
    }
    const balancer = await startRoundRobin([a.url, b.url]);
    const traffic = startTraffic({
      webhook: `${balancer.url}/channels/telegram/webhook`,
      secret: WEBHOOK_SECRET,
      perSecond: o.perSecond,
      seconds: o.seconds,
      firstChat: 8_300_000,
      firstUpdateId: 1,
    });
    try {
      const start = Date.now();
      await traffic.settled();
      const quiet = await world.quiet(o.drainTimeoutMs);
      const f = await chatFigures(world.db, world.fake, traffic.updates.values());
      const owners = await world.db.query<{ pid: string; kind: string; n: string }>(`
        SELECT split_part("claimedBy", ':', 2) AS pid, kind::text AS kind, count(*) AS n
        FROM "OutboundMessage" WHERE status = 'SENT' GROUP BY 1, 2`);
      const count = (pid: number | undefined, kind: string) =>
        Number(owners.rows.find((r) => r.pid === String(pid) && r.kind === kind)?.n ?? 0);
      const notices = await world.db.query<{ chat: string; status: string; reason: string | null }>(`
        SELECT i."platformUserId" AS chat, m.status::text AS status, m."failureReason" AS reason
        FROM "OutboundMessage" m JOIN "ChatIdentity" i ON i.id = m."identityId" WHERE m."noticeKey" LIKE 'test:share:%'`);
      const t = tallyDeliveries(notices.rows, world.fake);
      return {
        scenario: "two instances share the work",
        ...f,
        lost: f.lost + t.lost,
        duplicates: f.duplicates + t.duplicates,
        notFinal: f.notFinal + t.notFinal,
        interrupted: t.interrupted,
        recoveryMs: null,
        drainMs: quiet ? Date.now() - start : null,
        repliesBy: [count(a.child.pid, "REPLY"), count(b.child.pid, "REPLY")],
        bulkSenders: owners.rows.filter((r) => r.kind === "NOTIFICATION").length,
        noticesReceived: t.received,
        noticesQueued: notices.rows.length,
      };
    } finally {
      traffic.close();
      await balancer.close();
    }
  } finally {
    await world.close();
  }
}
