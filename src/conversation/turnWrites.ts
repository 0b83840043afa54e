// What answering messages writes: each chat's new state, its replies and the message marked
// answered, for several chats in one statement. Two forms:
// - `writeTurns`, inside the transaction that holds the chats' locks (a turn that ran effects);
// - `writeFreeTurns`, on its own, for turns whose decision needed nothing from the database beyond
//   what was read: it writes a chat only if nobody answered anything in it since that read (the
//   conversation's revision is unchanged and the message still unanswered), else leaves it out,
//   and the chat is answered again under its lock. One statement is atomic: a chat's state,
//   replies and answered message are written together or not at all.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { hotRows } from "../db/hotRows.ts";
import { PRIORITY } from "../delivery/enqueue.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ChatContext } from "./brain.ts";

type Db = Pick<PrismaClient, "$queryRaw">;

/** What answering one message writes, together with the other chats' of the same statement. */
export interface TurnWrite {
  identityId: string;
  inboundId: string;
  now: Date;
  channel: ChatContext["channel"];
  state: string | null;
  flow: string | null;
  replies: { id: string; dedupeKey: string; reply: string; createdAt: Date }[];
  /** The message's text and payload with personal numbers masked, when it had any. */
  redacted: { text: string; payload: string } | null;
}

/** A turn decided without the chat's lock, and the conversation's revision it was decided on. */
export interface FreeTurnWrite extends TurnWrite {
  /** null: the chat had no conversation yet. */
  revision: number | null;
}

// People waiting in a chat go before bulk sends.
const REPLY_PRIORITY = PRIORITY.REPLY;

const chatRow = z.object({ identityId: z.string().nullable(), checked: z.number() });
const freeRow = z.object({ identityId: z.string(), more: z.boolean(), checked: z.number() });

/**
 * The CTE inserting the replies (none when there are none), only those of the chats in `won` when
 * given (a CTE of the chats written).
 */
function writtenReplies(writes: TurnWrite[], won: Prisma.Sql | null): Prisma.Sql {
  const queuedAt = new Date();
  const rows = writes.flatMap((w) =>
    w.replies.map(
      (r) => Prisma.sql`(${r.id}, ${w.channel}::"Channel", ${w.identityId}, 'REPLY'::"OutboundKind",
        ${REPLY_PRIORITY}::int, ${r.dedupeKey}, ${r.reply}::jsonb, ${queuedAt}::timestamp(3), ${r.createdAt}::timestamp(3))`,
    ),
  );
  if (rows.length === 0) return Prisma.empty;
  return Prisma.sql`replies AS (
    INSERT INTO "OutboundMessage" (id, channel, "identityId", kind, priority, "dedupeKey", reply, "notBefore", "createdAt")
    SELECT r.* FROM (VALUES ${Prisma.join(rows)})
      AS r(id, channel, "identityId", kind, priority, "dedupeKey", reply, "notBefore", "createdAt")
    ${won ? Prisma.sql`JOIN ${won} USING ("identityId")` : Prisma.empty}
    RETURNING 1),`;
}

/**
 * The CTE `answered` marking the messages answered (those still unanswered), with the typed text
 * and payload masked where they held personal numbers; with `won`, only the chats written.
 */
function answered(writes: TurnWrite[], won: Prisma.Sql | null): Prisma.Sql {
  const rows = Prisma.join(
    writes.map(
      (w) => Prisma.sql`(${w.identityId}, ${w.inboundId}, ${w.now}::timestamp(3), ${w.redacted !== null}::boolean,
        ${w.redacted?.text ?? null}::text, ${w.redacted?.payload ?? null}::jsonb)`,
    ),
  );
  return Prisma.sql`answered AS (
    UPDATE "InboundMessage" m SET "processedAt" = a.at,
      text = CASE WHEN a.redacted THEN a.text ELSE m.text END,
      payload = CASE WHEN a.redacted THEN a.payload ELSE m.payload END
    FROM (VALUES ${rows}) AS a("identityId", id, at, redacted, text, payload)
    ${won ? Prisma.sql`JOIN ${won} USING ("identityId")` : Prisma.empty}
    WHERE m.id = a.id AND m."processedAt" IS NULL
    RETURNING m.id)`;
}

/**
 * Under the chats' locks: their states, replies and messages marked answered, in one statement;
 * returns the chats with another message waiting (read in the same snapshot, so the ones being
 * marked, not yet marked in it, are left out by their ids). A turn written without the lock may
 * have answered one of these messages since it was read: then the statement fails on purpose
 * ("turn answered elsewhere"), the transaction is rolled back, and the chats are answered again.
 */
export async function writeTurns(db: Db, stateVersion: number, writes: TurnWrite[]): Promise<string[]> {
  if (writes.length === 0) return [];
  const rows = await hotRows(
    db,
    chatRow,
    Prisma.sql`
      WITH conversation AS (
        INSERT INTO "Conversation" (id, "identityId", version, state, flow, "updatedAt")
        VALUES ${Prisma.join(
          writes.map(
            (w) => Prisma.sql`(${randomUUID()}, ${w.identityId}, ${stateVersion}, ${w.state}::jsonb,
              ${w.flow}, ${w.now})`,
          ),
        )}
        ON CONFLICT ("identityId") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt", version = EXCLUDED.version,
          state = EXCLUDED.state, flow = EXCLUDED.flow, revision = "Conversation".revision + 1
        RETURNING 1),
      ${writtenReplies(writes, null)}
      ${answered(writes, null)}
      SELECT waiting."identityId",
        CAST(CASE WHEN (SELECT count(*) FROM answered) = ${writes.length} THEN '0'
          ELSE 'turn answered elsewhere' END AS int) AS checked
      FROM (SELECT 1) AS one LEFT JOIN (
        SELECT DISTINCT "identityId" FROM "InboundMessage"
        WHERE "identityId" IN (${Prisma.join(writes.map((w) => w.identityId))}) AND "processedAt" IS NULL
          AND id NOT IN (${Prisma.join(writes.map((w) => w.inboundId))})) AS waiting ON TRUE`,
  );
  return rows.flatMap((r) => (r.identityId === null ? [] : [r.identityId]));
}

/**
 * Without a lock: writes each chat whose conversation is still at the revision its turn was decided
 * on (or still absent), and returns those, with whether another message waits in each. A chat
 * answered meanwhile by someone else is left out whole (its conversation's revision moved, so
 * nothing of it is written); the caller answers it again under its lock.
 *
 * Why it is safe: the conversation row is the chat's turn counter. Every answered message moves
 * its revision (and creating it is the first), and a row updated by another transaction since this
 * statement's snapshot is re-checked against its newest version before it is written (READ
 * COMMITTED), so two writers of one chat never both win. The message's own row is checked as well;
 * should it be answered already while the revision still matched, the statement fails on purpose
 * ("turn answered elsewhere") and writes nothing.
 */
export async function writeFreeTurns(
  db: Db,
  stateVersion: number,
  writes: FreeTurnWrite[],
): Promise<{ identityId: string; more: boolean }[]> {
  if (writes.length === 0) return [];
  const rows = await hotRows(
    db,
    freeRow,
    Prisma.sql`
      WITH v("identityId", "conversationId", rev, state, flow, at, "inboundId") AS (VALUES ${Prisma.join(
        writes.map(
          (w) => Prisma.sql`(${w.identityId}, ${randomUUID()}, ${w.revision}::int, ${w.state}::jsonb, ${w.flow}::text,
            ${w.now}::timestamp(3), ${w.inboundId})`,
        ),
      )}),
      created AS (
        INSERT INTO "Conversation" (id, "identityId", version, state, flow, "updatedAt")
        SELECT v."conversationId", v."identityId", ${stateVersion}::int, v.state, v.flow, v.at FROM v WHERE v.rev IS NULL
        ON CONFLICT ("identityId") DO NOTHING
        RETURNING "identityId"),
      updated AS (
        UPDATE "Conversation" c SET "updatedAt" = v.at, version = ${stateVersion}::int, state = v.state, flow = v.flow,
          revision = c.revision + 1
        FROM v WHERE c."identityId" = v."identityId" AND c.revision = v.rev
        RETURNING c."identityId"),
      won AS (SELECT "identityId" FROM created UNION ALL SELECT "identityId" FROM updated),
      ${writtenReplies(writes, Prisma.sql`won`)}
      ${answered(writes, Prisma.sql`won`)}
      SELECT won."identityId",
        EXISTS (SELECT 1 FROM "InboundMessage" n WHERE n."identityId" = won."identityId" AND n."processedAt" IS NULL
          AND n.id <> v."inboundId") AS more,
        CAST(CASE WHEN (SELECT count(*) FROM answered) = (SELECT count(*) FROM won) THEN '0'
          ELSE 'turn answered elsewhere' END AS int) AS checked
      FROM won JOIN v USING ("identityId")`,
  );
  return rows.map(({ identityId, more }) => ({ identityId, more }));
}
