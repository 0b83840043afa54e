-- CreateIndex
CREATE INDEX "Payout_paidAt_idx" ON "Payout"("paidAt");
