-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TelegramUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "chatId" TEXT,
    "payload" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "handledAt" DATETIME
);
INSERT INTO "new_TelegramUpdate" ("chatId", "handledAt", "payload", "receivedAt", "updateId") SELECT "chatId", "handledAt", "payload", "receivedAt", "updateId" FROM "TelegramUpdate";
DROP TABLE "TelegramUpdate";
ALTER TABLE "new_TelegramUpdate" RENAME TO "TelegramUpdate";
CREATE INDEX "TelegramUpdate_handledAt_idx" ON "TelegramUpdate"("handledAt");
CREATE INDEX "TelegramUpdate_receivedAt_idx" ON "TelegramUpdate"("receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
