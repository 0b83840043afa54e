// PostgreSQL restarts while an officer's broadcast is going out: the officer sends it from the
// console of the real service process ("send now"), the database goes away half-way, and
// afterwards every person on the report has one final line, nobody got the message twice, and
// the report's "sent" count is what the platform received.
import { createDatabase } from "../../src/db/database.ts";
import { createStaff, signIn } from "../helpers/app.ts";
import { createdId, postForm } from "../broadcasts/harness.ts";
import { seedRecipients } from "../delivery/world.ts";
import { tallyDeliveries, type Figures } from "./figures.ts";
import { openWork, startFaultWorld } from "./faultWorld.ts";

export interface BroadcastRun {
  recipients: number;
  ratePerSecond: number;
  /** The restart starts once this many messages were accepted by the platform. */
  faultAtMessages: number;
  outageMs: number;
  drainTimeoutMs: number;
}

const PASSWORD = "Broadcast-fault-2026";

export async function databaseRestartDuringBroadcast(
  o: BroadcastRun,
): Promise<Figures & { reportSent: number; received: number }> {
  const world = await startFaultWorld("ansinh_fault_broadcast");
  try {
    const service = await world.start({
      TELEGRAM_RATE_PER_SECOND: String(o.ratePerSecond),
      BROADCAST_APPROVAL_THRESHOLD: String(o.recipients + 1),
    });
    const db = await createDatabase({ kind: "postgres", url: world.directUrl, poolSize: 2 });
    let communeId: string;
    try {
      const people = await seedRecipients(db.prisma, o.recipients, { firstChatId: 9_500_000 });
      const commune = await db.prisma.beneficiary.findUniqueOrThrow({
        where: { id: people[0]!.beneficiaryId },
        select: { commune: { select: { id: true, code: true } } },
      });
      communeId = commune.commune.id;
      await createStaff(db.prisma, {
        username: "canbo.fault",
        password: PASSWORD,
        role: "COMMUNE_OFFICER",
        communeCodes: [commune.commune.code],
      });
    } finally {
      await db.close();
    }

    const officer = await signIn(service.url, "canbo.fault", PASSWORD);
    const res = await postForm(service.url, officer, "/console/broadcasts", [
      ["title", "Nhắc lịch nhận tiền"],
      ["communeIds", communeId],
      ["textVi", "Kính gửi bác {ho_ten}: ngày 20 tháng này chi trả tại nhà văn hóa."],
      ["when", "now"],
      ["action", "create"],
    ]);
    const broadcastId = createdId(res);

    await world.fake.waitFor("sendMessage", { count: o.faultAtMessages, status: 200, timeoutMs: 120_000 });
    await world.proxy.restart(o.outageMs);
    const faultEnd = Date.now();
    const deadline = faultEnd + o.drainTimeoutMs;
    let done = false;
    while (!done && Date.now() < deadline) {
      // Every report line ended (the broadcast itself is marked done by the next minute's job).
      const { rows } = await world.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "BroadcastDelivery" WHERE "broadcastId" = $1 AND status IN ('QUEUED', 'SENDING')`,
        [broadcastId],
      );
      done = rows[0]?.n === "0" && (await openWork(world.db)) === 0;
      if (!done) await new Promise((r) => setTimeout(r, 250));
    }
    const drainMs = done ? Date.now() - faultEnd : null;

    const { rows } = await world.db.query<{ chat: string | null; status: string; reason: string | null }>(
      `SELECT i."platformUserId" AS chat, d.status::text AS status, d.reason
       FROM "BroadcastDelivery" d
       LEFT JOIN "OutboundMessage" m ON m."broadcastDeliveryId" = d.id
       LEFT JOIN "ChatIdentity" i ON i.id = m."identityId"
       WHERE d."broadcastId" = $1`,
      [broadcastId],
    );
    const t = tallyDeliveries(rows, world.fake);
    let { lost, duplicates } = t;
    // Everyone on the list has exactly one report line.
    lost += Math.max(0, o.recipients - rows.length);
    duplicates += Math.max(0, rows.length - o.recipients);
    return {
      scenario: `database restart ${o.outageMs / 1000} s, broadcast`,
      messages: o.recipients,
      lost,
      duplicates,
      interrupted: t.interrupted,
      apologies: 0,
      notFinal: t.notFinal,
      recoveryMs: world.firstSendAfter(faultEnd),
      drainMs,
      reportSent: t.sent,
      received: t.received,
    };
  } finally {
    await world.close();
  }
}
