-- CreateIndex
CREATE INDEX "Payout_status_periodId_beneficiaryId_idx" ON "Payout"("status", "periodId", "beneficiaryId");
