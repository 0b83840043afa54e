-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('SCHEDULED', 'REMINDER', 'PAID', 'FAILED', 'UNCOLLECTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Channel" ADD VALUE 'ZNS';
ALTER TYPE "Channel" ADD VALUE 'SMS';

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "beneficiaryId" TEXT,
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "noticeKey" TEXT;

-- CreateTable
CREATE TABLE "SenderState" (
    "sender" TEXT NOT NULL,
    "nextSlotMs" DOUBLE PRECISION NOT NULL,
    "pausedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SenderState_pkey" PRIMARY KEY ("sender")
);

-- CreateTable
CREATE TABLE "SenderQuota" (
    "sender" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "remaining" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SenderQuota_pkey" PRIMARY KEY ("sender","day")
);

-- CreateTable
CREATE TABLE "PayoutNotice" (
    "payoutId" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "recipients" INTEGER NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutNotice_pkey" PRIMARY KEY ("payoutId","kind")
);

-- CreateIndex
CREATE INDEX "OutboundMessage_channel_status_priority_createdAt_id_idx" ON "OutboundMessage"("channel", "status", "priority" DESC, "createdAt", "id");

-- CreateIndex
CREATE INDEX "OutboundMessage_noticeKey_idx" ON "OutboundMessage"("noticeKey");

-- CreateIndex
CREATE INDEX "OutboundMessage_beneficiaryId_idx" ON "OutboundMessage"("beneficiaryId");

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutNotice" ADD CONSTRAINT "PayoutNotice_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;
