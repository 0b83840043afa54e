-- CreateEnum
CREATE TYPE "PolicyOrigin" AS ENUM ('SEED', 'OFFICER');

-- CreateEnum
CREATE TYPE "ResolutionKind" AS ENUM ('LEVEL', 'AMOUNT', 'TOP_UP');

-- CreateEnum
CREATE TYPE "PolicyTable" AS ENUM ('BASE_LEVEL', 'CATEGORY', 'CATEGORY_AMOUNT', 'RATE_TABLE', 'RESOLUTION');

-- CreateEnum
CREATE TYPE "PolicyChangeStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AmountRule" ADD VALUE 'RATE_TABLE';
ALTER TYPE "AmountRule" ADD VALUE 'PER_BASE_LEVEL';

-- AlterTable
ALTER TABLE "Beneficiary" ADD COLUMN     "statusEffectiveOn" DATE;

-- AlterTable
ALTER TABLE "BenefitCategory" ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedBy" TEXT,
ADD COLUMN     "effectiveFrom" DATE,
ADD COLUMN     "effectiveTo" DATE,
ADD COLUMN     "enteredBy" TEXT NOT NULL DEFAULT 'system',
ADD COLUMN     "includes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "origin" "PolicyOrigin" NOT NULL DEFAULT 'SEED',
ADD COLUMN     "rateKind" TEXT,
ADD COLUMN     "rateTable" TEXT,
ADD COLUMN     "repealedBy" TEXT,
ADD COLUMN     "replacedByCode" TEXT,
ADD COLUMN     "seedHash" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "PolicyBaseLevel" ADD COLUMN     "appliedFrom" DATE,
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedBy" TEXT,
ADD COLUMN     "enteredBy" TEXT NOT NULL DEFAULT 'system',
ADD COLUMN     "origin" "PolicyOrigin" NOT NULL DEFAULT 'SEED',
ADD COLUMN     "seedHash" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "PolicyCategoryAmount" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "coefficient" DECIMAL(6,3),
    "amount" INTEGER,
    "baseLevel" INTEGER,
    "legalBasis" TEXT NOT NULL,
    "source" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT true,
    "origin" "PolicyOrigin" NOT NULL DEFAULT 'SEED',
    "seedHash" TEXT,
    "enteredBy" TEXT NOT NULL DEFAULT 'system',
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyCategoryAmount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyRateTable" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "baseLevel" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "source" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT true,
    "origin" "PolicyOrigin" NOT NULL DEFAULT 'SEED',
    "seedHash" TEXT,
    "enteredBy" TEXT NOT NULL DEFAULT 'system',
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyRateTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyRateRow" (
    "tableId" TEXT NOT NULL,
    "rate" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "PolicyRateRow_pkey" PRIMARY KEY ("tableId","rate")
);

-- CreateTable
CREATE TABLE "ProvincialResolution" (
    "id" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "programme" "Programme" NOT NULL,
    "categoryCode" TEXT,
    "kind" "ResolutionKind" NOT NULL,
    "amount" INTEGER NOT NULL,
    "resolutionNo" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "effectiveTo" DATE,
    "legalBasis" TEXT NOT NULL,
    "source" TEXT,
    "origin" "PolicyOrigin" NOT NULL DEFAULT 'SEED',
    "seedKey" TEXT,
    "seedHash" TEXT,
    "enteredBy" TEXT NOT NULL DEFAULT 'system',
    "confirmedBy" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvincialResolution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyChange" (
    "id" TEXT NOT NULL,
    "table" "PolicyTable" NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "status" "PolicyChangeStatus" NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "enteredById" TEXT NOT NULL,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "PolicyChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyCategoryAmount_categoryId_key_key" ON "PolicyCategoryAmount"("categoryId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyRateTable_code_baseLevel_key" ON "PolicyRateTable"("code", "baseLevel");

-- CreateIndex
CREATE UNIQUE INDEX "ProvincialResolution_seedKey_key" ON "ProvincialResolution"("seedKey");

-- CreateIndex
CREATE INDEX "ProvincialResolution_provinceCode_idx" ON "ProvincialResolution"("provinceCode");

-- CreateIndex
CREATE INDEX "PolicyChange_status_enteredAt_idx" ON "PolicyChange"("status", "enteredAt");

-- CreateIndex
CREATE INDEX "PolicyChange_table_targetId_idx" ON "PolicyChange"("table", "targetId");

-- AddForeignKey
ALTER TABLE "PolicyCategoryAmount" ADD CONSTRAINT "PolicyCategoryAmount_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "BenefitCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyRateRow" ADD CONSTRAINT "PolicyRateRow_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "PolicyRateTable"("id") ON DELETE CASCADE ON UPDATE CASCADE;
