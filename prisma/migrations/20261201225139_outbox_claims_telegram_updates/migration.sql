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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "payload" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT,
    "guardianId" INTEGER,
    "claimToken" TEXT,
    "claimedUntil" DATETIME,
    "sealed" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Outbox" ("attempts", "body", "channel", "createdAt", "id", "lastError", "nextAttemptAt", "payload", "recipient", "sentAt", "subject") SELECT "attempts", "body", "channel", "createdAt", "id", "lastError", "nextAttemptAt", "payload", "recipient", "sentAt", "subject" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE INDEX "Outbox_sentAt_nextAttemptAt_idx" ON "Outbox"("sentAt", "nextAttemptAt");
CREATE INDEX "Outbox_channel_sentAt_nextAttemptAt_idx" ON "Outbox"("channel", "sentAt", "nextAttemptAt");
CREATE INDEX "Outbox_kind_sentAt_idx" ON "Outbox"("kind", "sentAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TelegramUpdate_handledAt_idx" ON "TelegramUpdate"("handledAt");

-- CreateIndex
CREATE INDEX "TelegramUpdate_receivedAt_idx" ON "TelegramUpdate"("receivedAt");
