// Writes one chunk of planned notices: the PayoutNotice records and their messages, together in one
// statement (a chunk is a thousand payouts; the model API's createMany spent more time building its
// statement than the database took to run it). The rows travel as JSON documents that the database
// expands with json_to_recordset: as arrays of text, every quote of every message's wording was
// escaped one character at a time by the driver, which with the garbage it left took a fifth of
// the planner's CPU. The rows are those enqueueOutbound writes (outboundRow), and like it a row
// whose key exists already is skipped, so a repeated run writes nothing twice. Only a message's
// dedupe key can exist already (its id is new, and a notice belongs to no broadcast or ticket):
// naming it as the one key to check spares a lookup in each of the other unique indexes per message.
import { hotExecute } from "../../db/hotRows.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { outboundRow, type OutboundDraft } from "../../delivery/enqueue.ts";

export interface PlannedNotice {
  payoutId: string;
  /** Messages written to be sent (chats and phones; not those written already skipped). */
  recipients: number;
}

export async function writeNotices(
  db: Prisma.TransactionClient,
  kind: NoticeKind,
  plannedAt: Date,
  notices: PlannedNotice[],
  drafts: OutboundDraft[],
): Promise<void> {
  if (notices.length === 0) return;
  const records = Prisma.sql`
    INSERT INTO "PayoutNotice" ("payoutId", kind, recipients, "plannedAt")
    SELECT n.payout, ${kind}::"NoticeKind", n.recipients, ${plannedAt}
    FROM json_to_recordset(${JSON.stringify(notices.map((n) => ({ payout: n.payoutId, recipients: n.recipients })))}::json)
      AS n(payout text, recipients int)
    ON CONFLICT DO NOTHING`;
  if (drafts.length === 0) {
    await hotExecute(db, records);
    return;
  }
  // One statement for both (a statement is atomic): no transaction to open and close per chunk.
  // A timestamp read from the document drops its "Z": the column holds UTC, as Prisma writes it.
  await hotExecute(
    db,
    Prisma.sql`
    WITH records AS (${records})
    INSERT INTO "OutboundMessage" (id, channel, "identityId", phone, kind, priority, reply, "dedupeKey", "noticeKey", "beneficiaryId",
      "broadcastDeliveryId", "ticketMessageId", "notBefore", status, "failureReason")
    SELECT gen_random_uuid()::text, m.channel::"Channel", m."identityId", m.phone, m.kind::"OutboundKind", m.priority, m.reply::jsonb,
      m."dedupeKey", m."noticeKey", m."beneficiaryId", m."broadcastDeliveryId", m."ticketMessageId",
      COALESCE(m."notBefore", now()), COALESCE(m.status, 'QUEUED')::"DeliveryStatus", m."failureReason"
    FROM json_to_recordset(${JSON.stringify(drafts.map(outboundRow))}::json)
      AS m(channel text, "identityId" text, phone text, kind text, priority int, reply json, "dedupeKey" text, "noticeKey" text,
        "beneficiaryId" text, "broadcastDeliveryId" text, "ticketMessageId" text, "notBefore" timestamp(3), status text, "failureReason" text)
    ON CONFLICT ("dedupeKey") DO NOTHING`,
  );
}
