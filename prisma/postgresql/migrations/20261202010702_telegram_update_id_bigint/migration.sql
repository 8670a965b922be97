-- AlterTable
ALTER TABLE "TelegramUpdate" DROP CONSTRAINT "TelegramUpdate_pkey",
ALTER COLUMN "updateId" SET DATA TYPE BIGINT,
ADD CONSTRAINT "TelegramUpdate_pkey" PRIMARY KEY ("updateId");
