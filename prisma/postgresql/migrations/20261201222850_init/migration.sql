-- CreateTable
CREATE TABLE "Family" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guardian" (
    "id" SERIAL NOT NULL,
    "familyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "telegramChatId" TEXT,
    "accessState" TEXT NOT NULL DEFAULT 'inactive',
    "activatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Guardian_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Child" (
    "id" SERIAL NOT NULL,
    "familyId" INTEGER NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "className" TEXT NOT NULL,
    "mealType" TEXT NOT NULL DEFAULT 'standard',
    "pai" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Child_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "weekdays" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "bookingDeadline" TEXT NOT NULL,
    "cancellationDeadline" TEXT NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Closure" (
    "id" SERIAL NOT NULL,
    "date" TEXT NOT NULL,
    "serviceCode" TEXT,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "absenceReason" TEXT,
    "absenceJustified" BOOLEAN,
    "waitingSince" TIMESTAMP(3),
    "channel" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DayCount" (
    "serviceCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "absent" INTEGER NOT NULL DEFAULT 0,
    "waiting" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DayCount_pkey" PRIMARY KEY ("serviceCode","date")
);

-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" SERIAL NOT NULL,
    "guardianId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivationCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "guardianId" INTEGER,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "payload" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" INTEGER,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "familyId" INTEGER,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "familyId" INTEGER,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "dispatchedAt" TIMESTAMP(3),

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "guardianId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("guardianId")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
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

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Child" ADD CONSTRAINT "Child_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivationCode" ADD CONSTRAINT "ActivationCode_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "Guardian"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: Prisma's schema does not describe triggers.
-- DayCount follows every change of Booking, whoever makes it (as the SQLite
-- triggers of prisma/migrations/20261128102808_init do).
CREATE FUNCTION "Booking_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."state" IN ('booked', 'absent', 'waiting') THEN
        UPDATE "DayCount" SET
            "booked" = "booked" - (OLD."state" = 'booked')::int,
            "absent" = "absent" - (OLD."state" = 'absent')::int,
            "waiting" = "waiting" - (OLD."state" = 'waiting')::int
        WHERE "serviceCode" = OLD."serviceCode" AND "date" = OLD."date";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."state" IN ('booked', 'absent', 'waiting') THEN
        INSERT INTO "DayCount" ("serviceCode", "date", "booked", "absent", "waiting")
        VALUES (NEW."serviceCode", NEW."date", (NEW."state" = 'booked')::int, (NEW."state" = 'absent')::int, (NEW."state" = 'waiting')::int)
        ON CONFLICT ("serviceCode", "date") DO UPDATE SET
            "booked" = "DayCount"."booked" + excluded."booked",
            "absent" = "DayCount"."absent" + excluded."absent",
            "waiting" = "DayCount"."waiting" + excluded."waiting";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Booking_count_insert_delete" AFTER INSERT OR DELETE ON "Booking"
FOR EACH ROW EXECUTE FUNCTION "Booking_count"();

CREATE TRIGGER "Booking_count_update" AFTER UPDATE OF "state", "serviceCode", "date" ON "Booking"
FOR EACH ROW EXECUTE FUNCTION "Booking_count"();
