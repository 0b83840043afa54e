-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" TEXT,
ADD COLUMN     "fireKey" TEXT,
ADD COLUMN     "materialisedAt" TIMESTAMP(3),
ADD COLUMN     "onlyBeneficiaryIds" JSONB,
ADD COLUMN     "recipients" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "BroadcastDelivery" ADD COLUMN     "channel" TEXT,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Broadcast_status_scheduledAt_idx" ON "Broadcast"("status", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_campaignId_fireKey_key" ON "Broadcast"("campaignId", "fireKey");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_broadcastId_status_idx" ON "BroadcastDelivery"("broadcastId", "status");
