-- CreateIndex
CREATE INDEX "OutboundMessage_unfinished_idx" ON "OutboundMessage"("identityId", "priority", "createdAt", "id") WHERE (status = ANY (ARRAY['QUEUED'::"DeliveryStatus", 'SENDING'::"DeliveryStatus"]));

-- The queue tables change status many times a minute: vacuumed and analysed early, so dead row
-- versions do not pile up in their indexes and the planner knows how few rows are waiting.
ALTER TABLE "OutboundMessage" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_limit = 2000);
ALTER TABLE "InboundMessage" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE "SenderState" SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "Lease" SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
