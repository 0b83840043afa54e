-- DropIndex
DROP INDEX "InboundMessage_channel_platformMessageId_key";

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "dedupeKey" TEXT,
ADD COLUMN     "dedupeUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ZaloWindow" (
    "userId" TEXT NOT NULL,
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "lastMessageId" TEXT,
    "freeReplies" INTEGER NOT NULL DEFAULT 0,
    "proactive" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloWindow_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_dedupeKey_key" ON "InboundMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboundMessage_channel_platformMessageId_idx" ON "InboundMessage"("channel", "platformMessageId");

-- Messages received in the last two days keep their key, so a Zalo or web chat re-send arriving
-- across the upgrade is still recognised (Telegram's old keys were update ids, which are not kept).
UPDATE "InboundMessage"
SET "dedupeKey" = "channel"::text || ':' || "platformMessageId", "dedupeUntil" = "receivedAt" + interval '48 hours'
WHERE "receivedAt" > now() - interval '48 hours' AND "channel" <> 'TELEGRAM';
