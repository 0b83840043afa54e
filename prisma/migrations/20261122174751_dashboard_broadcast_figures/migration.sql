-- AlterTable
ALTER TABLE "DashboardFigure" ADD COLUMN     "broadcastFailed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "broadcastSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "broadcastUnreached" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "broadcastUnsent" INTEGER NOT NULL DEFAULT 0;

-- Counts stored before this have no officers' messages: drop them, so the page counts the month it
-- shows and the recount job counts the other months on its next run.
DELETE FROM "DashboardFigure";
