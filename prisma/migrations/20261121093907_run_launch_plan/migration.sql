-- AlterTable
ALTER TABLE "Run" ADD COLUMN "prompt" TEXT;
ALTER TABLE "Run" ADD COLUMN "resumeFrom" TEXT;
ALTER TABLE "Run" ADD COLUMN "stopRequested" TEXT;

