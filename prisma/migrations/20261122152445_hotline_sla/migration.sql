-- AlterTable
ALTER TABLE "HotlineTicket" ADD COLUMN     "reassignments" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slaWarnedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "hotlineSupervisor" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "HotlineAlert" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HotlineAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HotlineAlert_key_key" ON "HotlineAlert"("key");

-- CreateIndex
CREATE INDEX "HotlineAlert_staffId_seenAt_idx" ON "HotlineAlert"("staffId", "seenAt");

-- CreateIndex
CREATE INDEX "HotlineTicket_identityId_status_idx" ON "HotlineTicket"("identityId", "status");

-- AddForeignKey
ALTER TABLE "HotlineAlert" ADD CONSTRAINT "HotlineAlert_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "HotlineTicket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotlineAlert" ADD CONSTRAINT "HotlineAlert_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
