// Drives the real conversation engine with the bot's brain against a test database: a test sends
// what a person would send and reads back the replies the bot queued, as i18n keys and params.
import { createConversationEngine, type ConversationEngine } from "../../src/conversation/engine.ts";
import type { ChatSettings } from "../../src/conversation/brain.ts";
import type { InboundBody } from "../../src/core/events.ts";
import { reply as replySchema, type Reply } from "../../src/core/reply.ts";
import { createBrain } from "../../src/features/chat/brain.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";

export const SETTINGS: ChatSettings = {
  identityMaxFailures: 5,
  identityWindowHours: 24,
  idleMinutes: 30,
  hotlinePhone: "1900 1234",
};

export interface Harness {
  engine: ConversationEngine;
  clock: ReturnType<typeof fixedClock>;
  /** A person chatting on the web chat under this browser id. */
  person(platformUserId: string): Person;
}

export interface Person {
  /** Sends one event and returns the replies it caused. */
  send(body: InboundBody | string, messageId?: string): Promise<Reply[]>;
  press(data: string): Promise<Reply[]>;
  identityId(): Promise<string>;
}

let counter = 0;

export function createHarness(
  prisma: PrismaClient,
  start = new Date("2026-07-15T03:00:00Z"),
  settings: ChatSettings = SETTINGS,
): Harness {
  const clock = fixedClock(start);
  const engine = createConversationEngine({
    prisma,
    log: createLogger({ level: "silent" }),
    clock,
    brain: createBrain(),
    settings,
  });

  return {
    engine,
    clock,
    person(platformUserId) {
      const chat = { channel: "WEB" as const, platformUserId };
      async function identityId(): Promise<string> {
        const row = await prisma.chatIdentity.findUniqueOrThrow({ where: { channel_platformUserId: chat } });
        return row.id;
      }
      async function repliesAfter(since: number): Promise<Reply[]> {
        const rows = await prisma.outboundMessage.findMany({
          where: { identityId: await identityId() },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: since,
        });
        return rows.map((r) => replySchema.parse(r.reply));
      }
      async function sent(): Promise<number> {
        const row = await prisma.chatIdentity.findUnique({ where: { channel_platformUserId: chat } });
        return row ? prisma.outboundMessage.count({ where: { identityId: row.id } }) : 0;
      }
      const person: Person = {
        async send(body, messageId = `m-${++counter}`) {
          const event = typeof body === "string" ? { kind: "text" as const, text: body } : body;
          const before = await sent();
          // People take a moment between messages; it also keeps the replies of each in order.
          clock.advance(1000);
          await engine.receive({ ...event, chat, messageId, at: clock.now() });
          await engine.settle();
          return repliesAfter(before);
        },
        press: (data) => person.send({ kind: "button", data }),
        identityId,
      };
      return person;
    },
  };
}

/** The text keys of each reply. */
export function keys(replies: Reply[]): string[][] {
  return replies.map((r) => r.text.map((t) => t.key));
}

export function buttons(replies: Reply[]): string[] {
  return (replies[replies.length - 1]?.buttons ?? []).flat().map((b) => b.data);
}
