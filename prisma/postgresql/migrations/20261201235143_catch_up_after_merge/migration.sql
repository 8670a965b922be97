-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "attendance" TEXT,
ADD COLUMN     "attendanceAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Child" ADD COLUMN     "paiAllergens" TEXT,
ADD COLUMN     "paiProtocol" TEXT;

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "sender" TEXT,
ADD COLUMN     "status" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "guardianId" INTEGER,
ADD COLUMN     "kind" TEXT,
ADD COLUMN     "sealed" TEXT,
ADD COLUMN     "tries" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'agent';

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailSenderDay" (
    "address" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "withoutRequest" INTEGER NOT NULL DEFAULT 0,
    "unknownAnsweredAt" TIMESTAMP(3),

    CONSTRAINT "MailSenderDay_pkey" PRIMARY KEY ("address","day")
);

-- CreateTable
CREATE TABLE "TelegramUpdate" (
    "updateId" INTEGER NOT NULL,
    "chatId" TEXT,
    "payload" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "TelegramUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateTable
CREATE TABLE "ServiceLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "LoginFailure_key_at_idx" ON "LoginFailure"("key", "at");

-- CreateIndex
CREATE INDEX "TelegramUpdate_handledAt_idx" ON "TelegramUpdate"("handledAt");

-- CreateIndex
CREATE INDEX "TelegramUpdate_receivedAt_idx" ON "TelegramUpdate"("receivedAt");

-- CreateIndex
CREATE INDEX "Booking_date_serviceCode_state_idx" ON "Booking"("date", "serviceCode", "state");

-- CreateIndex
CREATE INDEX "InboundMessage_status_receivedAt_idx" ON "InboundMessage"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_sentAt_nextAttemptAt_idx" ON "Outbox"("channel", "sentAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_kind_sentAt_idx" ON "Outbox"("kind", "sentAt");

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;
