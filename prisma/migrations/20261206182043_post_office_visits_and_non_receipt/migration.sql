-- CreateEnum
CREATE TYPE "VisitOutcome" AS ENUM ('PAID_SELF', 'PAID_RELATIVE', 'NOT_HOME', 'DIED', 'MOVED', 'COMPLAINT');

-- AlterEnum
ALTER TYPE "StaffRole" ADD VALUE 'POST_OFFICE';

-- CreateTable
CREATE TABLE "PayoutVisit" (
    "id" TEXT NOT NULL,
    "payoutId" TEXT,
    "beneficiaryId" TEXT NOT NULL,
    "communeId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "outcome" "VisitOutcome" NOT NULL,
    "authorisationId" TEXT,
    "requestId" TEXT,
    "ticketId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NonReceiptReport" (
    "id" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "beneficiaryId" TEXT NOT NULL,
    "communeId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NonReceiptReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayoutVisit_beneficiaryId_createdAt_idx" ON "PayoutVisit"("beneficiaryId", "createdAt");

-- CreateIndex
CREATE INDEX "PayoutVisit_communeId_createdAt_idx" ON "PayoutVisit"("communeId", "createdAt");

-- CreateIndex
CREATE INDEX "PayoutVisit_payoutId_idx" ON "PayoutVisit"("payoutId");

-- CreateIndex
CREATE INDEX "NonReceiptReport_communeId_createdAt_idx" ON "NonReceiptReport"("communeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NonReceiptReport_payoutId_key" ON "NonReceiptReport"("payoutId");

-- AddForeignKey
ALTER TABLE "PayoutVisit" ADD CONSTRAINT "PayoutVisit_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonReceiptReport" ADD CONSTRAINT "NonReceiptReport_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;
