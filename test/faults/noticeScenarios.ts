// PostgreSQL restarts in the middle of a run of payout notices sent by the real service process:
// afterwards every notice has ended, nobody got one twice, and a notice whose fate could not be
// known ends FAILED "interrupted" (counted) rather than being sent again.
import { createDatabase } from "../../src/db/database.ts";
import { queueNotices, seedRecipients } from "../delivery/world.ts";
import { tallyDeliveries, type Figures } from "./figures.ts";
import { startFaultWorld } from "./faultWorld.ts";

export interface NoticeRun {
  recipients: number;
  ratePerSecond: number;
  /** The restart starts once this many notices were accepted by the platform. */
  faultAtMessages: number;
  outageMs: number;
  drainTimeoutMs: number;
}

export async function databaseRestartDuringNotices(o: NoticeRun): Promise<Figures> {
  const world = await startFaultWorld("ansinh_fault_notices");
  try {
    await world.start({ TELEGRAM_RATE_PER_SECOND: String(o.ratePerSecond) });
    const db = await createDatabase({ kind: "postgres", url: world.directUrl, poolSize: 2 });
    try {
      const people = await seedRecipients(db.prisma, o.recipients, { firstChatId: 9_000_000 });
      await queueNotices(db.prisma, people, "fault");
    } finally {
      await db.close();
    }
    await world.fake.waitFor("sendMessage", { count: o.faultAtMessages, status: 200, timeoutMs: 120_000 });
    await world.proxy.restart(o.outageMs);
    const faultEnd = Date.now();
    const quiet = await world.quiet(o.drainTimeoutMs);
    const drainMs = quiet ? Date.now() - faultEnd : null;

    const { rows } = await world.db.query<{ chat: string; status: string; reason: string | null }>(`
      SELECT i."platformUserId" AS chat, m.status::text AS status, m."failureReason" AS reason
      FROM "OutboundMessage" m JOIN "ChatIdentity" i ON i.id = m."identityId" WHERE m."noticeKey" LIKE 'test:fault:%'`);
    const { duplicates, interrupted, notFinal, ...t } = tallyDeliveries(rows, world.fake);
    let lost = t.lost;
    lost += o.recipients - rows.length;
    return {
      scenario: `database restart ${o.outageMs / 1000} s, notices`,
      messages: o.recipients,
      lost,
      duplicates,
      interrupted,
      apologies: 0,
      notFinal,
      recoveryMs: world.firstSendAfter(faultEnd),
      drainMs,
    };
  } finally {
    await world.close();
  }
}
