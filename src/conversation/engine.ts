// Receives every inbound event exactly once and answers it. Each message is stored before anything
// else happens (once per act of the person while the platform may re-send it, see inboundStore.ts,
// so a re-sent webhook is answered, not processed twice), then answered one event per chat at a
// time, whichever instance holds it. Decisions, new state and outgoing replies commit together; a
// crash before the commit leaves the message unprocessed, and `recover` answers it after the restart.
// A turn that needs nothing from the database but what was read with the message is decided
// without a lock and written only if nobody answered the chat meanwhile (turnWrites.ts); a turn
// with effects runs in a transaction holding the chat's lock.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { InboundEvent } from "../core/events.ts";
import { inboundBody, type InboundBody } from "../core/events.ts";
import { withoutNul } from "../lib/text.ts";
import { redactString } from "../lib/redact.ts";
import { connectionLoss } from "../lib/connectionLoss.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import { toJsonValue } from "../lib/json.ts";
import type { Logger } from "../lib/logger.ts";
import type { Brain, ChatContext, ChatSettings, Decision, Tx } from "./brain.ts";
import { writeFreeTurns, writeTurns, type FreeTurnWrite, type TurnWrite } from "./turnWrites.ts";
import { sqlDate } from "../db/queryRows.ts";
import { hotRows } from "../db/hotRows.ts";
import { PRIORITY } from "../delivery/enqueue.ts";
import { chatContext, contextColumns, contextRow, loadChatContext, type ContextRow } from "./chatContext.ts";
import { createInboundStore } from "./inboundStore.ts";
import type { Reply } from "../core/reply.ts";

export interface EngineDeps<S, E, R> {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  brain: Brain<S, E, R>;
  settings: ChatSettings;
  /** Called after replies to a chat on `channel` were committed, so they go out at once. */
  onReplies?: (channel: ChatContext["channel"]) => void;
  /** How many chats are processed at the same time (each holds a database connection meanwhile). */
  concurrency?: number;
  /** How long a message's key keeps a re-sent copy out (default: RESEND_WINDOW_MS). */
  resendWindowMs?: number;
  /** How one turn's replies become messages on a channel (default: one message per reply). */
  layoutReplies?: (channel: ChatContext["channel"], replies: Reply[]) => Reply[];
}

export interface ConversationEngine {
  /** Stores the event (once) and schedules processing; fast enough for a webhook's answer. */
  receive(event: InboundEvent): Promise<{ duplicate: boolean; identityId: string }>;
  /** Processes every stored, unprocessed message of one chat, in order. */
  process(identityId: string): Promise<void>;
  /** Processes whatever any instance left unprocessed (after a crash). Returns the chats touched. */
  recover(): Promise<number>;
  /** Resolves when everything scheduled so far has been processed (for tests and shutdown). */
  settle(): Promise<void>;
}

/**
 * How long a platform may deliver the same message again: Telegram keeps an unconfirmed update for
 * 24 h (Bot API, getUpdates/setWebhook), Zalo re-sends an unanswered webhook for up to 12 h (OA
 * help centre). Twice the longest, then the key is released: ids are not kept for ever because
 * platforms start them again (Telegram's update_id after a week without updates).
 */
export const RESEND_WINDOW_MS = 48 * 3_600_000;
const MAX_FOLLOW_UPS = 6;
const RETRIES = 12;
const TX = { timeout: 30_000, maxWait: 30_000 };
const DEFAULT_CONCURRENCY = 4;
// Chats whose messages are answered in one transaction: under load, many chats each wait with one
// message, and their turns share the transaction's statements instead of each paying for them.
const BATCH = 8;

/** What a transaction answering chats' messages did. */
interface Turns {
  /** Channels whose chats got replies (waiting in the outbox now). */
  channels: Set<ChatContext["channel"]>;
  /** Chats with another message to answer. */
  more: string[];
}

interface NextMessage {
  id: string;
  payload: unknown;
  conversation: { state: unknown; version: number; updatedAt: Date; revision: number } | null;
  context: ContextRow;
}

const nextRow = contextRow.extend({
  identityId: z.string(),
  id: z.string().nullable(),
  payload: z.unknown(),
  hasConversation: z.boolean(),
  state: z.unknown(),
  version: z.number().int().nullable(),
  revision: z.number().int().nullable(),
  updatedAt: sqlDate.nullable(),
});

/**
 * Each chat's oldest unanswered message, with what answering it needs (the conversation, the
 * chat's context), in one statement; a chat without one is left out.
 */
async function nextMessages(tx: Pick<Tx, "$queryRaw">, identityIds: string[]): Promise<Map<string, NextMessage>> {
  const rows = await hotRows(
    tx,
    nextRow,
    Prisma.sql`
      SELECT i.id AS "identityId", m.id, m.payload, (c.id IS NOT NULL) AS "hasConversation", c.state, c.version,
        c.revision, c."updatedAt", ${contextColumns(Prisma.sql`i`)}
      FROM "ChatIdentity" i
      JOIN LATERAL (
        SELECT id, payload FROM "InboundMessage"
        WHERE "identityId" = i.id AND "processedAt" IS NULL
        ORDER BY "receivedAt", id LIMIT 1) m ON TRUE
      LEFT JOIN "Conversation" c ON c."identityId" = i.id
      WHERE i.id IN (${Prisma.join(identityIds)})`,
  );
  const next = new Map<string, NextMessage>();
  for (const row of rows) {
    if (!row.id) continue;
    next.set(row.identityId, {
      id: row.id,
      payload: row.payload,
      conversation:
        row.hasConversation && row.version !== null && row.updatedAt !== null && row.revision !== null
          ? { state: row.state, version: row.version, updatedAt: row.updatedAt, revision: row.revision }
          : null,
      context: row,
    });
  }
  return next;
}

/**
 * One event per chat at a time, across instances: the locks live until the transaction commits.
 * Several chats' locks are taken in one order everywhere (by key), so two instances each taking a
 * few never wait for each other in a circle.
 */
async function lockChats(tx: Tx, identityIds: string[]): Promise<void> {
  if (identityIds.length === 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${identityIds[0]}))`;
    return;
  }
  const keys = Prisma.join(identityIds.map((id) => Prisma.sql`(hashtext(${id}))`));
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM (VALUES ${keys}) AS v(k) ORDER BY k OFFSET 0) AS sorted`;
}

export function createConversationEngine<S, E, R>(deps: EngineDeps<S, E, R>): ConversationEngine {
  const pending = new Set<Promise<void>>();
  // A few transactions at a time, each holding one database connection and answering one chat or
  // a few waiting ones: the rest of the pool stays free for storing new messages (a webhook's
  // answer waits on that) and for sending replies. A chat is never queued or run twice at once here.
  const limit = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const waiting = new Map<string, number>(); // chat → retry count, in arrival order
  const running = new Set<string>();
  const again = new Set<string>(); // chats that got a message while being processed

  function schedule(identityId: string, retry = 0): void {
    enqueue(identityId, retry);
    startWaiting();
  }

  function enqueue(identityId: string, retry = 0): void {
    if (running.has(identityId)) again.add(identityId);
    else if (!waiting.has(identityId)) waiting.set(identityId, retry);
  }

  let active = 0; // transactions under way, each answering one or a few chats

  function startWaiting(): void {
    while (active < limit && waiting.size > 0) {
      const batch = [...waiting].slice(0, BATCH);
      for (const [identityId] of batch) {
        waiting.delete(identityId);
        running.add(identityId);
      }
      active += 1;
      const p = answer(batch.map(([identityId]) => identityId))
        .catch((err: unknown) => {
          for (const [identityId, retry] of batch) {
            deps.log.error({ err, identityId }, "processing failed");
            // Most often the database was away for a moment (a restart): try again soon rather than
            // at the next recovery sweep, a minute away; the sweep stays the backstop.
            if (retry < RETRIES)
              setTimeout(() => schedule(identityId, retry + 1), Math.min(5000, 500 * 2 ** retry)).unref();
          }
        })
        .finally(() => {
          active -= 1;
          for (const [identityId] of batch) running.delete(identityId);
          for (const [identityId] of batch) if (again.delete(identityId)) schedule(identityId);
          startWaiting();
        });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  }

  /**
   * Answers every stored, unanswered message of these chats, in order. Nothing more was stored
   * for a chat when its turn was written: done with it. A message stored since then on this
   * instance scheduled the chat again (`again`); one stored by another instance is answered by
   * that instance, once these locks are released.
   */
  async function answer(identityIds: string[]): Promise<void> {
    for (let chats = identityIds; chats.length > 0;) {
      const free = await freeTurns(chats);
      for (const channel of free.channels) deps.onReplies?.(channel);
      const more = free.more;
      if (free.locked.length > 0) {
        const done = await lockedTurns(free.locked);
        for (const channel of done.channels) deps.onReplies?.(channel);
        more.push(...done.more);
      }
      chats = [...new Set(more)];
    }
  }

  /**
   * Most turns need nothing from the database but what is read with the message (a greeting, a
   * menu, a step of a form): those are decided without a lock or a transaction and written in one
   * statement that checks nobody answered the chat meanwhile. Returns, besides what was written,
   * the chats whose turn needs the lock: effects to run, an event about the chat, a turn that
   * failed, or a chat answered elsewhere since it was read.
   */
  async function freeTurns(identityIds: string[]): Promise<Turns & { locked: string[] }> {
    const next = await nextMessages(deps.prisma, identityIds);
    const writes: FreeTurnWrite[] = [];
    const locked: string[] = [];
    for (const [identityId, message] of next) {
      let write: TurnWrite | null = null;
      try {
        write = decideAlone(identityId, message);
      } catch {
        // Answered again under the lock, where a failing turn is kept with its error and apologised for.
      }
      if (write) writes.push({ ...write, revision: message.conversation?.revision ?? null });
      else locked.push(identityId);
    }
    if (writes.length === 0) return { channels: new Set(), more: [], locked };
    const written = await writeFreeTurns(deps.prisma, deps.brain.stateVersion, writes).catch((err: unknown) => {
      if (connectionLoss(err)) throw err;
      // Someone answered one of these chats at the same moment: each is answered under its lock.
      deps.log.info({ err, chats: writes.length }, "turns written elsewhere meanwhile; answering under the lock");
      return [];
    });
    const won = new Set(written.map((w) => w.identityId));
    for (const w of writes) if (!won.has(w.identityId)) locked.push(w.identityId);
    return {
      channels: new Set(writes.filter((w) => won.has(w.identityId) && w.replies.length > 0).map((w) => w.channel)),
      more: written.filter((w) => w.more).map((w) => w.identityId),
      locked,
    };
  }

  /** Answers the next message of each chat under its lock, one transaction for all if it can. */
  async function lockedTurns(chats: string[]): Promise<Turns> {
    return turns(chats).catch(async (err: unknown) => {
      if (chats.length === 1 || connectionLoss(err)) throw err;
      // One chat's turn failed (or the chats' effects met in a deadlock): the transaction is
      // rolled back, and each chat is answered in a transaction of its own.
      const alone: Turns = { channels: new Set(), more: [] };
      for (const identityId of chats) {
        const one = await turns([identityId]);
        for (const channel of one.channels) alone.channels.add(channel);
        alone.more.push(...one.more);
      }
      return alone;
    });
  }

  /** Answers the next message of each chat, in one transaction. */
  async function turns(identityIds: string[]): Promise<Turns> {
    return deps.prisma
      .$transaction(async (tx): Promise<Turns> => {
        // Taken before the messages are read: a statement sees what was committed when it began,
        // and a message may have been answered by whoever held a lock before.
        await lockChats(tx, identityIds);
        const next = await nextMessages(tx, identityIds);
        const writes: TurnWrite[] = [];
        const more: string[] = [];
        for (const [identityId, message] of next) {
          const write = await handle(tx, identityId, message).catch(async (err: unknown) => {
            // Losing the database is not the message's fault: it stays unprocessed and is tried again.
            throw connectionLoss(err) ? err : new ProcessingError(message.id, err);
          });
          if (write) writes.push(write);
          else more.push(identityId);
        }
        more.push(...(await writeTurns(tx, deps.brain.stateVersion, writes)));
        return { channels: new Set(writes.filter((w) => w.replies.length > 0).map((w) => w.channel)), more };
      }, TX)
      .catch(async (err: unknown): Promise<Turns> => {
        if (!(err instanceof ProcessingError) || identityIds.length > 1) throw err;
        // A bug must not swallow the message or block the chat: keep it with the error, apologise.
        deps.log.error({ err: err.cause, inboundId: err.inboundId }, "message could not be processed");
        const channel = await markFailed(identityIds[0]!, err.inboundId, err.cause);
        return { channels: new Set([channel]), more: identityIds };
      });
  }

  const inbound = createInboundStore(deps.prisma, deps.resendWindowMs ?? RESEND_WINDOW_MS);

  const engine: ConversationEngine = {
    async receive(event) {
      const now = deps.clock.now();
      const body = inboundBody.parse(event);
      const { identityId, stored } = await inbound.store(
        now,
        {
          channel: event.chat.channel,
          platformUserId: event.chat.platformUserId,
          displayName: event.displayName ? withoutNul(event.displayName) : null,
          locale: event.languageHint?.startsWith("en") ? "en" : "vi",
        },
        {
          channel: event.chat.channel,
          platformMessageId: event.messageId,
          kind: body.kind,
          text: body.kind === "text" ? body.text : body.kind === "button" ? body.data : null,
          payload: toJsonValue(body),
          receivedAt: event.at,
        },
      );
      const duplicate = !stored;
      if (duplicate)
        deps.log.info({ channel: event.chat.channel, messageId: event.messageId }, "duplicate inbound ignored");
      schedule(identityId);
      return { duplicate, identityId };
    },

    process: (identityId) => answer([identityId]),

    async recover() {
      const rows = await deps.prisma.inboundMessage.findMany({
        where: { processedAt: null, identityId: { not: null } },
        distinct: ["identityId"],
        select: { identityId: true },
      });
      // All queued before any starts: they are answered a few chats to a transaction.
      for (const r of rows) if (r.identityId) enqueue(r.identityId);
      startWaiting();
      await engine.settle();
      return rows.length;
    },

    async settle() {
      while (pending.size > 0 || waiting.size > 0) {
        if (pending.size === 0) startWaiting();
        await Promise.all([...pending]);
      }
    },
  };

  /** What a turn knows before any effect runs: the event, the chat, and the first decision. */
  interface Opening {
    event: Exclude<InboundBody, { kind: "unreachable" | "reachable" }>;
    ctx: ChatContext;
    decision: Decision<S, E>;
    replies: Reply[];
  }

  /** The event about the chat itself (it became unreachable, or reachable again), or the opening. */
  function open(
    identityId: string,
    next: NextMessage,
    now: Date,
  ): Opening | Extract<InboundBody, { kind: "unreachable" | "reachable" }> {
    const parsedEvent = inboundBody.safeParse(next.payload);
    if (!parsedEvent.success) throw new Error("stored inbound payload is not an event");
    const event = parsedEvent.data;
    if (event.kind === "unreachable" || event.kind === "reachable") return event;

    const conversation = next.conversation;
    const ctx = chatContext(next.context, identityId, now, deps.settings, conversation?.updatedAt ?? null);
    const replies: Reply[] = [];
    let state: S | null = null;
    if (conversation?.state != null) {
      // An older state is migrated by the brain; only one it cannot read at all is dropped.
      state = deps.brain.restore(conversation.state, conversation.version);
      if (state === null) replies.push(...deps.brain.resetReplies(ctx));
    }
    const decision = deps.brain.decide(state, event, ctx);
    replies.push(...decision.replies);
    return { event, ctx, decision, replies };
  }

  /** The turn's write when its first decision asks for no effect; null when it needs the lock. */
  function decideAlone(identityId: string, next: NextMessage): TurnWrite | null {
    const now = deps.clock.now();
    const opening = open(identityId, next, now);
    if (!("decision" in opening) || opening.decision.effects.length > 0) return null;
    return turnWrite(identityId, next.id, now, opening);
  }

  /**
   * Decides the answer to the message (performing the effects it asks for); null when the message
   * was an event about the chat, written already.
   */
  async function handle(tx: Tx, identityId: string, next: NextMessage): Promise<TurnWrite | null> {
    const now = deps.clock.now();
    const inboundId = next.id;
    const opening = open(identityId, next, now);
    if (!("decision" in opening)) {
      await tx.chatIdentity.update({
        where: { id: identityId },
        data:
          opening.kind === "unreachable"
            ? { reachable: false, unreachableReason: opening.reason }
            : { reachable: true, unreachableReason: null },
      });
      await tx.inboundMessage.update({ where: { id: inboundId }, data: { processedAt: now } });
      return null;
    }

    let { ctx, decision } = opening;
    const replies = opening.replies;
    // Every result goes back to the brain, in the order the effects were asked for; the decisions
    // they cause may ask for more, a bounded number of rounds.
    let effects = decision.effects;
    for (let i = 0; effects.length > 0 && i < MAX_FOLLOW_UPS; i++) {
      const results: R[] = [];
      for (const effect of effects) {
        const result = await deps.brain.perform(tx, effect, ctx);
        if (result !== null) results.push(result);
      }
      effects = [];
      if (results.length === 0) break;
      ctx = await loadChatContext(tx, identityId, now, deps.settings, now);
      for (const result of results) {
        decision = deps.brain.decide(decision.state, { kind: "result", result }, ctx);
        replies.push(...decision.replies);
        effects.push(...decision.effects);
      }
    }
    return turnWrite(identityId, inboundId, now, { event: opening.event, ctx, decision, replies });
  }

  function turnWrite(identityId: string, inboundId: string, now: Date, turn: Opening): TurnWrite {
    const { ctx, decision } = turn;
    const layout = deps.layoutReplies ? deps.layoutReplies(ctx.channel, turn.replies) : turn.replies;
    return {
      identityId,
      inboundId,
      now,
      channel: ctx.channel,
      state: decision.state === null ? null : JSON.stringify(toJsonValue(decision.state)),
      flow: flowName(decision.state),
      replies: layout.map((reply, i) => ({
        id: randomUUID(),
        dedupeKey: `reply:${inboundId}:${i}`,
        reply: JSON.stringify(toJsonValue(reply)),
        // Same timestamp for the batch; the index keeps their order.
        createdAt: new Date(now.getTime() + i),
      })),
      redacted: scrubbed(turn.event),
    };
  }

  /** The apology for a message that could not be processed (its own transaction). */
  async function writeReplies(tx: Tx, ctx: ChatContext, turn: Reply[], inboundId: string): Promise<void> {
    const replies = deps.layoutReplies ? deps.layoutReplies(ctx.channel, turn) : turn;
    if (replies.length === 0) return;
    const now = deps.clock.now();
    await tx.outboundMessage.createMany({
      data: replies.map((reply, i) => ({
        channel: ctx.channel,
        identityId: ctx.identityId,
        kind: "REPLY" as const,
        priority: PRIORITY.REPLY,
        dedupeKey: `reply:${inboundId}:${i}`,
        reply: toJsonValue(reply),
        // Same timestamp for the batch; the index keeps their order.
        createdAt: new Date(now.getTime() + i),
      })),
    });
  }

  /** Returns the chat's channel, where the apology waits to be sent. */
  async function markFailed(identityId: string, inboundId: string, cause: unknown): Promise<ChatContext["channel"]> {
    const now = deps.clock.now();
    return deps.prisma.$transaction(async (tx) => {
      const ctx = await loadChatContext(tx, identityId, now, deps.settings, null);
      await tx.inboundMessage.update({
        where: { id: inboundId },
        data: { processedAt: now, error: cause instanceof Error ? cause.message.slice(0, 500) : "failed" },
      });
      await tx.conversation.upsert({
        where: { identityId },
        create: { identityId, version: deps.brain.stateVersion },
        // A turn decided without the lock checks the revision: this answer moves it too.
        update: { state: Prisma.DbNull, flow: null, revision: { increment: 1 } },
      });
      await writeReplies(tx, ctx, deps.brain.failureReplies(ctx), inboundId);
      return ctx.channel;
    }, TX);
  }

  return engine;
}

class ProcessingError extends Error {
  constructor(
    readonly inboundId: string,
    override readonly cause: unknown,
  ) {
    super("processing failed");
  }
}

// Once answered, a message is kept for the conversation's history, but the personal ID, phone or
// account number someone typed (to link their chat) is not kept in full (Law 91/2025: sensitive data).
function scrubbed(event: InboundBody): { text: string; payload: string } | null {
  if (event.kind !== "text") return null;
  const text = redactString(event.text);
  return text === event.text ? null : { text, payload: JSON.stringify(toJsonValue({ ...event, text })) };
}

function flowName(state: unknown): string | null {
  if (state && typeof state === "object" && "flow" in state && typeof state.flow === "string") return state.flow;
  return null;
}
