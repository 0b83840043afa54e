-- CreateTable
CREATE TABLE "DashboardFigure" (
    "periodId" TEXT NOT NULL,
    "communeId" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "active" INTEGER NOT NULL,
    "paid" INTEGER NOT NULL,
    "accountPaid" INTEGER NOT NULL,
    "linkedOwn" INTEGER NOT NULL,
    "linkedRelative" INTEGER NOT NULL,
    "ownChat" INTEGER NOT NULL,
    "relativeChat" INTEGER NOT NULL,
    "phoneOnly" INTEGER NOT NULL,
    "none" INTEGER NOT NULL,
    "noticesSent" INTEGER NOT NULL,
    "noticesFailed" INTEGER NOT NULL,
    "noticesSkipped" INTEGER NOT NULL,
    "noticesWaiting" INTEGER NOT NULL,
    "uncollected" INTEGER NOT NULL,
    "uncollectedAmount" BIGINT NOT NULL,
    "requestsPending" INTEGER NOT NULL,
    "ticketsOpen" INTEGER NOT NULL,
    "ticketsBreached" INTEGER NOT NULL,

    CONSTRAINT "DashboardFigure_pkey" PRIMARY KEY ("periodId","communeId")
);
