-- CreateEnum
CREATE TYPE "LinkRole" AS ENUM ('SELF', 'REPRESENTATIVE');

-- CreateEnum
CREATE TYPE "LinkVia" AS ENUM ('LINK_CODE', 'IDENTITY_CHECK', 'AUTHORISATION');

-- CreateTable
CREATE TABLE "ChatLink" (
    "id" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "beneficiaryId" TEXT NOT NULL,
    "role" "LinkRole" NOT NULL,
    "via" "LinkVia" NOT NULL,
    "authorisationId" TEXT,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatLink_beneficiaryId_idx" ON "ChatLink"("beneficiaryId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatLink_identityId_beneficiaryId_key" ON "ChatLink"("identityId", "beneficiaryId");

-- CreateIndex
CREATE INDEX "InboundMessage_identityId_processedAt_idx" ON "InboundMessage"("identityId", "processedAt");

-- AddForeignKey
ALTER TABLE "ChatLink" ADD CONSTRAINT "ChatLink_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChatIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatLink" ADD CONSTRAINT "ChatLink_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE CASCADE ON UPDATE CASCADE;
