-- AlterTable
ALTER TABLE "Phase" ADD COLUMN "agent" TEXT;
ALTER TABLE "Phase" ADD COLUMN "model" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "agent" TEXT;
ALTER TABLE "Run" ADD COLUMN "model" TEXT;

