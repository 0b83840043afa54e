// Receives every inbound event exactly once and answers it. Each message is stored before anything
// else happens (once per act of the person while the platform may re-send it, see inboundStore.ts,
// so a re-sent webhook is answered, not processed twice), then processed under a per-chat lock:
// one event per chat at a time, whichever instance holds it. Decisions, new state and outgoing replies commit together; a crash before the
// commit leaves the message unprocessed, and `recover` answers it after the restart.
import type { InboundEvent } from "../core/events.ts";
import { inboundBody, type InboundBody } from "../core/events.ts";
import { withoutNul } from "../lib/text.ts";
import { redactString } from "../lib/redact.ts";
import { connectionLoss } from "../lib/connectionLoss.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import { toJsonValue } from "../lib/json.ts";
import type { Logger } from "../lib/logger.ts";
import type { Brain, ChatContext, ChatSettings, Tx } from "./brain.ts";
import { loadChatContext } from "./chatContext.ts";
import { storeOnce } from "./inboundStore.ts";
import type { Reply } from "../core/reply.ts";

export interface EngineDeps<S, E, R> {
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  brain: Brain<S, E, R>;
  settings: ChatSettings;
  /** Called after replies were committed, so they go out at once. */
  onReplies?: () => void;
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

export function createConversationEngine<S, E, R>(deps: EngineDeps<S, E, R>): ConversationEngine {
  const pending = new Set<Promise<void>>();
  // Chats are processed a few at a time, each holding one database connection for its
  // transaction: the rest of the pool stays free for storing new messages (a webhook's answer
  // waits on that) and for sending replies. A chat is never queued or run twice at once here.
  const limit = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const waiting = new Map<string, number>(); // chat → retry count, in arrival order
  const running = new Set<string>();
  const again = new Set<string>(); // chats that got a message while being processed

  function schedule(identityId: string, retry = 0): void {
    if (running.has(identityId)) again.add(identityId);
    else if (!waiting.has(identityId)) waiting.set(identityId, retry);
    startWaiting();
  }

  function startWaiting(): void {
    for (const [identityId, retry] of waiting) {
      if (running.size >= limit) return;
      waiting.delete(identityId);
      running.add(identityId);
      const p = engine
        .process(identityId)
        .catch((err: unknown) => {
          deps.log.error({ err, identityId }, "processing failed");
          // Most often the database was away for a moment (a restart): try again soon rather than
          // at the next recovery sweep, a minute away; the sweep stays the backstop.
          if (retry < RETRIES)
            setTimeout(() => schedule(identityId, retry + 1), Math.min(5000, 500 * 2 ** retry)).unref();
        })
        .finally(() => {
          running.delete(identityId);
          if (again.delete(identityId)) schedule(identityId);
          else startWaiting();
        });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  }

  const engine: ConversationEngine = {
    async receive(event) {
      const now = deps.clock.now();
      const identity = await deps.prisma.chatIdentity.upsert({
        where: { channel_platformUserId: { channel: event.chat.channel, platformUserId: event.chat.platformUserId } },
        create: {
          channel: event.chat.channel,
          platformUserId: event.chat.platformUserId,
          displayName: event.displayName ? withoutNul(event.displayName) : null,
          locale: event.languageHint?.startsWith("en") ? "en" : "vi",
          lastInboundAt: now,
        },
        update: { lastInboundAt: now, ...(event.displayName ? { displayName: withoutNul(event.displayName) } : {}) },
      });
      const body = inboundBody.parse(event);
      const stored = await storeOnce(deps.prisma, now, deps.resendWindowMs ?? RESEND_WINDOW_MS, {
        channel: event.chat.channel,
        platformMessageId: event.messageId,
        identityId: identity.id,
        kind: body.kind,
        text: body.kind === "text" ? body.text : body.kind === "button" ? body.data : null,
        payload: toJsonValue(body),
        receivedAt: event.at,
      });
      const duplicate = !stored;
      if (duplicate)
        deps.log.info({ channel: event.chat.channel, messageId: event.messageId }, "duplicate inbound ignored");
      schedule(identity.id);
      return { duplicate, identityId: identity.id };
    },

    async process(identityId) {
      for (;;) {
        const done = await deps.prisma
          .$transaction(async (tx) => {
            // One event per chat at a time, across instances: the lock lives until this commit.
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${identityId}))`;
            const msg = await tx.inboundMessage.findFirst({
              where: { identityId, processedAt: null },
              orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
            });
            if (!msg) return true;
            await handle(tx, identityId, msg.id, msg.payload).catch(async (err: unknown) => {
              // Losing the database is not the message's fault: it stays unprocessed and is tried again.
              throw connectionLoss(err) ? err : new ProcessingError(msg.id, err);
            });
            return false;
          }, TX)
          .catch(async (err: unknown) => {
            if (!(err instanceof ProcessingError)) throw err;
            // A bug must not swallow the message or block the chat: keep it with the error, apologise.
            deps.log.error({ err: err.cause, inboundId: err.inboundId }, "message could not be processed");
            await markFailed(identityId, err.inboundId, err.cause);
            return false;
          });
        deps.onReplies?.();
        if (done) return;
      }
    },

    async recover() {
      const rows = await deps.prisma.inboundMessage.findMany({
        where: { processedAt: null, identityId: { not: null } },
        distinct: ["identityId"],
        select: { identityId: true },
      });
      for (const r of rows) if (r.identityId) schedule(r.identityId);
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

  async function handle(tx: Tx, identityId: string, inboundId: string, payload: unknown): Promise<void> {
    const now = deps.clock.now();
    const parsedEvent = inboundBody.safeParse(payload);
    if (!parsedEvent.success) throw new Error("stored inbound payload is not an event");
    const event = parsedEvent.data;

    if (event.kind === "unreachable" || event.kind === "reachable") {
      await tx.chatIdentity.update({
        where: { id: identityId },
        data:
          event.kind === "unreachable"
            ? { reachable: false, unreachableReason: event.reason }
            : { reachable: true, unreachableReason: null },
      });
      await tx.inboundMessage.update({ where: { id: inboundId }, data: { processedAt: now } });
      return;
    }

    const conversation = await tx.conversation.findUnique({ where: { identityId } });
    let ctx = await loadChatContext(tx, identityId, now, deps.settings, conversation?.updatedAt ?? null);
    const replies: Reply[] = [];
    let state: S | null = null;
    if (conversation?.state != null) {
      // An older state is migrated by the brain; only one it cannot read at all is dropped.
      state = deps.brain.restore(conversation.state, conversation.version);
      if (state === null) replies.push(...deps.brain.resetReplies(ctx));
    }

    let decision = deps.brain.decide(state, event, ctx);
    replies.push(...decision.replies);
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

    const stateJson = decision.state === null ? undefined : toJsonValue(decision.state);
    // updatedAt comes from the engine's clock, the same one idleMs is measured with.
    await tx.conversation.upsert({
      where: { identityId },
      create: {
        identityId,
        version: deps.brain.stateVersion,
        state: stateJson,
        flow: flowName(decision.state),
        updatedAt: now,
      },
      update: {
        updatedAt: now,
        version: deps.brain.stateVersion,
        state: stateJson ?? Prisma.DbNull,
        flow: flowName(decision.state),
        revision: { increment: 1 },
      },
    });
    await writeReplies(tx, ctx, replies, inboundId);
    await tx.inboundMessage.update({ where: { id: inboundId }, data: { processedAt: now, ...scrubbed(event) } });
  }

  async function writeReplies(tx: Tx, ctx: ChatContext, turn: Reply[], inboundId: string): Promise<void> {
    const replies = deps.layoutReplies ? deps.layoutReplies(ctx.channel, turn) : turn;
    if (replies.length === 0) return;
    const now = deps.clock.now();
    await tx.outboundMessage.createMany({
      data: replies.map((reply, i) => ({
        channel: ctx.channel,
        identityId: ctx.identityId,
        kind: "REPLY" as const,
        priority: 100, // people waiting in a chat go before bulk sends
        dedupeKey: `reply:${inboundId}:${i}`,
        reply: toJsonValue(reply),
        // Same timestamp for the batch; the index keeps their order.
        createdAt: new Date(now.getTime() + i),
      })),
    });
  }

  async function markFailed(identityId: string, inboundId: string, cause: unknown): Promise<void> {
    const now = deps.clock.now();
    await deps.prisma.$transaction(async (tx) => {
      const ctx = await loadChatContext(tx, identityId, now, deps.settings, null);
      await tx.inboundMessage.update({
        where: { id: inboundId },
        data: { processedAt: now, error: cause instanceof Error ? cause.message.slice(0, 500) : "failed" },
      });
      await tx.conversation.upsert({
        where: { identityId },
        create: { identityId, version: deps.brain.stateVersion },
        update: { state: Prisma.DbNull, flow: null },
      });
      await writeReplies(tx, ctx, deps.brain.failureReplies(ctx), inboundId);
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
function scrubbed(event: InboundBody): { text?: string | null; payload?: ReturnType<typeof toJsonValue> } {
  if (event.kind !== "text") return {};
  const text = redactString(event.text);
  return text === event.text ? {} : { text, payload: toJsonValue({ ...event, text }) };
}

function flowName(state: unknown): string | null {
  if (state && typeof state === "object" && "flow" in state && typeof state.flow === "string") return state.flow;
  return null;
}
