-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "claimToken" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "claimedUntil" DATETIME;
ALTER TABLE "Outbox" ADD COLUMN "guardianId" INTEGER;
ALTER TABLE "Outbox" ADD COLUMN "kind" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "sealed" TEXT;

-- CreateTable
CREATE TABLE "TelegramUpdate" (
    "updateId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT,
    "payload" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME
);

-- CreateTable
CREATE TABLE "ServiceLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "TelegramUpdate_handledAt_idx" ON "TelegramUpdate"("handledAt");

-- CreateIndex
CREATE INDEX "TelegramUpdate_receivedAt_idx" ON "TelegramUpdate"("receivedAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_sentAt_nextAttemptAt_idx" ON "Outbox"("channel", "sentAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_kind_sentAt_idx" ON "Outbox"("kind", "sentAt");
