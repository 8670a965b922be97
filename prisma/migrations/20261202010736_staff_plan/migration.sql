-- CreateTable
CREATE TABLE "StaffPlan" (
    "date" TEXT NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "adults" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,

    PRIMARY KEY ("date", "serviceCode")
);
