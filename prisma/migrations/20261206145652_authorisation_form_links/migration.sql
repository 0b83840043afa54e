-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "formIssuedAt" TIMESTAMP(3),
ADD COLUMN     "formTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_formTokenHash_key" ON "ChangeRequest"("formTokenHash");
