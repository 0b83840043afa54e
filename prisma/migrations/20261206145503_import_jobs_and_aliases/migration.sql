-- CreateEnum
CREATE TYPE "ImportAliasKind" AS ENUM ('CATEGORY', 'COMMUNE');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ImportAlias" (
    "id" TEXT NOT NULL,
    "kind" "ImportAliasKind" NOT NULL,
    "wording" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "createdById" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "staffId" TEXT,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "data" BYTEA,
    "dryRun" BOOLEAN NOT NULL,
    "skipInvalid" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "status" "ImportJobStatus" NOT NULL DEFAULT 'QUEUED',
    "phase" TEXT,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "owner" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runId" TEXT,
    "checkedJobId" TEXT,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportAlias_kind_key_key" ON "ImportAlias"("kind", "key");

-- CreateIndex
CREATE INDEX "ImportJob_status_createdAt_idx" ON "ImportJob"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ImportJob_staffId_createdAt_idx" ON "ImportJob"("staffId", "createdAt");
