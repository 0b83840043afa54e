-- AlterTable
ALTER TABLE "Authorisation" ADD COLUMN     "requestId" TEXT;

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "formToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Authorisation_requestId_key" ON "Authorisation"("requestId");

-- CreateIndex
CREATE INDEX "Authorisation_status_validUntil_idx" ON "Authorisation"("status", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_formToken_key" ON "ChangeRequest"("formToken");

-- CreateIndex
CREATE INDEX "ChangeRequest_beneficiaryId_status_idx" ON "ChangeRequest"("beneficiaryId", "status");

-- CreateIndex
CREATE INDEX "ChangeRequest_submittedById_kind_status_idx" ON "ChangeRequest"("submittedById", "kind", "status");

-- AddForeignKey
ALTER TABLE "Authorisation" ADD CONSTRAINT "Authorisation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
