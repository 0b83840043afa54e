// Zalo's reply window, per person (OA help centre, "Các loại tin của Zalo Official Account",
// article 64000261136): the OA may send 8 free replies within 48 h of the person's last message;
// the count starts again with each new message; the 9th, one sent later, or one sent with only
// user_id and no message_id, is a paid "proactive" message (a verified OA, and quota). Every
// instance counts against the same row, so together they never give away more than the budget.
import { z } from "zod";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";

export interface ZaloWindowRules {
  /** Free replies per window (ZALO_FREE_REPLIES, 8). */
  freeReplies: number;
  /** Hours the window lasts after the person's message (ZALO_FREE_REPLY_HOURS, 48). */
  hours: number;
}

export interface ZaloWindow {
  /** The person wrote (msg_id at Zalo's timestamp `at`): a new window, unless a later message made one. */
  noteMessage(userId: string, msgId: string, at: Date): Promise<void>;
  /** Takes `count` free replies now if the window has them; returns the message to quote, or null. */
  takeFree(userId: string, count: number, now: Date): Promise<{ quote: string | null } | null>;
  /** Gives back free replies a refused message did not use. */
  giveBack(userId: string, count: number): Promise<void>;
  /** The message the person last wrote, to quote even outside the window. */
  lastMessageId(userId: string): Promise<string | null>;
  /** Counts messages sent beyond the free budget (paid). */
  countProactive(userId: string, count: number): Promise<void>;
}

export function createZaloWindow(prisma: PrismaClient, rules: ZaloWindowRules): ZaloWindow {
  return {
    async noteMessage(userId, msgId, at) {
      await prisma.$executeRaw`
        INSERT INTO "ZaloWindow" ("userId", "lastMessageAt", "lastMessageId", "freeReplies", "proactive", "updatedAt")
        VALUES (${userId}, ${at}, ${msgId}, 0, 0, now())
        ON CONFLICT ("userId") DO UPDATE
          SET "lastMessageAt" = EXCLUDED."lastMessageAt", "lastMessageId" = EXCLUDED."lastMessageId", "freeReplies" = 0, "updatedAt" = now()
          WHERE "ZaloWindow"."lastMessageAt" < EXCLUDED."lastMessageAt"`;
    },
    async takeFree(userId, count, now) {
      const since = new Date(now.getTime() - rules.hours * 3_600_000);
      const rows = await queryRows(
        prisma,
        z.object({ lastMessageId: z.string().nullable() }),
        Prisma.sql`
        UPDATE "ZaloWindow" SET "freeReplies" = "freeReplies" + ${count}, "updatedAt" = now()
        WHERE "userId" = ${userId} AND "lastMessageAt" > ${since} AND "freeReplies" + ${count} <= ${rules.freeReplies}
        RETURNING "lastMessageId"`,
      );
      const row = rows[0];
      return row ? { quote: row.lastMessageId } : null;
    },
    async giveBack(userId, count) {
      await prisma.$executeRaw`
        UPDATE "ZaloWindow" SET "freeReplies" = GREATEST(0, "freeReplies" - ${count}), "updatedAt" = now() WHERE "userId" = ${userId}`;
    },
    async lastMessageId(userId) {
      const row = await prisma.zaloWindow.findUnique({ where: { userId }, select: { lastMessageId: true } });
      return row?.lastMessageId ?? null;
    },
    async countProactive(userId, count) {
      await prisma.$executeRaw`
        INSERT INTO "ZaloWindow" ("userId", "lastMessageAt", "lastMessageId", "freeReplies", "proactive", "updatedAt")
        VALUES (${userId}, to_timestamp(0), NULL, 0, ${count}, now())
        ON CONFLICT ("userId") DO UPDATE SET "proactive" = "ZaloWindow"."proactive" + ${count}, "updatedAt" = now()`;
    },
  };
}
