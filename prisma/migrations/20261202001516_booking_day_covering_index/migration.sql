-- DropIndex
DROP INDEX "Booking_date_serviceCode_state_idx";

-- CreateIndex
CREATE INDEX "Booking_date_serviceCode_state_childId_idx" ON "Booking"("date", "serviceCode", "state", "childId");
