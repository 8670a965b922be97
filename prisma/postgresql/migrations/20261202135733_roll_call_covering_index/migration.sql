-- DropIndex
DROP INDEX "Booking_date_serviceCode_state_childId_idx";

-- CreateIndex
CREATE INDEX "Booking_day_idx" ON "Booking"("date", "serviceCode", "state", "childId", "attendance", "absenceJustified");
