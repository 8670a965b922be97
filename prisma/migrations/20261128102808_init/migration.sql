-- CreateTable
CREATE TABLE "Family" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Guardian" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "familyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "telegramChatId" TEXT,
    "accessState" TEXT NOT NULL DEFAULT 'inactive',
    "activatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Guardian_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Child" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "familyId" INTEGER NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "className" TEXT NOT NULL,
    "mealType" TEXT NOT NULL DEFAULT 'standard',
    "pai" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Child_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Service" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "weekdays" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "bookingDeadline" TEXT NOT NULL,
    "cancellationDeadline" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Closure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "serviceCode" TEXT,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "absenceReason" TEXT,
    "absenceJustified" BOOLEAN,
    "waitingSince" DATETIME,
    "channel" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Booking_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DayCount" (
    "serviceCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "absent" INTEGER NOT NULL DEFAULT 0,
    "waiting" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("serviceCode", "date")
);

-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guardianId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActivationCode_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "Guardian" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "guardianId" INTEGER,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Outbox" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "familyId" INTEGER,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "familyId" INTEGER,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "dispatchedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Family_reference_key" ON "Family"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Guardian_telegramChatId_key" ON "Guardian"("telegramChatId");

-- CreateIndex
CREATE INDEX "Guardian_email_idx" ON "Guardian"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Guardian_familyId_email_key" ON "Guardian"("familyId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Child_familyId_firstName_lastName_key" ON "Child"("familyId", "firstName", "lastName");

-- CreateIndex
CREATE UNIQUE INDEX "Closure_date_serviceCode_key" ON "Closure"("date", "serviceCode");

-- CreateIndex
CREATE INDEX "Booking_waitingSince_idx" ON "Booking"("waitingSince");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_childId_serviceCode_date_key" ON "Booking"("childId", "serviceCode", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ActivationCode_codeHash_key" ON "ActivationCode"("codeHash");

-- CreateIndex
CREATE INDEX "ActivationCode_guardianId_idx" ON "ActivationCode"("guardianId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_channel_externalId_key" ON "InboundMessage"("channel", "externalId");

-- CreateIndex
CREATE INDEX "Outbox_sentAt_nextAttemptAt_idx" ON "Outbox"("sentAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AuditEvent_familyId_at_idx" ON "AuditEvent"("familyId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "DomainEvent_dispatchedAt_idx" ON "DomainEvent"("dispatchedAt");

-- Written by hand: Prisma's schema does not describe triggers.
-- DayCount follows every change of Booking, whoever makes it.
CREATE TRIGGER "Booking_count_insert" AFTER INSERT ON "Booking"
WHEN NEW."state" IN ('booked', 'absent', 'waiting')
BEGIN
    INSERT INTO "DayCount" ("serviceCode", "date", "booked", "absent", "waiting")
    VALUES (NEW."serviceCode", NEW."date", NEW."state" = 'booked', NEW."state" = 'absent', NEW."state" = 'waiting')
    ON CONFLICT ("serviceCode", "date") DO UPDATE SET
        "booked" = "booked" + excluded."booked",
        "absent" = "absent" + excluded."absent",
        "waiting" = "waiting" + excluded."waiting";
END;

CREATE TRIGGER "Booking_count_delete" AFTER DELETE ON "Booking"
WHEN OLD."state" IN ('booked', 'absent', 'waiting')
BEGIN
    UPDATE "DayCount" SET
        "booked" = "booked" - (OLD."state" = 'booked'),
        "absent" = "absent" - (OLD."state" = 'absent'),
        "waiting" = "waiting" - (OLD."state" = 'waiting')
    WHERE "serviceCode" = OLD."serviceCode" AND "date" = OLD."date";
END;

CREATE TRIGGER "Booking_count_update" AFTER UPDATE OF "state", "serviceCode", "date" ON "Booking"
BEGIN
    UPDATE "DayCount" SET
        "booked" = "booked" - (OLD."state" = 'booked'),
        "absent" = "absent" - (OLD."state" = 'absent'),
        "waiting" = "waiting" - (OLD."state" = 'waiting')
    WHERE "serviceCode" = OLD."serviceCode" AND "date" = OLD."date";
    INSERT INTO "DayCount" ("serviceCode", "date", "booked", "absent", "waiting")
    VALUES (NEW."serviceCode", NEW."date", NEW."state" = 'booked', NEW."state" = 'absent', NEW."state" = 'waiting')
    ON CONFLICT ("serviceCode", "date") DO UPDATE SET
        "booked" = "booked" + excluded."booked",
        "absent" = "absent" + excluded."absent",
        "waiting" = "waiting" + excluded."waiting";
END;
