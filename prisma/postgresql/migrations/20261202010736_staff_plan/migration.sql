-- CreateTable
CREATE TABLE "StaffPlan" (
    "date" TEXT NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "adults" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "StaffPlan_pkey" PRIMARY KEY ("date","serviceCode")
);
