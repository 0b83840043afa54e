-- DropIndex
DROP INDEX "Beneficiary_personalId_key";

-- DropIndex
DROP INDEX "PayoutAccount_beneficiaryId_method_accountNumber_key";

-- DropIndex
DROP INDEX "Relative_beneficiaryId_personalId_key";

-- AlterTable
ALTER TABLE "Beneficiary" ADD COLUMN     "personalIdHash" TEXT;

-- AlterTable
ALTER TABLE "PayoutAccount" ADD COLUMN     "accountNumberHash" TEXT;

-- AlterTable
ALTER TABLE "Relative" ADD COLUMN     "personalIdHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Beneficiary_personalIdHash_key" ON "Beneficiary"("personalIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutAccount_beneficiaryId_method_accountNumberHash_key" ON "PayoutAccount"("beneficiaryId", "method", "accountNumberHash");

-- CreateIndex
CREATE INDEX "Relative_personalIdHash_idx" ON "Relative"("personalIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "Relative_beneficiaryId_personalIdHash_key" ON "Relative"("beneficiaryId", "personalIdHash");
