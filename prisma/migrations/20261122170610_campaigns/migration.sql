-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "activatedById" TEXT,
ADD COLUMN     "approvalRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "communeIds" TEXT[],
ADD COLUMN     "sendTime" TEXT NOT NULL DEFAULT '08:00',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "active" SET DEFAULT false;

-- CreateTable
CREATE TABLE "CampaignFire" (
    "campaignId" TEXT NOT NULL,
    "fireKey" TEXT NOT NULL,
    "picked" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignFire_pkey" PRIMARY KEY ("campaignId","fireKey")
);

-- CreateIndex
CREATE INDEX "Campaign_active_idx" ON "Campaign"("active");

-- AddForeignKey
ALTER TABLE "CampaignFire" ADD CONSTRAINT "CampaignFire_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
