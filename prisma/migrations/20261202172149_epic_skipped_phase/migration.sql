-- AlterTable
ALTER TABLE "Epic" ADD COLUMN "skippedPhase" TEXT;

