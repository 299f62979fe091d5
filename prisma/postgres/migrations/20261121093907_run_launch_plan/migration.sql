-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "prompt" TEXT,
ADD COLUMN     "resumeFrom" TEXT,
ADD COLUMN     "stopRequested" TEXT;

