-- CreateIndex
CREATE INDEX "OutboundMessage_identityId_sentAt_idx" ON "OutboundMessage"("identityId", "sentAt");
