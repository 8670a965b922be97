-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "reason" TEXT;
ALTER TABLE "InboundMessage" ADD COLUMN "sender" TEXT;
ALTER TABLE "InboundMessage" ADD COLUMN "status" TEXT;

-- CreateTable
CREATE TABLE "MailSenderDay" (
    "address" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "withoutRequest" INTEGER NOT NULL DEFAULT 0,
    "unknownAnsweredAt" DATETIME,

    PRIMARY KEY ("address", "day")
);

-- CreateIndex
CREATE INDEX "InboundMessage_status_receivedAt_idx" ON "InboundMessage"("status", "receivedAt");
