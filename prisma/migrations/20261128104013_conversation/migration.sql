-- CreateTable
CREATE TABLE "Conversation" (
    "guardianId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
