// Writes one chunk of planned notices: the PayoutNotice records and their messages, together in one
// statement over arrays (a chunk is a thousand payouts; the model API's createMany spent more time
// building its statement than the database took to run it). The rows are what enqueueOutbound
// writes, and like it a row whose key exists already is skipped, so a repeated run writes nothing twice.
import { hotExecute } from "../../db/hotRows.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { NoticeKind } from "../../generated/prisma/enums.ts";
import { PRIORITY, type OutboundDraft } from "../../delivery/enqueue.ts";

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
    FROM unnest(${notices.map((n) => n.payoutId)}::text[], ${notices.map((n) => n.recipients)}::int[]) AS n(payout, recipients)
    ON CONFLICT DO NOTHING`;
  if (drafts.length === 0) {
    await hotExecute(db, records);
    return;
  }
  const column = <T>(pick: (d: OutboundDraft) => T) => drafts.map(pick);
  // Times as Prisma stores them: UTC in a timestamp without time zone.
  const utc = (d: Date) => d.toISOString().slice(0, -1);
  // One statement for both (a statement is atomic): no transaction to open and close per chunk.
  await hotExecute(
    db,
    Prisma.sql`
    WITH records AS (${records})
    INSERT INTO "OutboundMessage" (id, channel, "identityId", phone, kind, priority, reply, "dedupeKey", "noticeKey", "beneficiaryId", "notBefore", status, "failureReason")
    SELECT gen_random_uuid()::text, m.channel::"Channel", m.identity, m.phone, m.kind::"OutboundKind", m.priority, m.reply::jsonb, m.dedupe, m.notice, m.beneficiary,
      COALESCE(m.not_before::timestamp(3), now()), COALESCE(m.status, 'QUEUED')::"DeliveryStatus", m.reason
    FROM unnest(
      ${column((d) => d.to.channel)}::text[], ${column((d) => ("identityId" in d.to ? d.to.identityId : null))}::text[],
      ${column((d) => ("phone" in d.to ? d.to.phone : null))}::text[], ${column((d) => d.kind)}::text[], ${column((d) => PRIORITY[d.kind])}::int[],
      ${column((d) => JSON.stringify(d.reply))}::text[], ${column((d) => d.dedupeKey ?? null)}::text[], ${column((d) => d.noticeKey ?? null)}::text[],
      ${column((d) => d.beneficiaryId ?? null)}::text[], ${column((d) => (d.notBefore ? utc(d.notBefore) : null))}::text[],
      ${column((d) => (d.skipped ? "SKIPPED" : null))}::text[], ${column((d) => d.skipped ?? null)}::text[]
    ) AS m(channel, identity, phone, kind, priority, reply, dedupe, notice, beneficiary, not_before, status, reason)
    ON CONFLICT DO NOTHING`,
  );
}
