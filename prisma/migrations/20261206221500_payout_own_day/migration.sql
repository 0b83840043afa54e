-- CreateIndex
CREATE INDEX "Payout_periodId_scheduledDate_idx" ON "Payout"("periodId", "scheduledDate");
